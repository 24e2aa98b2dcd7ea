import type { Context, MiddlewareHandler } from 'hono';
import { runIdFromCookie } from '../runs/run-cookie.ts';
import type { RunRegistry } from '../runs/run-registry.ts';
import type { Run } from '../runs/run.ts';
import type { HostEnv } from './host-env.ts';

/**
 * The hacker's client has no cookies of the reader; it names the run in these headers instead.
 * Only the demo server's own hacker sends them, and a run id cannot be guessed.
 */
export const HACKER_ACTOR_HEADER = 'x-demo-actor';
export const HACKER_RUN_HEADER = 'x-demo-run';

/**
 * Finds the run a request belongs to, and who sent it; without one, `onMissing` answers. A host the
 * run cookie cannot reach (another site) passes `orElse`, another way to recognise the reader's run.
 */
export function lookUpRun(
  registry: RunRegistry,
  onMissing: (c: Context) => Response | Promise<Response>,
  orElse?: (c: Context) => Promise<Run | undefined>,
): MiddlewareHandler<HostEnv> {
  return async (c, next) => {
    const fromHacker = c.req.header(HACKER_ACTOR_HEADER) === 'Hacker';
    const run = registry.find(fromHacker ? c.req.header(HACKER_RUN_HEADER) : runIdFromCookie(c)) ?? (fromHacker ? undefined : await orElse?.(c));
    if (!run) return onMissing(c);
    c.set('run', run);
    c.set('actor', fromHacker ? 'Hacker' : 'Browser');
    return next();
  };
}
