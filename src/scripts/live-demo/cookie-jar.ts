/**
 * What the reader's browser holds, per host, rebuilt from the Set-Cookie headers of the run's
 * exchanges with the browser's own rules (demo-server/http/cookie-rules.ts).
 *
 * Two clocks matter. The browser keeps a cookie until its own, real clock passes the cookie's
 * expiry; the demo clock only moves the servers' time. So a cookie stays in the jar as long as the
 * browser really holds it, and is marked when it has expired on the run's clock: the browser still
 * sends it, but had that time really passed, it would have dropped it.
 */
import type { Exchange } from '../../../demo-server/protocol.ts';
import { cookieKey, covers, droppedAt, receivedAt, refusalOf, scopeOf } from '../../../demo-server/http/cookie-rules.ts';

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
  /** When the browser drops it, in real time (epoch ms); undefined for a session cookie. */
  droppedAt?: number;
  /** When it expires on the run's clock (epoch ms of run time); undefined for a session cookie. */
  expiresAt?: number;
  /** Exchange that set it. */
  setBy: number;
}

export class CookieJar {
  #cookies = new Map<string, JarCookie>();

  /** Applies the Set-Cookie headers of a response the browser received. */
  receive(exchange: Exchange): void {
    if (exchange.from !== 'Browser' || !exchange.response) return;
    const host = new URL(exchange.url).hostname;
    const realNow = receivedAt(exchange);
    const runNow = realNow + exchange.clockOffsetSeconds * 1000;
    for (const cookie of exchange.response.setCookies) {
      if (refusalOf(exchange, cookie)) continue;
      const scope = scopeOf(cookie, host);
      const key = cookieKey(cookie.name, scope);
      const dropped = droppedAt(cookie, realNow);
      if (dropped !== undefined && dropped <= realNow) {
        this.#cookies.delete(key);
        continue;
      }
      // Max-Age counts from receipt on either clock; an Expires date is the same date on both.
      const lifetime = dropped === undefined ? {} : { droppedAt: dropped, expiresAt: cookie.maxAge !== undefined ? runNow + cookie.maxAge * 1000 : dropped };
      this.#cookies.set(key, {
        name: cookie.name,
        value: cookie.value,
        ...scope,
        httpOnly: cookie.httpOnly,
        secure: cookie.secure,
        ...(cookie.sameSite ? { sameSite: cookie.sameSite } : {}),
        ...lifetime,
        setBy: exchange.id,
      });
    }
  }

  /** Cookies the browser holds for `host` (path `/`) at `realNow`, its own clock: those it sends there. */
  heldFor(host: string, realNow: number): JarCookie[] {
    return [...this.#cookies.values()].filter((c) => covers(c, host) && (c.droppedAt === undefined || c.droppedAt > realNow));
  }
}

/** Whether the cookie has expired on the run's clock (at run time `runNow`), whatever the browser's own clock says. */
export const expiredOnRunClock = (cookie: JarCookie, runNow: number): boolean => cookie.expiresAt !== undefined && cookie.expiresAt <= runNow;
