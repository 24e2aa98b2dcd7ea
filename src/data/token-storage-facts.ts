/**
 * What each token storage means for an article's prose: what the app recognises the user by on each
 * request (and so what expires first), how the browser presents it, and whether a refresh token renews it.
 */
import type { TokenStorage } from './taxonomy.ts';

export interface StorageFacts {
  /** What the app checks on every request: a JWT it verifies itself, or a session in its own store. */
  login: 'jwt' | 'session';
  /** The cookie that carries it to the app, or null when page script sends a bearer token instead. */
  cookie: 'access_token' | 'SessionId' | '__Host-session' | null;
  /** Whether a refresh token renews the login when it expires; without one, expiry means a new login. */
  refreshToken: boolean;
  /**
   * Whether the SPA's data comes from the Store's separate API (api.example.com), as in today's
   * browser-app patterns, whose diagrams draw attacks by a script injected into the page.
   */
  separateApi: boolean;
  /**
   * Whether the app's backend keeps a server session of its own, which ends after its idle and
   * absolute timeouts whatever the tokens' lifetimes, and the login with it.
   */
  backendSession: boolean;
}

export const STORAGE_FACTS: Record<TokenStorage, StorageFacts> = {
  'jwt-refresh-cookies': { login: 'jwt', cookie: 'access_token', refreshToken: true, separateApi: false, backendSession: false },
  'jwt-cookie': { login: 'jwt', cookie: 'access_token', refreshToken: false, separateApi: false, backendSession: false },
  // The refresh token is a cookie on the identity provider's own host; the JWT travels in a header.
  'jwt-local-storage': { login: 'jwt', cookie: null, refreshToken: true, separateApi: false, backendSession: false },
  session: { login: 'session', cookie: 'SessionId', refreshToken: false, separateApi: false, backendSession: true },
  'session-refresh-cookie': { login: 'session', cookie: 'SessionId', refreshToken: true, separateApi: false, backendSession: true },
  // A backend-for-frontend: the SPA's calls carry the session cookie; the backend renews the tokens it keeps.
  'backend-session': { login: 'session', cookie: '__Host-session', refreshToken: true, separateApi: true, backendSession: true },
  // A token-mediating backend renews in its session; the SPA sends the access token to the API as a bearer token.
  'access-token-in-memory': { login: 'jwt', cookie: null, refreshToken: true, separateApi: true, backendSession: true },
  'tokens-in-memory': { login: 'jwt', cookie: null, refreshToken: true, separateApi: true, backendSession: false },
};
