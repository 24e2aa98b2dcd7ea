/**
 * The live lab: the article's diagram next to a framed browser running the real
 * apps, with the trace of every exchange, the browser's cookies and tokens, and
 * the controls for time jumps, attacks and the page-script probe.
 * Loaded only when the reader opens it.
 */
import type { AttackKind, ClockJump, ClockState, Exchange, RunEvent, RunSnapshot } from '../../../demo-server/protocol.ts';
import { ArrowMatcher, diagramItems, type Match } from './arrow-matcher.ts';
import { BrowserStateView } from './browser-state-view.ts';
import { CookieJar } from './cookie-jar.ts';
import { DemoApiError, demoApi } from './demo-api.ts';
import { h } from './dom.ts';
import { looksLikeJwt } from './jwt.ts';
import { TraceView, tokenValue } from './trace-view.ts';

/** What the frame's script could read, as its probe reports it. */
interface ProbeResult {
  documentCookie?: string;
  localStorage?: Record<string, string>;
  sessionStorage?: Record<string, string>;
}

const TOKEN_NAMES = /^(access_token|refresh_token|SessionId)$/;

/** The tokens among what the probe read: JWT-shaped values anywhere, and token cookies by name. */
function tokensIn(data: ProbeResult): { where: string; value: string }[] {
  const cookies = (data.documentCookie ?? '').split(/;\s*/).filter(Boolean).map((pair) => {
    const equals = pair.indexOf('=');
    return { name: pair.slice(0, equals), value: pair.slice(equals + 1) };
  });
  return [
    ...cookies.filter(({ name, value }) => TOKEN_NAMES.test(name) || looksLikeJwt(value)).map(({ name, value }) => ({ where: `cookie ${name}`, value })),
    ...(['localStorage', 'sessionStorage'] as const).flatMap((storage) =>
      Object.entries(data[storage] ?? {}).filter(([, value]) => looksLikeJwt(value)).map(([key, value]) => ({ where: `${storage}.${key}`, value })),
    ),
  ];
}

const ATTACK_LABELS: Record<AttackKind, string> = {
  'stolen-refresh-token': 'Hacker: replay the stolen refresh token',
  'stolen-jwt': 'Hacker: replay the stolen JWT',
  'stolen-session': 'Hacker: replay the stolen session id',
};

/** Each clock button, and what the lab says once it has been pressed. */
const JUMPS: Record<ClockJump, { label: string; after: string }> = {
  'jwt-expires': { label: 'The JWT expires now', after: 'The JWT has expired. Reload the page or data in the app to see what happens.' },
  'refresh-token-expires': { label: 'The refresh token expires now', after: 'The refresh token has expired too. Reload the page or data in the app.' },
  'session-expires': { label: 'The session expires now', after: 'The session has expired on the server. Reload the page in the app to see what happens.' },
};

export class Lab {
  readonly #workflow: string;
  readonly #figure: HTMLElement;
  readonly #diagram: HTMLElement;
  readonly #diagramHome = document.createComment('diagram');
  readonly #trace = new TraceView();
  readonly #state = new BrowserStateView();
  readonly #dialog: HTMLDialogElement;
  readonly #frame: HTMLIFrameElement;
  readonly #address: HTMLInputElement;
  readonly #status: HTMLElement;
  readonly #credentials: HTMLElement;
  readonly #clockButtons: HTMLElement;
  readonly #attackButtons: HTMLElement;
  readonly #attackResult = h('p', { class: 'lab-note', 'data-attack-result': true, 'aria-live': 'polite' });
  readonly #probeResult: HTMLElement;
  readonly #quickLinks: HTMLElement;
  #run: RunSnapshot | undefined;
  #matcher: ArrowMatcher | undefined;
  #jar = new CookieJar();
  #clock: ClockState = { offsetSeconds: 0, available: false };
  #frameOrigin = '';
  #stopEvents: () => void = () => {};
  #ticker = 0;

