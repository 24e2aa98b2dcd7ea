import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { StoredKey } from '../tokens.ts';

interface KeyRow {
  id: string;
  name: string;
  algorithm: StoredKey['algorithm'];
  secret: string | null;
  private_key: string | null;
  public_key: string | null;
}

/** Signing keys live in the database so tokens issued before a restart still verify after it. */
export class SigningKeyRepository {
  readonly #insert: StatementSync;
  readonly #all: StatementSync;
  readonly #now: () => number;

  constructor(db: DatabaseSync, now: () => number) {
    this.#now = now;
    this.#insert = db.prepare(
      'INSERT INTO signing_keys (id, name, algorithm, secret, private_key, public_key, insert_instant) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#all = db.prepare('SELECT id, name, algorithm, secret, private_key, public_key FROM signing_keys ORDER BY insert_instant, id');
  }

  insert(key: StoredKey): void {
    this.#insert.run(key.id, key.name, key.algorithm, key.secret ?? null, key.privateKey ?? null, key.publicKey ?? null, this.#now());
  }

  all(): StoredKey[] {
    return (this.#all.all() as unknown as KeyRow[]).map((row) => ({
      id: row.id,
      name: row.name,
      algorithm: row.algorithm,
      ...(row.secret ? { secret: row.secret } : {}),
      ...(row.private_key && row.public_key ? { privateKey: row.private_key, publicKey: row.public_key } : {}),
    }));
  }
}
