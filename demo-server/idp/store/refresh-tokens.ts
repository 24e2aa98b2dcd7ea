import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { sha256 } from '../secrets.ts';
import { transaction } from './database.ts';

/**
 * One refresh token. Tokens rotated out under the OneTimeUse policy keep their row (with
 * `rotatedAt`) until they expire, so presenting one again is recognised as reuse.
 */
export interface RefreshTokenRecord {
  id: string;
  familyId: string;
  userId: string;
  applicationId: string | null;
  scope: string | null;
  authenticationType: string;
  authTime: number;
  pkce: boolean;
  startInstant: number;
  insertInstant: number;
  expiresAt: number;
  rotatedAt: number | null;
}

interface Row {
  id: string;
  family_id: string;
  user_id: string;
  application_id: string | null;
  scope: string | null;
  authentication_type: string;
  auth_time: number;
  pkce: number;
  start_instant: number;
  insert_instant: number;
  expires_at: number;
  rotated_at: number | null;
}

const toRecord = (row: Row): RefreshTokenRecord => ({
  id: row.id,
  familyId: row.family_id,
  userId: row.user_id,
  applicationId: row.application_id,
  scope: row.scope,
  authenticationType: row.authentication_type,
  authTime: row.auth_time,
  pkce: row.pkce === 1,
  startInstant: row.start_instant,
  insertInstant: row.insert_instant,
  expiresAt: row.expires_at,
  rotatedAt: row.rotated_at,
});

export class RefreshTokenRepository {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #byHash: StatementSync;
  readonly #byId: StatementSync;
  readonly #rotate: StatementSync;
  readonly #extend: StatementSync;
  readonly #deleteById: StatementSync;
  readonly #deleteFamily: StatementSync;
  readonly #deleteByUser: StatementSync;
  readonly #deleteByApplication: StatementSync;
  readonly #deleteByUserAndApplication: StatementSync;
  readonly #purge: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO refresh_tokens (id, token_hash, family_id, user_id, application_id, scope, authentication_type, auth_time, pkce,
         start_instant, insert_instant, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#byHash = db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?');
    this.#byId = db.prepare('SELECT * FROM refresh_tokens WHERE id = ?');
    this.#rotate = db.prepare('UPDATE refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL');
    this.#extend = db.prepare('UPDATE refresh_tokens SET expires_at = ? WHERE id = ?');
    this.#deleteById = db.prepare('DELETE FROM refresh_tokens WHERE id = ?');
    this.#deleteFamily = db.prepare('DELETE FROM refresh_tokens WHERE family_id = ?');
    this.#deleteByUser = db.prepare('DELETE FROM refresh_tokens WHERE user_id = ?');
    this.#deleteByApplication = db.prepare('DELETE FROM refresh_tokens WHERE application_id = ?');
    this.#deleteByUserAndApplication = db.prepare('DELETE FROM refresh_tokens WHERE user_id = ? AND application_id = ?');
    this.#purge = db.prepare('DELETE FROM refresh_tokens WHERE expires_at <= ?');
  }

  insert(token: string, record: Omit<RefreshTokenRecord, 'rotatedAt'>): void {
    const r = record;
    this.#insert.run(
      r.id, sha256(token), r.familyId, r.userId, r.applicationId, r.scope, r.authenticationType, r.authTime,
      r.pkce ? 1 : 0, r.startInstant, r.insertInstant, r.expiresAt,
    );
  }

  findByToken(token: string): RefreshTokenRecord | null {
    const row = this.#byHash.get(sha256(token)) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  findById(id: string): RefreshTokenRecord | null {
    const row = this.#byId.get(id.toLowerCase()) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** Retires `old` and stores its successor atomically; false if `old` was already retired. */
  rotate(oldId: string, at: number, token: string, successor: Omit<RefreshTokenRecord, 'rotatedAt'>): boolean {
    return transaction(this.#db, () => {
      if (Number(this.#rotate.run(at, oldId).changes) !== 1) return false;
      this.insert(token, successor);
      return true;
    });
  }

  extend(id: string, expiresAt: number): void {
    this.#extend.run(expiresAt, id);
  }

  deleteById(id: string): number {
    return Number(this.#deleteById.run(id.toLowerCase()).changes);
  }

  deleteFamily(familyId: string): number {
    return Number(this.#deleteFamily.run(familyId).changes);
  }

  deleteByUser(userId: string, applicationId?: string): number {
    const result = applicationId
      ? this.#deleteByUserAndApplication.run(userId, applicationId)
      : this.#deleteByUser.run(userId);
    return Number(result.changes);
  }

  deleteByApplication(applicationId: string): number {
    return Number(this.#deleteByApplication.run(applicationId).changes);
  }

  /** Expiry instants sit on a user's clock, which never runs behind real time: safe to purge. */
  purgeExpired(realNow: number): void {
    this.#purge.run(realNow);
  }
}
