import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ClientLimits } from '../config.ts';
import type { DemoError } from '../protocol.ts';
import type { HostEnv } from '../runs/host-env.ts';
import type { ClientEnv } from './client-address.ts';

/** What one client address may do only so often: each costs the identity provider or the server real work. */
export type RateLimitedAction = 'run-start' | 'login' | 'attack';

const WINDOW_SECONDS = 60;

const WHAT: Record<RateLimitedAction, string> = { 'run-start': 'demo runs started', login: 'logins', attack: 'attacks' };

/** A refusal the panel or the framed app shows as it is: what was refused, the limit, and when to try again. */
export class RateLimited {
  readonly action: RateLimitedAction;
  readonly retryAfterSeconds: number;
  readonly sentence: string;

  constructor(action: RateLimitedAction, perMinute: number, retryAfterSeconds: number) {
    this.action = action;
    this.retryAfterSeconds = retryAfterSeconds;
    this.sentence =
      `Too many ${WHAT[action]} from your network address: the public demo allows ${perMinute} a minute to each, so that every reader gets a turn. ` +
      `Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`;
  }
}

/** Per-client fixed one-minute windows (rate-limiter-flexible's in-memory counters, each dropped when its window ends). */
export class ClientRateLimits {
  readonly #limiters: Record<RateLimitedAction, { limiter: RateLimiterMemory; perMinute: number }>;

  constructor(limits: ClientLimits) {
    const limiter = (perMinute: number) => ({ limiter: new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS }), perMinute });
    this.#limiters = { 'run-start': limiter(limits.runStartsPerMinute), login: limiter(limits.loginsPerMinute), attack: limiter(limits.attacksPerMinute) };
  }

  /** Counts one `action` of `client`: undefined when allowed, else the refusal. */
  async take(action: RateLimitedAction, client: string): Promise<RateLimited | undefined> {
    const { limiter, perMinute } = this.#limiters[action];
    try {
      await limiter.consume(client);
      return undefined;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return new RateLimited(action, perMinute, Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    }
  }
}

/** A 429 with Retry-After: JSON for script (the panel, an SPA), plain text for a page the browser shows. */
export function tooManyRequests(c: Context, refusal: RateLimited): Response {
  c.header('Retry-After', String(refusal.retryAfterSeconds));
  c.header('Cache-Control', 'no-store');
  return c.req.header('sec-fetch-dest') === 'document' || c.req.header('sec-fetch-dest') === 'iframe'
    ? c.text(refusal.sentence, 429)
    : c.json({ error: refusal.sentence } satisfies DemoError, 429);
}

/** The requests that log in (and so make the identity provider hash a password): the apps' login posts and the provider's login forms. */
const LOGIN_POSTS = /^\/(api\/)?login$|^\/oauth2\/authorize$/;

/**
 * Counts each login post against its client. The hacker's requests come from the server itself, so
 * they count against the client whose run they attack. Placed after the trace, so the reader sees
 * the refused login in it.
 */
export function limitLogins(limits: ClientRateLimits): MiddlewareHandler<HostEnv & ClientEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST' || !LOGIN_POSTS.test(c.req.path)) return next();
    const refusal = await limits.take('login', c.get('actor') === 'Hacker' ? c.get('run').client : c.env.client);
    return refusal ? tooManyRequests(c, refusal) : next();
  };
}
