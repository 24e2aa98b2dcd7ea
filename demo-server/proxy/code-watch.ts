import type { MiddlewareHandler } from 'hono';
import type { HostEnv } from '../runs/host-env.ts';

/**
 * Where the identity provider sends the reader's browser back to an app with a code, the run's code
 * watcher (the thief of the stolen-code attack, if one is waiting) sees the redirect first, as a
 * leaky proxy or a browser extension on the way would.
 */
export function showCodesToWatcher(appOrigins: readonly string[]): MiddlewareHandler<HostEnv> {
  return async (c, next) => {
    await next();
    const location = c.res.headers.get('location');
    if (c.get('actor') !== 'Browser' || !location || !URL.canParse(location)) return;
    const redirect = new URL(location);
    if (!appOrigins.includes(redirect.origin) || !redirect.searchParams.has('code')) return;
    await c.get('run').takeCodeWatch()?.(redirect);
  };
}
