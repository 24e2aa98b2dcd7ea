import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { transaction } from './database.ts';

export interface UserRecord {
  id: string;
  email: string | null;
  username: string | null;
  passwordHash: string;
  firstName: string | null;
  lastName: string | null;
  failedLoginCount: number;
  firstFailedLogin: number | null;
  lockedUntil: number | null;
  insertInstant: number;
  lastUpdateInstant: number;
  lastLoginInstant: number | null;
  passwordLastUpdateInstant: number;
}

export interface RegistrationRecord {
  id: string;
  userId: string;
  applicationId: string;
  roles: string[];
  insertInstant: number;
  lastLoginInstant: number | null;
}

interface UserRow {
  id: string;
  email: string | null;
  username: string | null;
  password_hash: string;
  first_name: string | null;
  last_name: string | null;
  failed_login_count: number;
  first_failed_login: number | null;
  locked_until: number | null;
  insert_instant: number;
  last_update_instant: number;
  last_login_instant: number | null;
  password_last_update_instant: number;
}

interface RegistrationRow {
  id: string;
  user_id: string;
  application_id: string;
  roles: string;
  insert_instant: number;
  last_login_instant: number | null;
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  username: row.username,
  passwordHash: row.password_hash,
  firstName: row.first_name,
  lastName: row.last_name,
  failedLoginCount: row.failed_login_count,
  firstFailedLogin: row.first_failed_login,
  lockedUntil: row.locked_until,
  insertInstant: row.insert_instant,
  lastUpdateInstant: row.last_update_instant,
  lastLoginInstant: row.last_login_instant,
  passwordLastUpdateInstant: row.password_last_update_instant,
});

const toRegistration = (row: RegistrationRow): RegistrationRecord => ({
  id: row.id,
  userId: row.user_id,
  applicationId: row.application_id,
  roles: JSON.parse(row.roles) as string[],
  insertInstant: row.insert_instant,
  lastLoginInstant: row.last_login_instant,
});

export class UserRepository {
  readonly #db: DatabaseSync;
  readonly #byId: StatementSync;
  readonly #byEmail: StatementSync;
  readonly #byLoginId: StatementSync;
  readonly #insert: StatementSync;
  readonly #registrations: StatementSync;
  readonly #registration: StatementSync;
  readonly #insertRegistration: StatementSync;
  readonly #countFailure: StatementSync;
  readonly #lock: StatementSync;
  readonly #successfulLogin: StatementSync;
  readonly #registrationLogin: StatementSync;
  readonly #delete: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#byId = db.prepare('SELECT * FROM users WHERE id = ?');
    this.#byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
    this.#byLoginId = db.prepare('SELECT * FROM users WHERE email = ?1 OR username = ?1 ORDER BY email = ?1 DESC LIMIT 1');
    this.#insert = db.prepare(
      `INSERT INTO users (id, email, username, password_hash, first_name, last_name, insert_instant, last_update_instant, password_last_update_instant)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#registrations = db.prepare('SELECT * FROM registrations WHERE user_id = ? ORDER BY insert_instant, id');
    this.#registration = db.prepare('SELECT * FROM registrations WHERE user_id = ? AND application_id = ?');
    this.#insertRegistration = db.prepare(
      'INSERT INTO registrations (id, user_id, application_id, roles, insert_instant) VALUES (?, ?, ?, ?, ?)',
    );
    // Failures older than the window start a fresh count, so a typo a day does not lock anyone out.
    this.#countFailure = db.prepare(
      `UPDATE users SET
         failed_login_count = CASE WHEN first_failed_login IS NULL OR first_failed_login <= ?2 THEN 1 ELSE failed_login_count + 1 END,
         first_failed_login = CASE WHEN first_failed_login IS NULL OR first_failed_login <= ?2 THEN ?1 ELSE first_failed_login END
       WHERE id = ?3 RETURNING failed_login_count`,
    );
    this.#lock = db.prepare('UPDATE users SET locked_until = ?, failed_login_count = 0, first_failed_login = NULL WHERE id = ?');
    this.#successfulLogin = db.prepare(
      'UPDATE users SET failed_login_count = 0, first_failed_login = NULL, locked_until = NULL, last_login_instant = ? WHERE id = ?',
    );
    this.#registrationLogin = db.prepare('UPDATE registrations SET last_login_instant = ? WHERE user_id = ? AND application_id = ?');
    this.#delete = db.prepare('DELETE FROM users WHERE id = ?');
  }

  findById(id: string): UserRecord | null {
    const row = this.#byId.get(id.toLowerCase()) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  findByEmail(email: string): UserRecord | null {
    const row = this.#byEmail.get(email) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  /** A login id is an email address or a username, as in FusionAuth. */
  findByLoginId(loginId: string): UserRecord | null {
    const row = this.#byLoginId.get(loginId) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  insert(user: Pick<UserRecord, 'id' | 'email' | 'username' | 'passwordHash' | 'firstName' | 'lastName' | 'insertInstant'>): void {
    const at = user.insertInstant;
    this.#insert.run(user.id, user.email, user.username, user.passwordHash, user.firstName, user.lastName, at, at, at);
  }

  registrations(userId: string): RegistrationRecord[] {
    return (this.#registrations.all(userId) as unknown as RegistrationRow[]).map(toRegistration);
  }

  registration(userId: string, applicationId: string): RegistrationRecord | null {
    const row = this.#registration.get(userId, applicationId) as RegistrationRow | undefined;
    return row ? toRegistration(row) : null;
  }

  addRegistration(registration: Omit<RegistrationRecord, 'lastLoginInstant'>): void {
    const { id, userId, applicationId, roles, insertInstant } = registration;
    this.#insertRegistration.run(id, userId, applicationId, JSON.stringify(roles), insertInstant);
  }

  /** Counts a wrong password at `now` and returns the failures within the window ending then. */
  countFailedLogin(userId: string, now: number, windowStart: number): number {
    const row = this.#countFailure.get(now, windowStart, userId) as { failed_login_count: number } | undefined;
    return row?.failed_login_count ?? 0;
  }

  lock(userId: string, until: number): void {
    this.#lock.run(until, userId);
  }

  recordSuccessfulLogin(userId: string, applicationId: string | null, instant: number): void {
    transaction(this.#db, () => {
      this.#successfulLogin.run(instant, userId);
      if (applicationId) this.#registrationLogin.run(instant, userId, applicationId);
    });
  }

  /** Removes the user; registrations, refresh tokens, codes, SSO sessions and clock offset go with it (ON DELETE CASCADE). */
  delete(userId: string): boolean {
    return this.#delete.run(userId.toLowerCase()).changes > 0;
  }
}
