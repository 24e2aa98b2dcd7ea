/**
 * What each token storage means for an article's prose: what the app recognises the user by on each
 * request (and so what expires first), how the browser presents it, and whether a refresh token renews it.
 */
import type { TokenStorage } from './taxonomy.ts';

export interface StorageFacts {
  /** What the app checks on every request: a JWT it verifies itself, or a session in its own store. */
  login: 'jwt' | 'session';
  /** The cookie that carries it to the app, or null when page script sends a bearer token instead. */
  cookie: 'access_token' | 'SessionId' | null;
  /** Whether a refresh token renews the login when it expires; without one, expiry means a new login. */
  refreshToken: boolean;
}

export const STORAGE_FACTS: Record<TokenStorage, StorageFacts> = {
  'jwt-refresh-cookies': { login: 'jwt', cookie: 'access_token', refreshToken: true },
  'jwt-cookie': { login: 'jwt', cookie: 'access_token', refreshToken: false },
  // The refresh token is a cookie on the identity provider's own host; the JWT travels in a header.
  'jwt-local-storage': { login: 'jwt', cookie: null, refreshToken: true },
  session: { login: 'session', cookie: 'SessionId', refreshToken: false },
  'session-refresh-cookie': { login: 'session', cookie: 'SessionId', refreshToken: true },
};
