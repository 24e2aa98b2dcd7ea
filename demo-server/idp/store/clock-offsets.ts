import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ClockOffsets } from '../clock.ts';

/** Per-user demo clock offsets in seconds. They only grow: see `advance`. */
export class ClockOffsetRepository implements ClockOffsets {
  readonly #read: StatementSync;
  readonly #advance: StatementSync;

  constructor(db: DatabaseSync) {
    this.#read = db.prepare('SELECT offset_seconds FROM clock_offsets WHERE user_id = ?');
    this.#advance = db.prepare(
      `INSERT INTO clock_offsets (user_id, offset_seconds) VALUES (?1, ?2)
       ON CONFLICT (user_id) DO UPDATE SET offset_seconds = offset_seconds + ?2
       RETURNING offset_seconds`,
    );
  }

  offsetSeconds(userId: string): number {
    const row = this.#read.get(userId) as { offset_seconds: number } | undefined;
    return row?.offset_seconds ?? 0;
  }

  /** Adds `seconds` (> 0) to the user's offset and returns the new total. */
  advance(userId: string, seconds: number): number {
    const row = this.#advance.get(userId, seconds) as { offset_seconds: number };
    return row.offset_seconds;
  }
}
