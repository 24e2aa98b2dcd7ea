import { createHash, randomBytes } from 'node:crypto';

/** An unguessable opaque value (refresh token, code, session id): 256 bits, URL-safe. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How opaque secrets are stored and looked up, so the database never holds a usable one. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
