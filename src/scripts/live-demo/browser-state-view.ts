/**
 * What the reader's browser holds right now, per host: the cookies of its jar and the entries of
 * the host's storages, with the JWTs among them and their remaining life on the run's own clock.
 */
import { h } from './dom.ts';
import { CookieJar, expiredOnRunClock, type JarCookie } from './cookie-jar.ts';
import { decodeJwt, describeRemaining } from './jwt.ts';
import { tokenValue } from './trace-view.ts';

/** The storages page script on one origin can read, as a framed page of that origin reports them. */
export interface PageStorage {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
}

export class BrowserStateView {
  readonly element = h('div', { class: 'browser-state' });
  #hosts: string[] = [];
  /** Storage stays in the browser when the frame moves on, so each host keeps its page's last report. */
  readonly #storage = new Map<string, PageStorage>();

  setHosts(hosts: string[]): void {
    this.#hosts = hosts;
  }

  /** A host beyond the usual ones (the identity provider on its own domain) joins once the browser talks to it. */
  addHost(host: string): void {
    if (!this.#hosts.includes(host)) this.#hosts = [...this.#hosts, host];
  }

  setStorage(host: string, storage: PageStorage): void {
    this.#storage.set(host, storage);
  }

  /** `realNow` is the browser's own clock, which decides what it holds; `runNow` the run's clock, which decides what has expired. */
  render(jar: CookieJar, realNow: number, runNow: number): void {
    this.element.replaceChildren(...this.#hosts.map((host) => this.#hostSection(host, jar.heldFor(host, realNow), runNow)));
  }

  #hostSection(host: string, cookies: JarCookie[], runNow: number): HTMLElement {
    const storage = this.#storage.get(host);
    const stored = (['localStorage', 'sessionStorage'] as const).flatMap((name) => Object.entries(storage?.[name] ?? {}).map(([key, value]) => ({ name, key, value })));
    return h(
      'section',
      { 'data-host': host },
      h('h4', {}, host),
      cookies.length === 0 ? h('p', { class: 'trace-none' }, 'no cookies') : h('ul', { class: 'jar' }, ...cookies.map((cookie) => cookieItem(cookie, runNow))),
      stored.length === 0
        ? null
        : h(
            'ul',
            { class: 'jar' },
            ...stored.map(({ name, key, value }) =>
              h('li', { 'data-storage': name, 'data-key': key }, h('strong', {}, `${name}.${key}`), ' ', tokenValue(value), jwtExpiry(value, runNow)),
            ),
          ),
    );
  }
}

function cookieItem(cookie: JarCookie, runNow: number): HTMLElement {
  const expired = expiredOnRunClock(cookie, runNow);
  return h(
    'li',
    { 'data-cookie': cookie.name, 'data-expired': expired },
    h('strong', {}, cookie.name),
    ' ',
    tokenValue(cookie.value),
    h(
      'span',
      { class: 'jar-attributes' },
      cookie.hostOnly ? 'host-only' : `Domain=${cookie.scope}`,
      cookie.path === '/' ? '' : ` · Path=${cookie.path}`,
      cookie.httpOnly ? ' · HttpOnly' : ' · readable by script',
      cookie.secure ? ' · Secure' : '',
      cookie.sameSite ? ` · SameSite=${cookie.sameSite}` : '',
      cookie.expiresAt === undefined ? ' · session cookie' : expired ? '' : ` · cookie ${describeRemaining((cookie.expiresAt - runNow) / 1000)}`,
    ),
    expired
      ? h('span', { class: 'jar-expiry is-expired' }, "Cookie expired on the run's clock; the browser keeps it and sends it, because its own clock did not jump.")
      : null,
    jwtExpiry(cookie.value, runNow),
  );
}

/** A JWT's remaining life on the run's clock; nothing for other values. */
function jwtExpiry(value: string, runNow: number): HTMLElement | null {
  const exp = decodeJwt(value)?.claims['exp'];
  if (typeof exp !== 'number') return null;
  return h('span', { class: `jar-expiry${exp * 1000 <= runNow ? ' is-expired' : ''}` }, `JWT ${describeRemaining(exp - runNow / 1000)}`);
}
