import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { sha256 } from '../secrets.ts';

/** The IdP's own login session behind the `fusionauth.sso` cookie. `id` is public (JWT `sid`). */
export interface SsoSessionRecord {
  id: string;
  userId: string;
  authTime: number;
  expiresAt: number;
}

export class SsoSessionRepository {
  readonly #insert: StatementSync;
  readonly #find: StatementSync;
  readonly #delete: StatementSync;
  readonly #purge: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare('INSERT INTO sso_sessions (id_hash, id, user_id, auth_time, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.#find = db.prepare('SELECT id, user_id, auth_time, expires_at FROM sso_sessions WHERE id_hash = ?');
    this.#delete = db.prepare('DELETE FROM sso_sessions WHERE id_hash = ?');
    this.#purge = db.prepare('DELETE FROM sso_sessions WHERE expires_at <= ?');
  }

  insert(cookieValue: string, session: SsoSessionRecord): void {
    this.#insert.run(sha256(cookieValue), session.id, session.userId, session.authTime, session.expiresAt);
  }

  find(cookieValue: string): SsoSessionRecord | null {
    const row = this.#find.get(sha256(cookieValue)) as { id: string; user_id: string; auth_time: number; expires_at: number } | undefined;
    return row ? { id: row.id, userId: row.user_id, authTime: row.auth_time, expiresAt: row.expires_at } : null;
  }

  delete(cookieValue: string): void {
    this.#delete.run(sha256(cookieValue));
  }

  purgeExpired(realNow: number): void {
    this.#purge.run(realNow);
  }
}
