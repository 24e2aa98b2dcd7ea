/**
 * What the reader's browser holds right now: the cookie jar of each host, and
 * the JWTs in it with their remaining life, counted on the run's own clock.
 */
import { h } from './dom.ts';
import { CookieJar } from './cookie-jar.ts';
import { decodeJwt, describeRemaining } from './jwt.ts';
import { tokenValue } from './trace-view.ts';

export class BrowserStateView {
  readonly element = h('div', { class: 'browser-state' });
  #hosts: string[] = [];

  setHosts(hosts: string[]): void {
    this.#hosts = hosts;
  }

  /** A host beyond the usual ones (the identity provider on its own domain) joins once the browser talks to it. */
  addHost(host: string): void {
    if (!this.#hosts.includes(host)) this.#hosts = [...this.#hosts, host];
  }

  render(jar: CookieJar, runNow: number): void {
    this.element.replaceChildren(...this.#hosts.map((host) => hostSection(host, jar, runNow)));
  }
}

function hostSection(host: string, jar: CookieJar, runNow: number): HTMLElement {
  const cookies = jar.for(host, runNow);
  return h(
    'section',
    { 'data-host': host },
    h('h4', {}, host),
    cookies.length === 0
      ? h('p', { class: 'trace-none' }, 'no cookies')
      : h(
          'ul',
          { class: 'jar' },
          ...cookies.map((cookie) => {
            const jwt = decodeJwt(cookie.value);
            const exp = typeof jwt?.claims['exp'] === 'number' ? (jwt.claims['exp'] as number) : undefined;
            return h(
              'li',
              { 'data-cookie': cookie.name },
              h('strong', {}, cookie.name),
              ' ',
              tokenValue(cookie.value),
              h(
                'span',
                { class: 'jar-attributes' },
                cookie.hostOnly ? 'host-only' : `Domain=${cookie.scope}`,
                cookie.httpOnly ? ' · HttpOnly' : ' · readable by script',
                cookie.sameSite ? ` · SameSite=${cookie.sameSite}` : '',
                cookie.expiresAt !== undefined ? ` · cookie ${describeRemaining((cookie.expiresAt - runNow) / 1000)}` : ' · session cookie',
              ),
              exp !== undefined ? h('span', { class: `jwt-expiry${exp * 1000 <= runNow ? ' is-expired' : ''}` }, `JWT ${describeRemaining(exp - runNow / 1000)}`) : null,
            );
          }),
        ),
  );
}
