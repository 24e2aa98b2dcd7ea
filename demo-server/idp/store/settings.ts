import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { TenantSettings } from '../configuration.ts';
import { sha256 } from '../secrets.ts';

/** Single-row settings (the tenant, CORS origins, whether the kickstart ran) and the API keys. */
export class SettingsRepository {
  readonly #read: StatementSync;
  readonly #write: StatementSync;
  readonly #insertKey: StatementSync;
  readonly #findKey: StatementSync;

  constructor(db: DatabaseSync) {
    this.#read = db.prepare('SELECT value FROM settings WHERE name = ?');
    this.#write = db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
    this.#insertKey = db.prepare('INSERT INTO api_keys (key_hash, description) VALUES (?, ?) ON CONFLICT (key_hash) DO NOTHING');
    this.#findKey = db.prepare('SELECT 1 AS found FROM api_keys WHERE key_hash = ?');
  }

  #get<T>(name: string): T | null {
    const row = this.#read.get(name) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  #set(name: string, value: unknown): void {
    this.#write.run(name, JSON.stringify(value));
  }

  tenant(): TenantSettings | null {
    return this.#get<TenantSettings>('tenant');
  }

  saveTenant(tenant: TenantSettings): void {
    this.#set('tenant', tenant);
  }

  corsOrigins(): string[] {
    return this.#get<string[]>('corsOrigins') ?? [];
  }

  saveCorsOrigins(origins: string[]): void {
    this.#set('corsOrigins', origins);
  }

  /** Fingerprint of the kickstart file that initialised this database, or null for a fresh one. */
  kickstartFingerprint(): string | null {
    return this.#get<string>('kickstart');
  }

  saveKickstartFingerprint(fingerprint: string): void {
    this.#set('kickstart', fingerprint);
  }

  addApiKey(key: string, description: string | undefined): void {
    this.#insertKey.run(sha256(key), description ?? null);
  }

  isApiKey(key: string): boolean {
    return this.#findKey.get(sha256(key)) !== undefined;
  }
}
