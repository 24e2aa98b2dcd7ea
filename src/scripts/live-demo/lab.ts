/**
 * The live lab: the article's diagram next to a framed browser running the real
 * apps, with the trace of every exchange, the browser's cookies and tokens, and
 * the controls for time jumps, attacks and the page-script probe.
 * Loaded only when the reader opens it.
 */
import type { AttackKind, ClockJump, ClockState, Exchange, RunEvent, RunSnapshot, ScriptLoot } from '../../../demo-server/protocol.ts';
import { ArrowMatcher, diagramItems, type Match } from './arrow-matcher.ts';
import { BrowserStateView } from './browser-state-view.ts';
import { CookieJar } from './cookie-jar.ts';
import { DemoApiError, demoApi } from './demo-api.ts';
import { h } from './dom.ts';
import { looksLikeJwt } from './jwt.ts';
import { clearAppHosts, endedNotice, openingPlan, type EndCause } from './run-lifecycle.ts';
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

/** What really came back, in the words the status line uses. */
function outcomeOf(exchange: Exchange): string {
  if (exchange.error || !exchange.response) return `the request failed (${exchange.error ?? 'no answer'})`;
  const location = exchange.response.location ? ` → ${exchange.response.location}` : '';
  return `the answer was ${exchange.response.status}${location}`;
}

/**
 * The sentence of a browser request the demo server refused under its per-address limits (429), as
 * the server wrote it: JSON for script, plain text for a page.
 */
function limitSentence(exchange: Exchange): string | undefined {
  const response = exchange.response;
  if (exchange.from !== 'Browser' || response?.status !== 429 || !response.body) return undefined;
  try {
    const { error } = JSON.parse(response.body) as { error?: unknown };
    return typeof error === 'string' ? error : undefined;
  } catch {
    return response.body;
  }
}

const ATTACK_LABELS: Record<AttackKind, string> = {
  'stolen-refresh-token': 'Hacker: replay the stolen refresh token',
  'stolen-jwt': 'Hacker: replay the stolen JWT',
  'stolen-session': 'Hacker: replay the stolen session id',
  'code-replay': 'Hacker: replay your used authorization code',
  'stolen-code': 'Hacker: catch your next code on its way',
  'login-csrf': "Hacker: send you a link with the hacker's own code",
  'foreign-redirect-uri': "Hacker: send you a link asking for a code for the hacker's site",
  'xss-steal': 'Injected script: steal the tokens it can read',
  'xss-persist': 'Injected script: keep stealing tokens while the page is open',
  'xss-acquire': 'Injected script: get fresh tokens of its own',
  'xss-proxy': 'Injected script: use the app as a proxy',
};

