/**
 * Maps each real exchange of a live run onto the diagram's arrows, by sender,
 * receiver, method and path (requests) or by the request it answers (responses).
 * A label's `{…}` may pin a query parameter's value (`{prompt=none, state}`): only
 * requests that carry it match, so a silent login and a login at the identity
 * provider's page are different arrows though both go to /oauth2/authorize.
 *
 * The same request can appear at several arrows (the cart is loaded in the Login,
 * Refresh JWT and Re-login sections), so the matcher keeps a position and reads
 * the diagram in phases (stretches between notes and section dividers):
 *   1. the next matching arrow after the position, in the current phase;
 *   2. else the first matching arrow of the phase the last clock jump opened, until
 *      one of its arrows has happened (a page reload starts over at the top of the
 *      diagram, but the refresh it then makes is the one after the jump);
 *   3. else the arrow of the current phase this request matched last, or its first
 *      matching arrow (the reader repeated a step);
 *   4. else the first matching arrow anywhere (e.g. logging in again).
 * A clock jump moves the position to the matching note ("JWT expires"), and an
 * attack to its first arrow (the one labelled with the stolen token it replays).
 * Arrows with no HTTP of their own ("render the login form") light up when the
 * reader's next exchange comes from the same participant, or from the one such an
 * arrow hands something to ("the script sends the hacker the token", then the
 * hacker's request with it).
 *
 * An answer with another status than its arrow contradicts the diagram when the
 * arrow promised success (2xx) and got none, or when the server failed (5xx); any
 * other difference is an answer the diagram does not draw (the logged-in branch of
 * "who is logged in?"), shown as such and lighting nothing.
 */

export interface DiagramItem {
  kind: 'message' | 'note';
  /** Order of the statement in the diagram source. */
  order: number;
  label: string;
  /** Messages only: the step number (1-based) and its participants. */
  step?: number;
  from?: string;
  to?: string;
}

export interface ExchangeLike {
  id: number;
  from: string;
  to: string;
  method: string;
  url: string;
  response?: { status: number };
  error?: string;
}

export interface Match {
  /** The arrow this exchange is, or null when the diagram has no such arrow. */
  step: number | null;
  /** Steps without HTTP of their own that happened on the way (lit together with `step`). */
  implied: number[];
  /** The exchange contradicts the arrow (no success where it promised one, a server error, or a transport error). */
  failed: boolean;
}

type Jump = 'jwt-expires' | 'refresh-token-expires' | 'session-expires';
type Attack =
  | 'stolen-refresh-token' | 'stolen-jwt' | 'stolen-session' | 'code-replay' | 'stolen-code' | 'login-csrf' | 'foreign-redirect-uri'
  | 'xss-steal' | 'xss-persist' | 'xss-acquire' | 'xss-proxy';

const REQUEST_LABEL = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)/;
const RESPONSE_LABEL = /^(\d{3})\b/;
/** A `name=value` among a request label's `{…}` parameters: the request carries exactly that value. */
const QUERY_VALUE = /(?:[{,]\s*)([\w-]+)=([\w.-]+)\s*(?=[,}])/g;
const JUMP_NOTES: Record<Jump, RegExp> = {
  'jwt-expires': /^JWT expires/i,
  'refresh-token-expires': /^Refresh token expires/i,
  'session-expires': /^Session expires/i,
};
const ATTACK_ARROWS: Record<Attack, RegExp> = {
  'stolen-refresh-token': /\[stolen refresh_token\]|its kept refresh_token/,
  'stolen-jwt': /\[stolen access_token\]|Bearer stolen JWT/,
  'stolen-session': /\[stolen SessionId\]/,
  'code-replay': /your used code/,
  'stolen-code': /watched by the hacker/,
  'login-csrf': /the hacker's own password/,
  'foreign-redirect-uri': /redirect_uri=hacker/,
  'xss-steal': /script reads what it can/,
  'xss-persist': /script wraps fetch/,
  'xss-acquire': /script asks for tokens/,
  'xss-proxy': /script drives the app/,
};

