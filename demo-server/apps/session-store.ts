import { randomBytes } from 'node:crypto';

/** How long a session lives without a request (idle) and at most after its login (absolute). */
export const SESSION_TIMEOUTS = { idleSeconds: 15 * 60, absoluteSeconds: 8 * 60 * 60 } as const;

export type SessionTimeouts = { idleSeconds: number; absoluteSeconds: number };

interface Entry<T> {
  data: T;
  /** Sessions are filed under the run that created them; another run's id finds nothing. */
  runId: string;
  createdAt: number;
  lastSeenAt: number;
}

/**
 * Server-side sessions: the browser holds only a random id (256 bits), everything else stays here.
 * Times are passed in (ms) because each run keeps its own clock, which the reader can move forward.
 */
export class SessionStore<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #timeouts: SessionTimeouts;

  constructor(timeouts: SessionTimeouts = SESSION_TIMEOUTS) {
    this.#timeouts = timeouts;
  }

  /** A new session with a new id; the caller revokes the one it replaces (ids are never reused across a login). */
  create(runId: string, data: T, now: number): string {
    this.#pruneExpired();
    const id = randomBytes(32).toString('base64url');
    this.#entries.set(id, { data, runId, createdAt: now, lastSeenAt: now });
    return id;
  }

  /** The session's data if it is alive at `now`, which also restarts its idle timer; an expired session is deleted. */
  resume(id: string, runId: string, now: number): T | null {
    const entry = this.#entries.get(id);
    if (!entry || entry.runId !== runId) return null;
    if (this.#expired(entry, now)) {
      this.#entries.delete(id);
      return null;
    }
    entry.lastSeenAt = now;
    return entry.data;
  }

  revoke(id: string): void {
    this.#entries.delete(id);
  }

  #expired(entry: Entry<T>, now: number): boolean {
    return now - entry.lastSeenAt >= this.#timeouts.idleSeconds * 1000 || now - entry.createdAt >= this.#timeouts.absoluteSeconds * 1000;
  }

  // Run clocks only move forward, so a session expired by real time is expired for its run too.
  #pruneExpired(): void {
    const now = Date.now();
    for (const [id, entry] of this.#entries) if (this.#expired(entry, now)) this.#entries.delete(id);
  }
}
