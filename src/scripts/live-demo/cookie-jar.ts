/**
 * What the reader's browser holds, per host, rebuilt from the Set-Cookie headers
 * of the run's exchanges with the browser's own cookie rules: a host-only cookie
 * stays on its host, a `Domain` cookie covers every host under that domain, a
 * cookie set again under the same name, domain and path replaces the old one, and
 * an answer to a cross-site fetch cannot set a SameSite=Lax or Strict cookie.
 */
import type { Exchange, SetCookie } from '../../../demo-server/protocol.ts';

export interface JarCookie {
  name: string;
  value: string;
  /** The host that set it (host-only), or the domain it covers. */
  scope: string;
  hostOnly: boolean;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: string;
  /** Expiry as epoch ms in the run's own time, or undefined for a session cookie. */
  expiresAt?: number;
  /** Exchange that set it. */
  setBy: number;
}

export class CookieJar {
  #cookies = new Map<string, JarCookie>();

  /** Applies the Set-Cookie headers of a response the browser received. */
  receive(exchange: Exchange, runOffsetMs: number): void {
    if (exchange.from !== 'Browser' || !exchange.response) return;
    const host = new URL(exchange.url).hostname;
    const receivedAt = exchange.startedAt + runOffsetMs;
    for (const cookie of exchange.response.setCookies) {
      if (!refusalOf(exchange, cookie)) this.#set(cookie, host, receivedAt, exchange.id);
    }
  }

  /** Cookies the browser would send to `host` (path `/`), at run time `now`. */
  for(host: string, now: number): JarCookie[] {
    return [...this.#cookies.values()].filter(
      (c) => (c.hostOnly ? c.scope === host : host === c.scope || host.endsWith(`.${c.scope}`)) && (c.expiresAt === undefined || c.expiresAt > now),
    );
  }

  #set(cookie: SetCookie, host: string, receivedAt: number, exchangeId: number): void {
    const scope = cookie.domain ? cookie.domain.replace(/^\./, '') : host;
    const path = cookie.path ?? '/';
    const key = `${cookie.name};${scope};${path};${cookie.domain ? 'd' : 'h'}`;
    const expiresAt =
      cookie.maxAge !== undefined ? receivedAt + cookie.maxAge * 1000 : cookie.expires ? Date.parse(cookie.expires) : undefined;
    if (expiresAt !== undefined && expiresAt <= receivedAt) {
      this.#cookies.delete(key);
      return;
    }
    this.#cookies.set(key, {
      name: cookie.name,
      value: cookie.value,
      scope,
      hostOnly: !cookie.domain,
      path,
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      ...(cookie.sameSite ? { sameSite: cookie.sameSite } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      setBy: exchangeId,
    });
  }
}

/**
 * Why the browser refused to store a cookie from this answer, or null when it kept it. Without a
 * SameSite attribute a cookie counts as Lax; only a page navigation may set Lax cookies cross-site.
 */
export function refusalOf(exchange: Pick<Exchange, 'from' | 'request'>, cookie: SetCookie): string | null {
  if (exchange.from !== 'Browser' || exchange.request.fetchSite !== 'cross-site' || exchange.request.fetchDest === 'document') return null;
  const sameSite = cookie.sameSite ?? 'Lax';
  return sameSite === 'None' ? null : `SameSite=${sameSite} on an answer to a cross-site request`;
}