interface Arrow {
  step: number;
  label: string;
  from: string;
  to: string;
  method?: string;
  path?: string;
  /** Query parameters the request must carry with these values: `prompt=none` among the label's `{…}`. */
  query?: [name: string, value: string][];
  status?: number;
  /** No HTTP request or response of its own. */
  pseudo: boolean;
  phase: number;
}

export class ArrowMatcher {
  readonly #arrows: Arrow[];
  /** Phase number → the note that opens it (for clock jumps). */
  readonly #phaseNotes: Map<number, string>;
  #position = 0;
  #phase = 0;
  /** The phase the last clock jump opened, until one of its arrows happens. */
  #clockPhase: number | undefined;
  readonly #requestArrow = new Map<number, number>();
  /** The arrow each request (by sender, receiver, method, path) matched last. */
  readonly #lastArrowOf = new Map<string, number>();

  constructor(items: DiagramItem[]) {
    this.#arrows = [];
    this.#phaseNotes = new Map();
    let phase = 0;
    for (const item of [...items].sort((a, b) => a.order - b.order)) {
      if (item.kind === 'note') {
        phase += 1;
        this.#phaseNotes.set(phase, item.label);
        continue;
      }
      const request = REQUEST_LABEL.exec(item.label);
      const response = RESPONSE_LABEL.exec(item.label);
      this.#arrows.push({
        step: item.step!,
        label: item.label,
        from: item.from!,
        to: item.to!,
        ...(request ? { method: request[1]!, path: request[2]!, query: queryValues(item.label) } : {}),
        ...(response ? { status: Number(response[1]) } : {}),
        pseudo: !request && !response,
        phase,
      });
    }
  }

  request(exchange: ExchangeLike): Match {
    const url = new URL(exchange.url);
    const path = url.pathname;
    const fits = (a: Arrow) =>
      a.from === exchange.from && a.to === exchange.to && a.method === exchange.method && a.path === path && (a.query ?? []).every(([name, value]) => url.searchParams.get(name) === value);
    const signature = `${exchange.from} ${exchange.to} ${exchange.method} ${path}`;
    const last = this.#arrowAt(this.#lastArrowOf.get(signature) ?? 0);
    const arrow =
      this.#arrows.find((a) => a.step > this.#position && a.phase === this.#phase && fits(a)) ??
      this.#arrows.find((a) => a.phase === this.#clockPhase && fits(a)) ??
      (last?.phase === this.#phase ? last : undefined) ??
      this.#arrows.find((a) => a.phase === this.#phase && fits(a)) ??
      this.#arrows.find(fits);
    if (!arrow) return { step: null, implied: [], failed: Boolean(exchange.error) };
    const implied = this.#pseudoAfterPosition(exchange.from);
    this.#requestArrow.set(exchange.id, arrow.step);
    this.#lastArrowOf.set(signature, arrow.step);
    if (arrow.phase === this.#clockPhase) this.#clockPhase = undefined;
    this.#moveTo(arrow);
    return { step: arrow.step, implied, failed: Boolean(exchange.error) };
  }

  response(exchange: ExchangeLike): Match {
    const requestStep = this.#requestArrow.get(exchange.id);
    if (requestStep === undefined) return { step: null, implied: [], failed: Boolean(exchange.error) };
    if (!exchange.response) return { step: null, implied: [], failed: true };
    const arrow = this.#arrows.find((a) => a.step > requestStep && a.from === exchange.to && a.to === exchange.from && a.status !== undefined);
    if (!arrow) return { step: null, implied: [], failed: false };
    const status = exchange.response.status;
    if (arrow.status === status) {
      this.#moveTo(arrow);
      return { step: arrow.step, implied: [], failed: false };
    }
    if (contradicts(arrow.status!, status)) {
      this.#moveTo(arrow);
      return { step: arrow.step, implied: [], failed: true };
    }
    return { step: null, implied: [], failed: false };
  }

  /** The reader made time jump: continue from the note that says so. */
  clock(jump: Jump): void {
    const phases = [...this.#phaseNotes].filter(([, label]) => JUMP_NOTES[jump].test(label)).map(([phase]) => phase);
    const phase = phases.find((p) => p > this.#phase) ?? phases[0];
    if (phase === undefined) return;
    this.#phase = phase;
    this.#clockPhase = phase;
    this.#position = (this.#arrows.find((a) => a.phase === phase)?.step ?? 1) - 1;
  }

  /**
   * The reader launched an attack: continue from its first arrow. Returns the HTTP-less arrows that
   * happen as the attack starts: the ones just before it (how the token was stolen), and, when the
   * first arrow has no HTTP either (a script at work in the page), it and the HTTP-less ones after it.
   */
  attack(attack: Attack): number[] {
    const first = this.#arrows.find((a) => ATTACK_ARROWS[attack].test(a.label));
    if (!first) return [];
    this.#clockPhase = undefined;
    this.#phase = first.phase;
    this.#position = first.step - 1;
    const theft: number[] = [];
    for (let a = this.#arrowAt(first.step - 1); a?.pseudo && a.phase === first.phase; a = this.#arrowAt(a.step - 1)) theft.unshift(a.step);
    for (let a: Arrow | undefined = first; a?.pseudo && a.phase === first.phase; a = this.#arrowAt(a.step + 1)) {
      theft.push(a.step);
      this.#position = a.step;
    }
    return theft;
  }

  /** The attack has ended: the HTTP-less arrows left at the end of its section (what the hacker got) happen now. */
  attackEnded(): number[] {
    const rest = this.#arrows.filter((a) => a.phase === this.#phase && a.step > this.#position);
    if (rest.length === 0 || rest.some((a) => !a.pseudo)) return [];
    this.#position = rest.at(-1)!.step;
    return rest.map((a) => a.step);
  }

  #arrowAt(step: number): Arrow | undefined {
    return this.#arrows.find((a) => a.step === step);
  }

  #moveTo(arrow: Arrow): void {
    this.#position = arrow.step;
    this.#phase = arrow.phase;
  }

  /**
   * The HTTP-less arrows right after the position, in the same section, that lead up to a request of
   * the given participant: each one drawn from it, or handing it something it then acts on (a
   * script in the page sends the hacker a token, and the hacker uses it). The arrows in between
   * happened on the way.
   */
  #pseudoAfterPosition(sender: string): number[] {
    const run: Arrow[] = [];
    for (let a = this.#arrowAt(this.#position + 1); a?.pseudo && a.phase === this.#phase; a = this.#arrowAt(a.step + 1)) run.push(a);
    const last = run.findLastIndex((a) => a.from === sender || a.to === sender);
    return run.slice(0, last + 1).map((a) => a.step);
  }
}

/** The `name=value` parameters of a request label's first `{…}` (a silent login's `prompt=none`). */
function queryValues(label: string): [string, string][] {
  const braces = /\{[^}]*\}/.exec(label)?.[0] ?? '';
  return [...braces.matchAll(QUERY_VALUE)].map((match) => [match[1]!, match[2]!]);
}

/** Whether a real status contradicts the one an arrow draws (rather than being an answer it does not draw). */
function contradicts(drawn: number, real: number): boolean {
  return real >= 500 || (drawn < 300 && real >= 300);
}

/** Reads the arrows and notes of a rendered diagram, in source order. */
export function diagramItems(svg: Element): DiagramItem[] {
  const order = (el: Element | null) => Number(el?.getAttribute('data-id')?.slice(1) ?? NaN);
  const messages = [...svg.querySelectorAll('g.message[data-step]')].map((group): DiagramItem => {
    const arrow = group.querySelector('[data-et="message"]');
    return {
      kind: 'message',
      order: order(arrow),
      step: Number(group.getAttribute('data-step')),
      from: arrow?.getAttribute('data-from') ?? '',
      to: arrow?.getAttribute('data-to') ?? '',
      label: group.getAttribute('data-label') ?? '',
    };
  });
  const notes = [...svg.querySelectorAll('g[data-et="note"]')].map(
    (note): DiagramItem => ({ kind: 'note', order: order(note), label: note.textContent?.trim() ?? '' }),
  );
  return [...messages, ...notes];
}
