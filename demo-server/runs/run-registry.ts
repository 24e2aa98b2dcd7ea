import { randomBytes } from 'node:crypto';
import type { EndReason } from '../protocol.ts';
import type { RunAccounts } from './run-accounts.ts';
import { Run, type RunFacts, type RunWorkflow } from './run.ts';

export class RunLimitError extends Error {}

export interface RunLimits {
  maxRuns: number;
  runIdleMs: number;
}

/** The live runs, by id. Ids are 256 random bits: knowing one is the only way to reach a run. */
export class RunRegistry<W extends RunWorkflow = RunWorkflow> {
  readonly #runs = new Map<string, Run<W>>();
  readonly #accounts: RunAccounts;
  readonly #facts: RunFacts;
  readonly #limits: RunLimits;
  readonly #log: (line: string) => void;
  readonly #sweeper: NodeJS.Timeout;
  /** Runs whose user is still being created count against the limit too. */
  #starting = 0;

  constructor(accounts: RunAccounts, facts: RunFacts, limits: RunLimits, log: (line: string) => void) {
    this.#accounts = accounts;
    this.#facts = facts;
    this.#limits = limits;
    this.#log = log;
    this.#sweeper = setInterval(() => this.sweep(), Math.min(30_000, Math.max(100, limits.runIdleMs / 4)));
    this.#sweeper.unref();
  }

  async create(workflow: W): Promise<Run<W>> {
    if (this.#runs.size + this.#starting >= this.#limits.maxRuns) throw new RunLimitError('Too many demo runs are active right now.');
    this.#starting += 1;
    try {
      const user = await this.#accounts.create();
      const run = new Run(randomBytes(32).toString('base64url'), workflow, user, this.#facts, Date.now());
      this.#runs.set(run.id, run);
      return run;
    } finally {
      this.#starting -= 1;
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
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return status === undefined ? String(error) : `HTTP ${status}`;
}
