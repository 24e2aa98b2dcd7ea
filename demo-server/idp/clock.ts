/** Source of "now" in epoch milliseconds; tests inject their own to make time pass instantly. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock the test controls: starts at `start` and moves only when told to. */
export function manualClock(start = Date.now()): Clock & { advance(seconds: number): void } {
  let current = start;
  return {
    now: () => current,
    advance(seconds: number) {
      current += seconds * 1000;
    },
  };
}

export interface ClockOffsets {
  offsetSeconds(userId: string): number;
}

/**
 * Everything that depends on a user's tokens asks this for the time. In demo mode a user may have
 * been moved forward (never back), so their tokens expire sooner, never later.
 */
export class UserClock {
  readonly #base: Clock;
  readonly #offsets: ClockOffsets | null;

  constructor(base: Clock, offsets: ClockOffsets | null) {
    this.#base = base;
    this.#offsets = offsets;
  }

  /** Real time, for things that belong to no user (e.g. purging rows nobody can use any more). */
  realNow(): number {
    return this.#base.now();
  }

  /** Time as seen by this user's tokens, in epoch milliseconds. */
  nowFor(userId: string): number {
    const offset = this.#offsets ? this.#offsets.offsetSeconds(userId) : 0;
    return this.#base.now() + offset * 1000;
  }
}
