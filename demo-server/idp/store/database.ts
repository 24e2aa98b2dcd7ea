import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

// Instants are epoch milliseconds. Secrets handed to clients (refresh tokens, codes, SSO session
// ids, API keys) are stored only as SHA-256 hashes, so a copied database file cannot replay them.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
  key_hash TEXT PRIMARY KEY,
  description TEXT
);
CREATE TABLE IF NOT EXISTS signing_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  secret TEXT,
  private_key TEXT,
  public_key TEXT,
  insert_instant INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS applications (
  id TEXT PRIMARY KEY,
  config TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT UNIQUE COLLATE NOCASE,
  username TEXT UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  first_name TEXT,
  last_name TEXT,
  failed_login_count INTEGER NOT NULL DEFAULT 0,
  first_failed_login INTEGER,
  locked_until INTEGER,
  insert_instant INTEGER NOT NULL,
  last_update_instant INTEGER NOT NULL,
  last_login_instant INTEGER,
  password_last_update_instant INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS registrations (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  roles TEXT NOT NULL,
  insert_instant INTEGER NOT NULL,
  last_login_instant INTEGER,
  UNIQUE (user_id, application_id)
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  family_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  application_id TEXT,
  scope TEXT,
  authentication_type TEXT NOT NULL,
  auth_time INTEGER NOT NULL,
  pkce INTEGER NOT NULL,
  start_instant INTEGER NOT NULL,
  insert_instant INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  rotated_at INTEGER
);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_user ON refresh_tokens (user_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_application ON refresh_tokens (application_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_expiry ON refresh_tokens (expires_at);
CREATE TABLE IF NOT EXISTS authorization_codes (
  code_hash TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  scope TEXT NOT NULL,
  nonce TEXT,
  code_challenge TEXT,
  session_id TEXT NOT NULL,
  auth_time INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS authorization_codes_by_expiry ON authorization_codes (expires_at);
CREATE TABLE IF NOT EXISTS sso_sessions (
  id_hash TEXT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  auth_time INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sso_sessions_by_expiry ON sso_sessions (expires_at);
CREATE TABLE IF NOT EXISTS clock_offsets (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  offset_seconds INTEGER NOT NULL
);
`;

/** Opens (creating if needed) the IdP database. `:memory:` gives a throwaway one for tests. */
export function openDatabase(path: string): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: 5000 });
  if (path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
}

/**
 * Runs `work` atomically. Savepoints nest, so a repository may call this inside a larger unit of
 * work (the kickstart runs as one). `work` must be synchronous: nothing else may interleave.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('SAVEPOINT unit_of_work');
  try {
    const result = work();
    db.exec('RELEASE unit_of_work');
    return result;
  } catch (error) {
    db.exec('ROLLBACK TO unit_of_work');
    db.exec('RELEASE unit_of_work');
    throw error;
  }
}