  constructor(figure: HTMLElement, workflow: string) {
    this.#workflow = workflow;
    this.#figure = figure;
    this.#diagram = figure.querySelector<HTMLElement>('.diagram-scroll')!;
    this.#frame = h('iframe', { title: 'The app, running for real', name: 'live-app' });
    this.#address = h('input', { type: 'url', id: 'live-address', spellcheck: 'false', autocomplete: 'off' });
    this.#status = h('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite' });
    this.#credentials = h('p', { class: 'lab-credentials' });
    this.#clockButtons = h('div', { class: 'lab-buttons' });
    this.#attackButtons = h('div', { class: 'lab-buttons' });
    this.#probeResult = h('div', { class: 'probe-result' });
    this.#quickLinks = h('p', { class: 'lab-quick-links' });
    this.#dialog = this.#build();
    document.body.append(this.#dialog);
    window.addEventListener('message', (event) => this.#onFrameMessage(event));
  }

  async open(): Promise<void> {
    this.#diagram.replaceWith(this.#diagramHome);
    this.#dialog.querySelector('.lab-diagram')!.append(this.#diagram);
    // The lab gives the diagram a column as wide as the picture was drawn (see live-demo.css).
    this.#dialog.style.setProperty('--diagram-width', `${this.#diagram.querySelector('svg')?.getAttribute('width') ?? 720}px`);
    this.#dialog.showModal();
    this.#ticker = window.setInterval(() => this.#renderState(), 1000);
    await this.#startRun();
  }

  #close(): void {
    this.#stopEvents();
    window.clearInterval(this.#ticker);
    this.#diagramHome.replaceWith(this.#diagram);
    if (this.#dialog.open) this.#dialog.close();
  }

  async #startRun(): Promise<void> {
    this.#stopEvents();
    this.#say('Starting a fresh run…');
    try {
      // Ending the previous run clears every cookie the demo set, so each run starts logged out.
      await demoApi.end().catch(() => undefined);
      this.#apply(await demoApi.start(this.#workflow));
    } catch (error) {
      this.#say(error instanceof Error ? error.message : String(error));
      return;
    }
    this.#stopEvents = demoApi.events(
      (event) => this.#onEvent(event),
      () => this.#say('Lost the connection to the demo server; trying again…'),
    );
    this.#navigate(`${this.#run!.origins.store}/`);
  }

  #apply(run: RunSnapshot): void {
    this.#run = run;
    this.#matcher = new ArrowMatcher(diagramItems(this.#diagram.querySelector('svg')!));
    this.#jar = new CookieJar();
    this.#clock = run.clock;
    this.#trace.clear();
    this.#probeResult.replaceChildren();
    this.#attackResult.replaceChildren();
    this.#diagram.querySelectorAll('g.message').forEach((arrow) => arrow.classList.remove('is-live', 'is-live-latest', 'is-live-failed'));
    this.#credentials.replaceChildren('Log in as ', h('code', { 'data-credential': 'email' }, run.user.email), ' with password ', h('code', { 'data-credential': 'password' }, run.user.password));
    this.#state.setHosts([run.origins.store, run.origins.forums, run.origins.idp].map((origin) => new URL(origin).hostname));
    this.#quickLinks.replaceChildren(
      'Open: ',
      h('button', { type: 'button', class: 'link-button', onclick: () => this.#navigate(`${run.origins.store}/`) }, 'Store'),
      ' · ',
      h('button', { type: 'button', class: 'link-button', onclick: () => this.#navigate(`${run.origins.forums}/`) }, 'Forums'),
    );
    this.#clockButtons.replaceChildren(
      ...run.jumps.map((jump) => h('button', { type: 'button', 'data-jump': jump, onclick: () => this.#jump(jump) }, JUMPS[jump].label)),
    );
    this.#attackButtons.replaceChildren(
      ...run.attacks.map((attack) => h('button', { type: 'button', 'data-attack': attack, onclick: () => this.#attack(attack) }, ATTACK_LABELS[attack])),
    );
    this.#applyClock(run.clock);
    for (const exchange of run.exchanges) this.#record(exchange, exchange.response ? 'both' : 'request');
    this.#renderState();
  }

  #onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'snapshot':
        this.#apply(event.run);
        break;
      case 'request':
        this.#record(event.exchange, 'request');
        break;
      case 'response':
        this.#record(event.exchange, 'response');
        break;
      case 'clock':
        this.#matcher?.clock(event.jump);
        this.#applyClock(event.clock);
        break;
      case 'ended':
        this.#say(event.reason === 'expired' ? 'This run expired after a long pause. Reset to start another.' : 'This run has ended.');
        this.#stopEvents();
        break;
    }
  }

  /** Adds an exchange to the trace and lights the arrows it is (its request, then its response). */
  #record(exchange: Exchange, phase: 'request' | 'response' | 'both'): void {
    const matcher = this.#matcher!;
    const matches: Match[] = [];
    if (phase !== 'response') matches.push(matcher.request(exchange));
    if (phase !== 'request' && exchange.response) {
      matches.push(matcher.response(exchange));
      this.#jar.receive(exchange);
      if (exchange.from === 'Browser') this.#state.addHost(new URL(exchange.url).hostname);
      this.#renderState();
    }
    const last = matches.at(-1) ?? { step: null, implied: [], failed: Boolean(exchange.error) };
    this.#trace.show(exchange, matches.map((match) => match.step), last.failed);
    for (const match of matches) {
      for (const step of [...match.implied, match.step]) if (step !== null) this.#light(step, match.failed && step === match.step);
    }
  }

  #light(step: number, failed: boolean): void {
    // The diagram lives in the lab while it is open, so look it up there, not in the article's figure.
    this.#diagram.querySelectorAll('g.message').forEach((arrow) => arrow.classList.remove('is-live-latest'));
    const arrow = this.#diagram.querySelector(`g.message[data-step="${step}"]`);
    arrow?.classList.add('is-live', 'is-live-latest');
    arrow?.classList.toggle('is-live-failed', failed);
    this.#figure.dispatchEvent(new CustomEvent('workflow:step', { detail: step }));
    const text = document.getElementById(`step-${step}`)?.querySelector('.step-arrow')?.textContent?.trim() ?? '';
    this.#say(`Step ${step}${failed ? ' went differently from the diagram' : ''}: ${text}`);
  }

  #applyClock(clock: ClockState): void {
    this.#clock = clock;
    for (const button of this.#clockButtons.querySelectorAll('button')) {
      button.disabled = !clock.available;
      button.title = clock.available ? '' : (clock.unavailableReason ?? '');
    }
    const note = this.#dialog.querySelector('[data-clock-note]')!;
    note.textContent = clock.available
      ? clock.offsetSeconds > 0
        ? `This run's clock is ${Math.round(clock.offsetSeconds / 60)} min ahead of real time.`
        : "This run's clock shows real time."
      : (clock.unavailableReason ?? 'The clock cannot move.');
    this.#renderState();
  }

  async #jump(jump: ClockJump): Promise<void> {
    try {
      this.#applyClock(await demoApi.jump(jump));
      this.#say(JUMPS[jump].after);
    } catch (error) {
      this.#say(error instanceof DemoApiError ? error.message : 'The demo server did not answer.');
    }
  }

  async #attack(attack: AttackKind): Promise<void> {
    for (const step of this.#matcher?.attack(attack) ?? []) this.#light(step, false);
    this.#attackResult.textContent = 'The hacker is trying…';
    this.#attackResult.removeAttribute('data-succeeded');
    try {
      const result = await demoApi.attack(attack);
      this.#attackResult.textContent = result.summary;
      this.#attackResult.setAttribute('data-succeeded', String(result.succeeded));
    } catch (error) {
      this.#attackResult.textContent = error instanceof DemoApiError ? error.message : 'The demo server did not answer.';
    }
  }

  #probe(): void {
    if (!this.#frameOrigin) {
      this.#probeResult.replaceChildren(h('p', {}, 'Open a page of the app first.'));
      return;
    }
    this.#frame.contentWindow?.postMessage({ type: 'demo:probe' }, this.#frameOrigin);
  }

