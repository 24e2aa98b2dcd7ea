import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/**
 * The reader's run id lives only in this cookie: HttpOnly (page script, including the framed apps',
 * cannot read it) and scoped to the parent domain, so it also reaches the app and login hosts,
 * which is how their requests are attributed to the run.
 */
export const RUN_COOKIE = 'demo_run';

const attributes = (domain: string, c: Context) =>
  ({ domain, path: '/', httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' }) as const;

export function setRunCookie(c: Context, domain: string, runId: string): void {
  setCookie(c, RUN_COOKIE, runId, attributes(domain, c));
}

export function expireRunCookie(c: Context, domain: string): void {
  setCookie(c, RUN_COOKIE, '', { ...attributes(domain, c), maxAge: 0, expires: new Date(0) });
}

export function runIdFromCookie(c: Context): string | undefined {
  return getCookie(c, RUN_COOKIE);
}
