/**
 * The trace: one expandable entry per real exchange, in the order the requests started, filled in
 * as its response arrives. An app's call to the identity provider comes right after the request
 * it was answering (and that request's earlier calls), even when other requests started between.
 */
import type { Exchange, SetCookie } from '../../../demo-server/protocol.ts';
import { refusalOf } from '../../../demo-server/http/cookie-rules.ts';
import { formatBody, h, shorten } from './dom.ts';
import { decodeJwt, looksLikeJwt } from './jwt.ts';

export class TraceView {
  readonly element = h('ol', { class: 'trace', 'aria-label': 'Exchanges in the order they started, each call of an app right after the request that caused it' });
  readonly #entries = new Map<number, HTMLLIElement>();
  /** The arrows each exchange has been drawn as so far: its request's, then its response's. */
  readonly #steps = new Map<number, number[]>();

  clear(): void {
    this.element.replaceChildren();
    this.#entries.clear();
    this.#steps.clear();
  }

  /** Shows an exchange, or updates its entry in place; `steps` are the arrows it has just been matched to. */
  show(exchange: Exchange, steps: (number | null)[], failed: boolean): void {
    const all = [...new Set([...(this.#steps.get(exchange.id) ?? []), ...steps.filter((step): step is number => step !== null)])];
    this.#steps.set(exchange.id, all);
    const classes = [failed && 'is-failed', exchange.causedBy !== undefined && 'is-call'].filter(Boolean).join(' ');
    const entry = h('li', { 'data-exchange': exchange.id, 'data-step': all.at(-1), 'data-caused-by': exchange.causedBy, class: classes || undefined }, render(exchange, all));
    const existing = this.#entries.get(exchange.id);
    const wasOpen = existing?.querySelector('details')?.open ?? false;
    if (existing) existing.replaceWith(entry);
    else this.#place(entry, exchange.causedBy);
    if (wasOpen) entry.querySelector('details')!.open = true;
    this.#entries.set(exchange.id, entry);
    // Follow the newest exchange inside the trace's own panel where it scrolls on its own (from a
    // laptop up); on a phone the lab scrolls as one page, and moving it would hide the app.
    const panel = this.element.closest('details');
    if (panel && panel.scrollHeight > panel.clientHeight) panel.scrollTop = panel.scrollHeight;
  }

  #place(entry: HTMLLIElement, causedBy: number | undefined): void {
    let after = causedBy === undefined ? undefined : this.#entries.get(causedBy);
    if (!after) {
      this.element.append(entry);
      return;
    }
    while (after.nextElementSibling instanceof HTMLLIElement && after.nextElementSibling.dataset['causedBy'] === String(causedBy)) after = after.nextElementSibling;
    after.after(entry);
  }
}

function render(exchange: Exchange, steps: number[]): HTMLElement {
  const { request, response } = exchange;
  const url = new URL(exchange.url);
  const status = exchange.error ? 'failed' : response ? String(response.status) : '…';
  return h(
    'details',
    {},
    h(
      'summary',
      {},
      exchange.causedBy !== undefined ? h('span', { class: 'trace-call-mark', 'aria-hidden': 'true' }, '↳ ') : null,
      h('span', { class: 'trace-step' }, steps.length === 0 ? 'not in the diagram' : `${steps.length > 1 ? 'steps' : 'step'} ${steps.join(', ')}`),
      ' ',
      h('span', { class: 'trace-actors' }, `${exchange.from} → ${exchange.to}`),
      ' ',
      h('code', {}, `${exchange.method} ${url.host}${url.pathname}`),
      ' ',
      h('span', { class: `trace-status${response && response.status >= 400 ? ' is-error' : ''}` }, status),
    ),
    h(
      'div',
      { class: 'trace-body' },
      exchange.causedBy !== undefined ? h('p', { class: 'trace-cause' }, `The ${exchange.from} made this call while answering the request above.`) : null,
      section('Cookies sent', pairs(request.cookies)),
      request.authorization ? section('Authorization header', authorization(request.authorization)) : null,
      section('Parameters', pairs(request.params)),
      request.body ? section('Request body', h('pre', {}, formatBody(request.body))) : null,
      exchange.error ? section('Error', h('p', {}, exchange.error)) : null,
      response ? section(`Response ${response.status} in ${response.durationMs} ms`, null) : null,
      response?.location ? section('Location', h('code', {}, response.location)) : null,
      response?.setCookies.length ? section('Set-Cookie', setCookieTable(exchange, response.setCookies)) : null,
      response?.body ? section('Response body', h('pre', {}, formatBody(response.body))) : null,
    ),
  );
}

function section(title: string, content: Node | null): HTMLElement {
  return h('section', {}, h('h4', {}, title), content);
}

function pairs(values: Record<string, string>): HTMLElement {
  const entries = Object.entries(values);
  if (entries.length === 0) return h('p', { class: 'trace-none' }, 'none');
  return h('dl', { class: 'trace-pairs' }, ...entries.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, tokenValue(value))]));
}

/** A cookie value, with a JWT's claims shown next to it. */
export function tokenValue(value: string): Node {
  const jwt = looksLikeJwt(value) ? decodeJwt(value) : undefined;
  if (!jwt) return h('code', { title: value }, shorten(value, 48));
  return h(
    'details',
    { class: 'jwt' },
    h('summary', {}, h('code', { title: value }, shorten(value, 32)), ' (JWT)'),
    h('pre', {}, JSON.stringify(jwt.header), '\n', JSON.stringify(jwt.claims, null, 2)),
  );
}

/** `Bearer <JWT>`, with the JWT's claims. */
function authorization(header: string): Node {
  const [scheme = '', token = ''] = header.split(/\s+/, 2);
  return h('p', { class: 'trace-authorization' }, h('code', {}, scheme), ' ', tokenValue(token));
}

/** Whether the browser kept a cookie; a refusal says why. */
function stored(refusal: string | null): HTMLElement {
  return refusal ? h('td', { class: 'is-refused', 'data-refused': true }, `refused: ${refusal}`) : h('td', {}, 'yes');
}

function setCookieTable(exchange: Exchange, cookies: SetCookie[]): HTMLElement {
  return h(
    'table',
    { class: 'set-cookie' },
    h('thead', {}, h('tr', {}, ...['Name', 'Value', 'Domain', 'Path', 'HttpOnly', 'Secure', 'SameSite', 'Lifetime', 'Stored'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      ...cookies.map((c) =>
        h(
          'tr',
          { title: c.raw },
          h('th', { scope: 'row' }, c.name),
          h('td', {}, tokenValue(c.value)),
          h('td', {}, c.domain ?? 'host-only'),
          h('td', {}, c.path ?? '/'),
          h('td', {}, c.httpOnly ? 'yes' : 'no'),
          h('td', {}, c.secure ? 'yes' : 'no'),
          h('td', {}, c.sameSite ?? '—'),
          h('td', {}, c.maxAge !== undefined ? `Max-Age ${c.maxAge}` : (c.expires ?? 'session')),
          stored(refusalOf(exchange, c)),
        ),
      ),
    ),
  );
}
