import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens for the apps' forms: an HMAC of the run id and the form's place, under a key that
 * lives only in this process. Another site can neither read nor compute one.
 */
export class FormTokens {
  readonly #key = randomBytes(32);

  issue(runId: string, form: string): string {
    return createHmac('sha256', this.#key).update(`${runId}\n${form}`).digest('base64url');
  }

  isValid(runId: string, form: string, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.issue(runId, form));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