  #onFrameMessage(event: MessageEvent): void {
    const run = this.#run;
    if (!run || event.source !== this.#frame.contentWindow || ![run.origins.store, run.origins.forums].includes(event.origin)) return;
    const data = event.data as { type?: string; href?: string } & ProbeResult;
    if (data.type === 'demo:storage') {
      this.#state.setStorage(new URL(event.origin).hostname, { localStorage: data.localStorage ?? {}, sessionStorage: data.sessionStorage ?? {} });
      this.#renderState();
    }
    if (data.type === 'demo:location' && data.href) {
      this.#frameOrigin = event.origin;
      // Never overwrite what the reader is typing.
      if (document.activeElement !== this.#address) this.#address.value = data.href;
    }
    if (data.type === 'demo:probe-result') this.#showProbe(event.origin, data);
  }

  #showProbe(origin: string, data: ProbeResult): void {
    const storage = (name: string, values: Record<string, string> = {}) => {
      const entries = Object.entries(values);
      if (entries.length === 0) return h('li', {}, h('code', {}, name), ': empty');
      return h('li', {}, h('code', {}, name), ':', h('dl', { class: 'trace-pairs' }, ...entries.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, tokenValue(value))])));
    };
    const cookie = data.documentCookie ?? '';
    const stolen = tokensIn(data);
    this.#probeResult.replaceChildren(
      h('p', {}, `A script running on ${origin} read:`),
      h(
        'ul',
        {},
        h('li', { 'data-probe': 'document.cookie' }, h('code', {}, 'document.cookie'), ': ', cookie ? h('code', {}, cookie) : '(empty string)'),
        storage('localStorage', data.localStorage),
        storage('sessionStorage', data.sessionStorage),
      ),
      stolen.length
        ? h(
            'div',
            { class: 'probe-stolen', role: 'alert' },
            h('p', {}, 'The script got a token: any injected script could send it to the hacker.'),
            h('dl', { class: 'trace-pairs' }, ...stolen.flatMap(({ where, value }) => [h('dt', {}, where), h('dd', { 'data-stolen-token': true }, tokenValue(value))])),
          )
        : h('p', {}, 'No token is visible to script on this page.'),
    );
  }

  #navigate(url: string): void {
    this.#frame.src = url;
    this.#address.value = url;
  }

  #renderState(): void {
    const now = Date.now();
    this.#state.render(this.#jar, now, now + this.#clock.offsetSeconds * 1000);
  }

  #say(message: string): void {
    this.#status.textContent = message;
  }

  #build(): HTMLDialogElement {
    const addressForm = h(
      'form',
      { class: 'address-bar', onsubmit: (event) => (event.preventDefault(), this.#navigate(this.#address.value)) },
      h('label', { for: 'live-address', class: 'sr-only' }, 'Address'),
      this.#address,
      h('button', { type: 'submit' }, 'Go'),
      h('button', { type: 'button', onclick: () => this.#navigate(this.#address.value) }, 'Reload'),
    );
    const dialog = h(
      'dialog',
      { class: 'live-lab', 'aria-labelledby': 'live-lab-title' },
      h(
        'header',
        { class: 'lab-header' },
        h('h2', { id: 'live-lab-title' }, 'Live demo'),
        this.#credentials,
        h('button', { type: 'button', 'data-lab-reset': true, onclick: () => this.#startRun() }, 'Reset'),
        h('button', { type: 'button', 'data-lab-close': true, onclick: () => this.#close() }, 'Close'),
      ),
      this.#status,
      h(
        'div',
        { class: 'lab-grid' },
        h('section', { class: 'lab-diagram', 'aria-label': 'Diagram' }),
        h('section', { class: 'lab-browser', 'aria-label': 'Browser' }, addressForm, this.#quickLinks, this.#frame),
        h(
          'section',
          { class: 'lab-side', 'aria-label': 'What crossed the wire' },
          h(
            'div',
            { class: 'lab-controls' },
            h('h3', {}, 'Time'),
            this.#clockButtons,
            h('p', { class: 'lab-note', 'data-clock-note': true }),
            h('h3', {}, 'Attacks'),
            this.#attackButtons,
            this.#attackResult,
            h('h3', {}, 'Script on the page'),
            h('div', { class: 'lab-buttons' }, h('button', { type: 'button', 'data-probe-run': true, onclick: () => this.#probe() }, 'Try to read the tokens')),
            this.#probeResult,
          ),
          h('details', { open: true, class: 'lab-panel' }, h('summary', {}, 'Cookies and tokens in the browser'), this.#state.element),
          h('details', { open: true, class: 'lab-panel' }, h('summary', {}, 'Trace'), this.#trace.element),
        ),
      ),
    );
    dialog.addEventListener('close', () => this.#close());
    return dialog;
  }
}
