import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { applicationSchema, type Application, type ApplicationConfig } from '../configuration.ts';

/**
 * Applications come from the kickstart (a demo server may then register its own redirect URIs), so
 * the set is small: it is kept in memory after loading, and every request reads the parsed configuration.
 */
export class ApplicationRepository {
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #byId = new Map<string, Application>();

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare('INSERT INTO applications (id, config) VALUES (?, ?)');
    this.#update = db.prepare('UPDATE applications SET config = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, config FROM applications').all() as unknown as { id: string; config: string }[]) {
      this.#byId.set(row.id, { ...applicationSchema.parse(JSON.parse(row.config)), id: row.id });
    }
  }

  insert(id: string, config: ApplicationConfig): Application {
    this.#insert.run(id, JSON.stringify(config));
    const application = { ...config, id };
    this.#byId.set(id, application);
    return application;
  }

  update(id: string, config: ApplicationConfig): Application {
    this.#update.run(JSON.stringify(config), id);
    const application = { ...config, id };
    this.#byId.set(id, application);
    return application;
  }

  find(id: string): Application | null {
    return this.#byId.get(id.toLowerCase()) ?? null;
  }
}
