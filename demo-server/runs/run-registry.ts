import { randomBytes } from 'node:crypto';
import type { EndReason } from '../protocol.ts';
import type { RunAccounts } from './run-accounts.ts';
import { Run, type RunFacts, type RunWorkflow } from './run.ts';

/** No room for one more run: every run that could make room is in use. */
export class RunLimitError extends Error {
  /** `client`: the caller's own share is full (429); `server`: the whole server is (503). */
  readonly scope: 'client' | 'server';
  /** The number of runs that scope may hold. */
  readonly limit: number;
  /** When one of the runs in the way stops being in use. */
  readonly retryAfterSeconds: number;

  constructor(scope: 'client' | 'server', limit: number, retryAfterSeconds: number) {
    super(`No room for another run: all ${limit} runs of the ${scope} are in use.`);
    this.scope = scope;
    this.limit = limit;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface RunLimits {
  maxRuns: number;
  runIdleMs: number;
  runActiveMs: number;
  perClient: { maxRuns: number };
}

/**
 * The live runs, by id. Ids are 256 random bits: knowing one is the only way to reach a run.
 *
 * Room is shared fairly: one client address holds at most its share of runs, and when the server
 * (or that share) is full, a new run ends the longest-idle run in the way rather than being refused,
 * unless every one of them is in use. Every run that ends, however, takes its user out of the
 * identity provider, so its database does not grow with traffic.
 */
export class RunRegistry<W extends RunWorkflow = RunWorkflow> {
  readonly #runs = new Map<string, Run<W>>();
  readonly #accounts: Pick<RunAccounts, 'create' | 'remove'>;
  readonly #facts: RunFacts;
  readonly #limits: RunLimits;
  readonly #log: (line: string) => void;
  readonly #sweeper: NodeJS.Timeout;
  /** Runs whose user is still being created count against the limits too, by client. */
  readonly #starting = new Map<string, number>();

  constructor(accounts: Pick<RunAccounts, 'create' | 'remove'>, facts: RunFacts, limits: RunLimits, log: (line: string) => void) {
    this.#accounts = accounts;
    this.#facts = facts;
    this.#limits = limits;
    this.#log = log;
    this.#sweeper = setInterval(() => this.sweep(), Math.min(30_000, Math.max(100, limits.runIdleMs / 4)));
    this.#sweeper.unref();
  }

  /** A new run for `client` (its address as a limit key); throws RunLimitError when there is no room. */
  async create(workflow: W, client: string): Promise<Run<W>> {
    this.#makeRoom(client, Date.now());
    this.#starting.set(client, (this.#starting.get(client) ?? 0) + 1);
    try {
      const user = await this.#accounts.create();
      const run = new Run(randomBytes(32).toString('base64url'), workflow, user, client, this.#facts, Date.now());
      this.#runs.set(run.id, run);
      return run;
    } finally {
      const left = this.#starting.get(client)! - 1;
      if (left === 0) this.#starting.delete(client);
      else this.#starting.set(client, left);
    }
  }

  /** The live run with this id, marked active now; undefined for unknown, ended or missing ids. */
  find(id: string | undefined): Run<W> | undefined {
    const run = id === undefined ? undefined : this.#runs.get(id);
    if (run) run.lastActivityAt = Date.now();
    return run;
  }

  /**
   * The live run whose user has this login id. Each run's user has an email with 64 random bits,
   * known only to its reader, so naming it is as good as the run cookie for attributing a login.
   */
  /** The run whose identity-provider user has this id (an access token's subject). */
  findByUserId(userId: string): Run<W> | undefined {
    for (const run of this.#runs.values()) if (run.user.id === userId) return this.find(run.id);
    return undefined;
  }

  findByLoginId(loginId: string): Run<W> | undefined {
    const wanted = loginId.trim().toLowerCase();
    for (const run of this.#runs.values()) {
      if (run.user.email.toLowerCase() === wanted) return this.find(run.id);
    }
    return undefined;
  }

  /** Ends the run, then deletes its user and refresh tokens from the identity provider. */
  async end(run: Run<W>, reason: EndReason): Promise<void> {
    if (this.#runs.get(run.id) !== run) return;
    this.#runs.delete(run.id);
    run.end(reason);
    try {
      await this.#accounts.remove(run.user);
    } catch (error) {
      this.#log(`could not delete the user of an ended run (${run.user.email}): ${describe(error)}`);
    }
  }

  sweep(now = Date.now()): void {
    for (const run of this.#runs.values()) {
      if (now - run.lastActivityAt > this.#limits.runIdleMs) void this.end(run, 'expired');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    await Promise.all([...this.#runs.values()].map((run) => this.end(run, 'shutdown')));
  }

  /** Frees a place for one more run of `client`, first within its own share, then on the server. */
  #makeRoom(client: string, now: number): void {
    const own = [...this.#runs.values()].filter((run) => run.client === client);
    const { perClient, maxRuns } = this.#limits;
    if (own.length + (this.#starting.get(client) ?? 0) >= perClient.maxRuns) this.#evictOne(own, 'client', perClient.maxRuns, now);
    const starting = [...this.#starting.values()].reduce((sum, count) => sum + count, 0);
    if (this.#runs.size + starting >= maxRuns) this.#evictOne([...this.#runs.values()], 'server', maxRuns, now);
  }

  /** Ends the longest-idle of `candidates` that is not in use (its user is deleted meanwhile), or throws. */
  #evictOne(candidates: Run<W>[], scope: RunLimitError['scope'], limit: number, now: number): void {
    const idle = candidates.filter((run) => !run.inUse(now, this.#limits.runActiveMs));
    if (idle.length === 0) {
      const soonest = Math.min(...candidates.map((run) => run.lastActivityAt + this.#limits.runActiveMs - now));
      // Runs still being created, or one whose attack is under way, leave no date to give: a short wait then.
      throw new RunLimitError(scope, limit, Number.isFinite(soonest) && soonest > 0 ? Math.ceil(soonest / 1000) : 5);
    }
    const idlest = idle.reduce((a, b) => (b.lastActivityAt < a.lastActivityAt ? b : a));
    void this.end(idlest, 'evicted');
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return status === undefined ? String(error) : `HTTP ${status}`;
}
