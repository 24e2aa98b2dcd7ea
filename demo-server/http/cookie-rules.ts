/**
 * The browser's rules for keeping a cookie, shared by the lab's cookie jar and the server's record
 * of what the reader's browser holds, so both read a Set-Cookie header the same way.
 */
import type { Exchange, SetCookie } from '../protocol.ts';

/** Where a kept cookie belongs: the host that set it (host-only), or every host under its Domain. */
export interface CookieScope {
  scope: string;
  hostOnly: boolean;
  path: string;
}

export function scopeOf(cookie: SetCookie, host: string): CookieScope {
  return { scope: cookie.domain ? cookie.domain.replace(/^\./, '').toLowerCase() : host, hostOnly: !cookie.domain, path: cookie.path ?? '/' };
}

export function covers({ scope, hostOnly }: Pick<CookieScope, 'scope' | 'hostOnly'>, host: string): boolean {
  return hostOnly ? host === scope : host === scope || host.endsWith(`.${scope}`);
}

/** One cookie's identity in a jar: a cookie set again under the same name and scope replaces it. */
export const cookieKey = (name: string, { scope, hostOnly, path }: CookieScope) => `${name};${scope};${path};${hostOnly ? 'h' : 'd'}`;

/**
 * When the browser drops a cookie received at `receivedAt` (epoch ms of its own clock): Max-Age
 * counts from receipt, Expires is a date. Undefined for a session cookie; at or before `receivedAt`
 * for a Set-Cookie that deletes it.
 */
export function droppedAt(cookie: SetCookie, receivedAt: number): number | undefined {
  if (cookie.maxAge !== undefined) return receivedAt + cookie.maxAge * 1000;
  return cookie.expires ? Date.parse(cookie.expires) : undefined;
}

/** The browser's clock when the answer arrived. */
export const receivedAt = (exchange: Pick<Exchange, 'startedAt' | 'response'>) => exchange.startedAt + (exchange.response?.durationMs ?? 0);

/**
 * Why the browser refused to store a cookie from this answer, or null when it kept it. Without a
 * SameSite attribute a cookie counts as Lax; only a page navigation may set Lax cookies cross-site.
 */
export function refusalOf(exchange: Pick<Exchange, 'from' | 'request'>, cookie: SetCookie): string | null {
  if (exchange.from !== 'Browser' || exchange.request.fetchSite !== 'cross-site' || exchange.request.fetchDest === 'document') return null;
  const sameSite = cookie.sameSite ?? 'Lax';
  return sameSite === 'None' ? null : `SameSite=${sameSite} on an answer to a cross-site request`;
}
