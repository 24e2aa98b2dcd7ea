import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { sha256 } from '../secrets.ts';

export interface AuthorizationCodeRecord {
  applicationId: string;
  userId: string;
  redirectUri: string;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  sessionId: string;
  authTime: number;
  expiresAt: number;
}

interface Row {
  application_id: string;
  user_id: string;
  redirect_uri: string;
  scope: string;
  nonce: string | null;
  code_challenge: string | null;
  session_id: string;
  auth_time: number;
  expires_at: number;
}

export class AuthorizationCodeRepository {
  readonly #insert: StatementSync;
  readonly #take: StatementSync;
  readonly #purge: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      `INSERT INTO authorization_codes (code_hash, application_id, user_id, redirect_uri, scope, nonce, code_challenge, session_id, auth_time, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Deleting while reading makes a code single-use even if two exchanges race.
    this.#take = db.prepare('DELETE FROM authorization_codes WHERE code_hash = ? RETURNING *');
    this.#purge = db.prepare('DELETE FROM authorization_codes WHERE expires_at <= ?');
  }

  insert(code: string, record: AuthorizationCodeRecord): void {
    const r = record;
    this.#insert.run(sha256(code), r.applicationId, r.userId, r.redirectUri, r.scope, r.nonce, r.codeChallenge, r.sessionId, r.authTime, r.expiresAt);
  }

  /** Removes and returns the code: whatever happens next, it can never be exchanged again. */
  take(code: string): AuthorizationCodeRecord | null {
    const row = this.#take.get(sha256(code)) as Row | undefined;
    if (!row) return null;
    return {
      applicationId: row.application_id,
      userId: row.user_id,
      redirectUri: row.redirect_uri,
      scope: row.scope,
      nonce: row.nonce,
      codeChallenge: row.code_challenge,
      sessionId: row.session_id,
      authTime: row.auth_time,
      expiresAt: row.expires_at,
    };
  }

  purgeExpired(realNow: number): void {
    this.#purge.run(realNow);
  }
}
