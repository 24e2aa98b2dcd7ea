import type { AttackKind, ClockJump, ClockState, EndReason, Exchange, RunEvent, RunSnapshot } from '../protocol.ts';
import type { CookieDomainPolicy, RequestingActor } from '../vocabulary.ts';
import { BrowserTokens } from './browser-tokens.ts';

export interface RunUser {
  id: string;
  email: string;
  password: string;
}

/** What every run of this server shares: where the hosts are, token lifetimes, whether the clock can move. */
export interface RunFacts {
  origins: RunSnapshot['origins'];
  lifetimes: RunSnapshot['lifetimes'];
  /** Set when the identity provider is a real FusionAuth, whose clock the demo cannot move. */
  clockUnavailableReason: string | undefined;
  maxExchanges: number;
}

/**
 * What a run needs to know of its workflow. The server's workflows add the apps and the attacks'
 * plans to it, and a run handed one gives it back with all of that (`run.workflow`).
 */
export interface RunWorkflow<Attack extends { kind: AttackKind } = { kind: AttackKind }> {
  id: string;
  jumps: ClockJump[];
  attacks: readonly Attack[];
  idpCookies: CookieDomainPolicy;
}

export type ExchangeDraft = Pick<Exchange, 'from' | 'to' | 'method' | 'url' | 'request' | 'causedBy'>;

/**
 * One reader's run of a workflow: its IdP user, its clock offset, and the trace of every exchange
 * its browser, apps, identity provider and hacker made. Listeners get each event as it happens and
 * must serialise it at once (exchanges are completed in place).
 */
export class Run<W extends RunWorkflow = RunWorkflow> {
  readonly id: string;
  readonly workflow: W;
  readonly user: RunUser;
  /** The client address that started it (a limit key), which its hacker's requests count against too. */
  readonly client: string;
  lastActivityAt: number;
  readonly #facts: RunFacts;
  #clockOffsetSeconds = 0;
  readonly #exchanges: Exchange[] = [];
  #nextExchangeId = 1;
  #droppedExchanges = 0;
  readonly #listeners = new Set<(event: RunEvent) => void>();
  /** What the reader's browser holds, as the hacker would copy it. */
  readonly browserTokens = new BrowserTokens();
  #hackerExchangeIds: number[] | null = null;
  /**
   * The refresh token the hacker holds of its own: the one it got by redeeming a stolen refresh
   * token (a browser-only client's), which it keeps for later, as a thief would.
   */
  hackerRefreshToken: string | undefined = undefined;
  /** A watcher for the identity provider's next redirect with a code (the code thief of an attack). */
  #codeWatch: ((redirect: URL) => Promise<void>) | null = null;
  #ended = false;

  constructor(id: string, workflow: W, user: RunUser, client: string, facts: RunFacts, now: number) {
    this.id = id;
    this.workflow = workflow;
    this.user = user;
    this.client = client;
    this.#facts = facts;
    this.lastActivityAt = now;
  }

  get clockOffsetSeconds(): number {
    return this.#clockOffsetSeconds;
  }

  get subscriberCount(): number {
    return this.#listeners.size;
  }

  clock(): ClockState {
    const reason = this.#facts.clockUnavailableReason;
    return reason === undefined
      ? { offsetSeconds: this.#clockOffsetSeconds, available: true }
      : { offsetSeconds: this.#clockOffsetSeconds, available: false, unavailableReason: reason };
  }

  snapshot(): RunSnapshot {
    return {
      workflow: this.workflow.id,
      user: { email: this.user.email, password: this.user.password },
      origins: this.#facts.origins,
      clock: this.clock(),
      lifetimes: this.#facts.lifetimes,
      jumps: this.workflow.jumps,
      attacks: this.workflow.attacks.map((attack) => attack.kind),
      exchanges: this.#exchanges,
      droppedExchanges: this.#droppedExchanges,
    };
  }

  subscribe(listener: (event: RunEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  startExchange(draft: ExchangeDraft, root: RequestingActor): Exchange {
    const exchange: Exchange = { id: this.#nextExchangeId++, startedAt: Date.now(), clockOffsetSeconds: this.#clockOffsetSeconds, ...draft };
    this.#exchanges.push(exchange);
    if (this.#exchanges.length > this.#facts.maxExchanges) {
      this.#exchanges.shift();
      this.#droppedExchanges += 1;
    }
    if (root === 'Hacker') this.#hackerExchangeIds?.push(exchange.id);
    this.#emit({ type: 'request', exchange });
    return exchange;
  }

  completeExchange(exchange: Exchange, response: NonNullable<Exchange['response']>): void {
    exchange.response = response;
    this.#emit({ type: 'response', exchange });
  }

  failExchange(exchange: Exchange, error: string): void {
    exchange.error = error;
    this.#emit({ type: 'response', exchange });
  }

  moveClock(jump: ClockJump, offsetSeconds: number): ClockState {
    this.#clockOffsetSeconds = offsetSeconds;
    const clock = this.clock();
    this.#emit({ type: 'clock', jump, clock });
    return clock;
  }

  /** Runs an attack, returning the ids of the exchanges the hacker's requests caused. One at a time per run. */
  async collectHackerExchanges<T>(attack: () => Promise<T>): Promise<{ result: T; exchangeIds: number[] }> {
    if (this.#hackerExchangeIds) throw new Error('An attack is already under way in this run.');
    const exchangeIds: number[] = [];
    this.#hackerExchangeIds = exchangeIds;
    try {
      return { result: await attack(), exchangeIds };
    } finally {
      this.#hackerExchangeIds = null;
    }
  }

  /**
   * The hacker's link opens in the reader's browser: the panel navigates its frame to `url`, and
   * this resolves with the first answer to a browser request that `answers` picks, or null when the
   * browser has made none within `timeoutMs`.
   */
  lure(attack: AttackKind, url: string, answers: (exchange: Exchange) => boolean, timeoutMs: number): Promise<Exchange | null> {
    return new Promise((resolve) => {
      const stop = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      const timer = setTimeout(() => (stop(), resolve(null)), timeoutMs);
      const unsubscribe = this.subscribe((event) => {
        if (event.type === 'ended') return stop(), resolve(null);
        if (event.type === 'response' && event.exchange.from === 'Browser' && answers(event.exchange)) return stop(), resolve(event.exchange);
      });
      this.#emit({ type: 'lure', attack, url });
    });
  }

  /** Hands the identity provider's next redirect that carries a code to `watch`, before the browser gets it. */
  watchNextCode(watch: (redirect: URL) => Promise<void>): () => void {
    this.#codeWatch = watch;
    return () => {
      if (this.#codeWatch === watch) this.#codeWatch = null;
    };
  }

  /** The code watcher, if any, removed as it is taken: each one sees one redirect. */
  takeCodeWatch(): ((redirect: URL) => Promise<void>) | null {
    const watch = this.#codeWatch;
    this.#codeWatch = null;
    return watch;
  }

  get attackUnderWay(): boolean {
    return this.#hackerExchangeIds !== null;
  }

  /** In use: a request within `activeMs`, or an attack under way. A run in use is never ended to make room. */
  inUse(now: number, activeMs: number): boolean {
    return now - this.lastActivityAt < activeMs || this.attackUnderWay;
  }

  end(reason: EndReason): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#emit({ type: 'ended', reason });
    this.#listeners.clear();
  }

  #emit(event: RunEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
