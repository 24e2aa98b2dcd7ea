import type { Context, MiddlewareHandler } from 'hono';
import type { HostEnv } from '../runs/host-env.ts';
import { runIdFromCookie } from '../runs/run-cookie.ts';
import type { RunRegistry } from '../runs/run-registry.ts';
import type { Run } from '../runs/run.ts';
import { HACKER_ACTOR_HEADER, HACKER_RUN_HEADER } from '../vocabulary.ts';

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