/** The injected script's function for each of its attacks (apps/assets/injected-script.js). */
const SCRIPT_ATTACKS: Partial<Record<AttackKind, string>> = { 'xss-steal': 'steal', 'xss-persist': 'persist', 'xss-acquire': 'acquire', 'xss-proxy': 'proxy' };

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
  /** Why this tab's run ended without it, and the way on. */
  readonly #notice = h('div', { class: 'lab-ended', role: 'alert', hidden: true });
  /** How this tab came to its run when it did not start it fresh (it joined, or ended another tab's). */
  readonly #runNote = h('p', { class: 'lab-note', 'data-run-note': true });
  #run: RunSnapshot | undefined;
  /** Whether #run is still this tab's live run (false once another tab or the server ended it). */
  #live = false;
  #isOpen = false;
  /** Ending the run on Close, which the next opening waits for. */
  #closing: Promise<void> = Promise.resolve();
  #appOrigins: readonly string[] | undefined;
  /** The arrow each exchange's request matched, for its trace entry when its answer is not drawn. */
  #matcher: ArrowMatcher | undefined;
  #jar = new CookieJar();
  #clock: ClockState = { offsetSeconds: 0, available: false };
  #lastJump: ClockJump | undefined;
  #frameOrigin = '';
  /** Waits for the injected script's loot from the framed page. */
  #lootWaiter: ((loot: ScriptLoot) => void) | undefined;
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

  /** Opens the lab; `claimStep`, when a claim in the prose opened it, is the step that shows the claim. */
  async open(claimStep?: number): Promise<void> {
    this.#diagram.replaceWith(this.#diagramHome);
    this.#dialog.querySelector('.lab-diagram')!.append(this.#diagram);
    // The lab gives the diagram a column as wide as the picture was drawn (see live-demo.css).
    this.#dialog.style.setProperty('--diagram-width', `${this.#diagram.querySelector('svg')?.getAttribute('width') ?? 720}px`);
    this.#dialog.showModal();
    this.#isOpen = true;
    this.#ticker = window.setInterval(() => this.#renderState(), 1000);
    await this.#closing;
    await this.#enter();
    if (claimStep !== undefined) this.#pointAt(claimStep);
  }

  /** Says where a claim the reader came from is shown, and marks that arrow in the diagram. */
  #pointAt(step: number): void {
    const arrow = document.getElementById(`step-${step}`)?.querySelector('.step-arrow')?.textContent?.trim() ?? '';
    this.#figure.dispatchEvent(new CustomEvent('workflow:step', { detail: step }));
    this.#runNote.textContent = `The claim you came from is shown at step ${step} (${arrow}): use the app, the clock and the attacks until that arrow lights.`;
  }

  /** Closing ends the run (unless another tab already did) and leaves nothing of it in the browser. */
  #close(): void {
    if (!this.#isOpen) return;
    this.#isOpen = false;
    this.#stopEvents();
    window.clearInterval(this.#ticker);
    this.#frame.src = 'about:blank';
    if (this.#live) this.#closing = this.#clearBrowser('closed').catch(() => undefined);
    this.#live = false;
    this.#diagramHome.replaceWith(this.#diagram);
    if (this.#dialog.open) this.#dialog.close();
  }

  /** Joins the browser's live run of this workflow (another tab's, or this page's before a reload), or starts a fresh one. */
  async #enter(): Promise<void> {
    this.#stopEvents();
    let current: RunSnapshot | undefined;
    try {
      current = await demoApi.current();
    } catch (error) {
      this.#say(error instanceof DemoApiError ? error.message : 'The demo server did not answer. Reset to try again.');
      return;
    }
    const plan = openingPlan(current, this.#workflow);
    if (plan !== 'join') return this.#startRun(plan === 'replace' ? 'replaced' : 'reset');
    this.#apply(current!);
    this.#listen();
    this.#navigate(`${current!.origins.store}/`);
    this.#runNote.textContent =
      'This browser already had a run of this workflow (in another tab, or before the page reloaded), so this tab has joined it. Reset starts a fresh one.';
  }

  async #startRun(reason: 'reset' | 'replaced' = 'reset'): Promise<void> {
    this.#stopEvents();
    this.#live = false;
    this.#frame.src = 'about:blank';
    this.#runNote.textContent = '';
    this.#say('Starting a fresh run…');
    try {
      await this.#clearBrowser(reason);
      this.#apply(await demoApi.start(this.#workflow));
    } catch (error) {
      this.#say(error instanceof Error ? error.message : String(error));
      return;
    }
    this.#listen();
    this.#navigate(`${this.#run!.origins.store}/`);
    if (reason === 'replaced') this.#runNote.textContent = 'The live demo of another workflow that this browser was running (in another tab) has ended: a browser holds one run at a time.';
  }

  /** Ends the browser's run and clears every app host's cookies and storage, so the next run starts logged out. */
  async #clearBrowser(reason: 'reset' | 'closed' | 'replaced'): Promise<void> {
    await demoApi.end(reason).catch(() => undefined);
    this.#appOrigins ??= (await demoApi.status()).appOrigins ?? [];
    await clearAppHosts(this.#appOrigins);
  }

  #listen(): void {
    this.#stopEvents = demoApi.events(
      (event) => this.#onEvent(event),
      (closed) => (closed ? void this.#recheckRun() : this.#say('Lost the connection to the demo server; trying again…')),
    );
  }

  /** The server refused the event stream: carry on if the run lives, else say it has gone. */
  async #recheckRun(): Promise<void> {
    const current = await demoApi.current().catch(() => undefined);
    if (current && current.user.email === this.#run?.user.email) this.#listen();
    else this.#runEnded(current ? 'replaced' : 'lost');
  }

  /** Another tab or the server ended this tab's run: nothing here may act on whatever run comes next. */
  #runEnded(cause: EndCause): void {
    this.#stopEvents();
    this.#live = false;
    this.#frame.src = 'about:blank';
    this.#address.value = '';
    this.#forgetRunResults();
    this.#renderState();
    this.#setControls(false);
    const { message, action } = endedNotice(cause);
    this.#say('');
    this.#runNote.textContent = '';
    this.#notice.replaceChildren(h('p', {}, message), h('button', { type: 'button', 'data-lab-continue': true, onclick: () => this.#enter() }, action));
    this.#notice.hidden = false;
  }

  /** What a run showed (its cookies, lit arrows, attack and probe results) belongs to that run alone. */
  #forgetRunResults(): void {
    this.#jar = new CookieJar();
    this.#diagram.querySelectorAll('g.message').forEach((arrow) => arrow.classList.remove('is-live', 'is-live-latest', 'is-live-failed'));
    this.#attackResult.replaceChildren();
    this.#probeResult.replaceChildren();
  }

  /** The controls that act on the run: the framed browser's and the side panel's. */
  #setControls(enabled: boolean): void {
    for (const control of this.#dialog.querySelectorAll<HTMLButtonElement | HTMLInputElement>('.lab-browser :is(button, input), .lab-controls button')) {
      control.disabled = !enabled;
    }
  }

  #apply(run: RunSnapshot): void {
    this.#run = run;
    this.#live = true;
    this.#lastJump = undefined;
    this.#notice.hidden = true;
    this.#setControls(true);
    this.#matcher = new ArrowMatcher(diagramItems(this.#diagram.querySelector('svg')!));
    this.#forgetRunResults();
    this.#clock = run.clock;
    this.#trace.clear();
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
        // A reconnected stream names the browser's run of now, which may be another tab's.
        if (event.run.user.email === this.#run?.user.email) this.#apply(event.run);
        else this.#runEnded('replaced');
        break;
      case 'request':
        this.#record(event.exchange, 'request');
        break;
      case 'response':
        this.#record(event.exchange, 'response');
        break;
      case 'lure':
        this.#openLure(event.url);
        break;
      case 'clock':
        this.#matcher?.clock(event.jump);
        this.#applyClock(event.clock);
        break;
      case 'ended':
        this.#runEnded(event.reason);
        break;
    }
  }

  /** Adds an exchange to the trace and lights the arrows it is (its request, then its response). */
  #record(exchange: Exchange, phase: 'request' | 'response' | 'both'): void {
    const matcher = this.#matcher!;
    const matches: Match[] = [];
    if (phase !== 'response') {
      matches.push(matcher.request(exchange));
    }
    if (phase !== 'request' && exchange.response) {
      matches.push(matcher.response(exchange));
      this.#jar.receive(exchange);
      if (exchange.from === 'Browser') this.#state.addHost(new URL(exchange.url).hostname);
      this.#renderState();
    }
    const last = matches.at(-1) ?? { step: null, implied: [], failed: Boolean(exchange.error) };
    // The trace keeps the request's arrow for an answer the diagram does not draw.
    this.#trace.show(exchange, matches.map((match) => match.step), last.failed);
    for (const match of matches) {
      for (const step of [...match.implied, match.step]) if (step !== null) this.#light(step, match.failed && step === match.step ? outcomeOf(exchange) : undefined);
    }
    // A login refused by the per-address limits says why and when to try again, whatever the arrow.
    const limited = phase === 'request' ? undefined : limitSentence(exchange);
    if (limited) this.#say(limited);
  }

  /** Lights an arrow; `differed` says what really happened where it contradicts the arrow. */
  #light(step: number, differed?: string): void {
    const failed = differed !== undefined;
    // The diagram lives in the lab while it is open, so look it up there, not in the article's figure.
    this.#diagram.querySelectorAll('g.message').forEach((arrow) => arrow.classList.remove('is-live-latest'));
    const arrow = this.#diagram.querySelector(`g.message[data-step="${step}"]`);
    arrow?.classList.add('is-live', 'is-live-latest');
    arrow?.classList.toggle('is-live-failed', failed);
    this.#figure.dispatchEvent(new CustomEvent('workflow:step', { detail: step }));
    const text = document.getElementById(`step-${step}`)?.querySelector('.step-arrow')?.textContent?.trim() ?? '';
    this.#say(failed ? `Step ${step} went differently from the diagram: it draws ${text}, but ${differed}.` : `Step ${step}: ${text}`);
  }

  #applyClock(clock: ClockState): void {
    this.#clock = clock;
    for (const button of this.#clockButtons.querySelectorAll('button')) {
      button.disabled = !clock.available;
      button.title = clock.available ? '' : (clock.unavailableReason ?? '');
    }
    const note = this.#dialog.querySelector('[data-clock-note]')!;
    // What the last jump means stays beside the buttons too: on a phone the status line may be out of view.
    note.textContent = clock.available
      ? clock.offsetSeconds > 0
        ? `This run's clock is ${Math.round(clock.offsetSeconds / 60)} min ahead of real time.${this.#lastJump ? ` ${JUMPS[this.#lastJump].after}` : ''}`
        : "This run's clock shows real time."
      : (clock.unavailableReason ?? 'The clock cannot move.');
    this.#renderState();
  }

  async #jump(jump: ClockJump): Promise<void> {
    try {
      const clock = await demoApi.jump(jump);
      this.#lastJump = jump;
      this.#applyClock(clock);
      this.#say(JUMPS[jump].after);
    } catch (error) {
      this.#say(error instanceof DemoApiError ? error.message : 'The demo server did not answer.');
    }
  }

  async #attack(attack: AttackKind): Promise<void> {
    for (const step of this.#matcher?.attack(attack) ?? []) this.#light(step);
    this.#attackResult.textContent = 'The hacker is trying…';
    this.#attackResult.removeAttribute('data-succeeded');
    try {
      const script = SCRIPT_ATTACKS[attack];
      const loot = script ? await this.#inject(script) : undefined;
      if (script && !loot) {
        this.#attackResult.textContent = 'The script could not run: open a page of the Store first.';
        return;
      }
      const result = await demoApi.attack(attack, loot ?? undefined);
      for (const step of this.#matcher?.attackEnded() ?? []) this.#light(step);
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

  /** Has the framed page load the hacker's script and run one of its attacks; resolves with its loot, or null when no app page answers. */
  #inject(attack: string): Promise<ScriptLoot | null> {
    const frame = this.#frame.contentWindow;
    if (!frame || !this.#frameOrigin) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => (this.#lootWaiter = undefined, resolve(null)), 15_000);
      this.#lootWaiter = (loot) => {
        window.clearTimeout(timer);
        this.#lootWaiter = undefined;
        resolve(loot);
      };
      frame.postMessage({ type: 'demo:inject', attack }, this.#frameOrigin);
    });
  }

  #onFrameMessage(event: MessageEvent): void {
    const run = this.#run;
    if (!run || event.source !== this.#frame.contentWindow || ![run.origins.store, run.origins.forums].includes(event.origin)) return;
    const data = event.data as { type?: string; href?: string; loot?: ScriptLoot } & ProbeResult;
    if (data.type === 'demo:injected') {
      this.#lootWaiter?.(data.loot ?? { tokens: [], refreshTokens: [] });
      return;
    }
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

  /** An attack's link opens in the framed browser, as if the reader had clicked it in a message from the hacker. */
  #openLure(link: string): void {
    const run = this.#run;
    if (!run || ![run.origins.store, run.origins.forums, run.origins.idp].includes(new URL(link).origin)) return;
    this.#frame.src = link;
    this.#address.value = link;
    this.#attackResult.textContent = "The hacker's link is open in the browser above…";
  }

  /** Loads an address in the framed browser: only the run's apps, and `http://` may be left out. */
  #navigate(typed: string): void {
    const run = this.#run;
    if (!run) return;
    const text = typed.trim();
    let url: URL | undefined;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${new URL(run.origins.store).protocol}//${text}`);
    } catch {
      url = undefined;
    }
    if (!url || ![run.origins.store, run.origins.forums].includes(url.origin)) {
      this.#say(`The framed browser opens the Store and the Forums only: ${new URL(run.origins.store).host} or ${new URL(run.origins.forums).host}, any path.`);
      return;
    }
    this.#frame.src = url.href;
    this.#address.value = url.href;
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
        // Once another tab has ended this tab's run, Reset carries on the way the notice's button does.
        h('button', { type: 'button', 'data-lab-reset': true, onclick: () => void (this.#live ? this.#startRun() : this.#enter()) }, 'Reset'),
        h('button', { type: 'button', 'data-lab-close': true, onclick: () => this.#close() }, 'Close'),
      ),
      this.#status,
      this.#runNote,
      this.#notice,
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
