import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

const SCHEME = 'salted-pbkdf2-hmac-sha256';
const KEY_LENGTH = 32;

/**
 * Salted PBKDF2-HMAC-SHA256 (FusionAuth's default scheme). Stored as
 * `scheme$iterations$salt$hash` so the work factor can be raised without breaking old hashes.
 */
export class PasswordHasher {
  readonly #iterations: number;
  readonly #dummyHash: Promise<string>;

  constructor(iterations: number) {
    this.#iterations = iterations;
    this.#dummyHash = this.hash(randomBytes(16).toString('hex'));
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const derived = await pbkdf2Async(password, salt, this.#iterations, KEY_LENGTH, 'sha256');
    return [SCHEME, this.#iterations, salt.toString('base64'), derived.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, iterations, salt, expected] = stored.split('$');
    if (scheme !== SCHEME || !iterations || !salt || !expected) return false;
    const expectedBytes = Buffer.from(expected, 'base64');
    const derived = await pbkdf2Async(password, Buffer.from(salt, 'base64'), Number(iterations), expectedBytes.length, 'sha256');
    return timingSafeEqual(derived, expectedBytes);
  }

  /** Burns the same CPU as a real check so an unknown loginId can't be told apart by timing. */
  async verifyAgainstNobody(password: string): Promise<void> {
    await this.verify(password, await this.#dummyHash);
  }
}
