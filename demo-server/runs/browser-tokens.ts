import { cookieKey, covers, droppedAt, receivedAt, refusalOf, scopeOf, type CookieScope } from '../http/cookie-rules.ts';
import type { Exchange } from '../protocol.ts';
import type { HeldToken } from '../vocabulary.ts';

interface HeldCookie extends Pick<CookieScope, 'scope' | 'hostOnly'> {
  name: string;
  value: string;
  /** Order of the evidence: the later of two cookies that both reach a host is the one the browser holds. */
  seen: number;
}

/**
 * The reader's browser's tokens as a thief copying them would find them. Two kinds of evidence,
 * both seen on the wire: the cookies a request carried (exactly what the browser held for that host
 * then), and the cookies an answer set that the browser's rules let it keep (what it holds from then
 * on, before it sends them anywhere). The later one wins, so after the Forums' login replaces the
 * Store's refresh token cookie, the thief gets the Forums' one. A cookie the browser deletes keeps
 * its last value: a thief who copied it before logout still has that copy.
 *
 * Page script's bearer token is the one it last sent: the SPA sends the JWT it keeps with every
 * call, right after storing it. The code is the one the browser last carried to a redirect URI,
 * where it stays in the address, the history and the app's logs.
 */
export class BrowserTokens {
  readonly #cookies = new Map<string, HeldCookie>();
  readonly #bearers = new Map<string, string>();
  readonly #codes = new Map<string, string>();
  #seen = 0;

  /** A request of the browser to `host` carried these cookies, this bearer token and this authorization code. */
  sent(host: string, cookies: Record<string, string>, bearer: string | undefined, code?: string): void {
    const scope = { scope: host, hostOnly: true, path: '/' };
    for (const [name, value] of Object.entries(cookies)) this.#hold(name, value, scope);
    if (bearer) this.#bearers.set(host, bearer);
    if (code) this.#codes.set(host, code);
  }

  /** The browser received the answer to one of its requests: it keeps the cookies its rules allow. */
  received(exchange: Exchange): void {
    if (exchange.from !== 'Browser' || !exchange.response) return;
    const host = new URL(exchange.url).hostname;
    for (const cookie of exchange.response.setCookies) {
      const dropped = droppedAt(cookie, receivedAt(exchange));
      if (refusalOf(exchange, cookie) || (dropped !== undefined && dropped <= receivedAt(exchange))) continue;
      this.#hold(cookie.name, cookie.value, scopeOf(cookie, host));
    }
  }

  /** The token's value as the browser holds it for `host` now, or as it last held it. */
  held(host: string, token: HeldToken): string | undefined {
    if ('bearer' in token) return this.#bearers.get(host);
    if ('code' in token) return this.#codes.get(host);
    let latest: HeldCookie | undefined;
    for (const cookie of this.#cookies.values()) {
      if (cookie.name === token.cookie && covers(cookie, host) && (!latest || cookie.seen > latest.seen)) latest = cookie;
    }
    return latest?.value;
  }

  #hold(name: string, value: string, scope: CookieScope): void {
    this.#cookies.set(cookieKey(name, scope), { name, value, scope: scope.scope, hostOnly: scope.hostOnly, seen: ++this.#seen });
  }
}
