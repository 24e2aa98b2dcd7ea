import type { LoginResponse } from '@fusionauth/typescript-client';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppBindings } from '../runs/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import type { AppUser } from './demo-content.ts';
import { SessionStore } from './session-store.ts';
import {
  ACCESS_TOKEN_COOKIE, LAPSED_LOGIN, NO_LOGIN, REFRESH_TOKEN_COOKIE, clearTokenCookies, loginFromJwtCookie, setTokenCookie, userFromJwt,
  type LoginState,
} from './token-cookies.ts';

type AppContext = Context<AppBindings>;

/** How a server-rendered app remembers a login between requests (the workflow's "token storage"). */
export interface ServerSession {
  /** After the Login API accepted the password: give the browser what identifies it from now on. */
  begin(c: AppContext, login: LoginResponse): void;
  /**
   * The login the browser's cookies name right now, renewing nothing: valid, lapsed (expired, or
   * ended on the server, while the browser still presents it) or none.
   */
  current(c: AppContext): Promise<LoginState>;
  /** Whether a refresh token cookie can renew the login (an SPA then calls a refresh endpoint after a 401). */
  renewable: boolean;
  /** Renews the login from the refresh token cookie; null, with the stale cookies cleared, when it can't. */
  renew(c: AppContext): Promise<AppUser | null>;
  /** Logging out, where the storage can end a login on the server (the page then offers a logout button). */
  end?(c: AppContext): Promise<void>;
}

export type ServerSessionFactory = (profile: AppProfile, services: AppServices) => ServerSession;

/** The logged-in user, renewed if need be, or null when the browser must log in again. */
export async function resume(session: ServerSession, c: AppContext): Promise<AppUser | null> {
  const login = await session.current(c);
  return login.state === 'valid' ? login.user : session.renew(c);
}

/**
 * Trades the refresh token cookie for a new JWT at the identity provider and returns the JWT's user,
 * keeping the refresh token cookie up to date; null when the token is missing, refused or the JWT invalid.
 */
async function refreshedUser(c: AppContext, profile: AppProfile, services: AppServices): Promise<{ user: AppUser; jwt: string } | null> {
  const refreshToken = getCookie(c, REFRESH_TOKEN_COOKIE);
  if (!refreshToken) return null;
  try {
    const response = await services.refreshTokens(profile)(refreshToken);
    const user = await userFromJwt(c, response.token, profile, services.verifier);
    if (!user || !response.token) return null;
    // Only a rotating (one-time-use) policy hands out a new refresh token.
    if (response.refreshToken && response.refreshToken !== refreshToken) {
      setTokenCookie(c, REFRESH_TOKEN_COOKIE, response.refreshToken, services.lifetimes.refreshTokenSeconds);
    }
    return { user, jwt: response.token };
  } catch {
    // Refused (400 today, 404 from older FusionAuth versions) or unreachable: either way, no new JWT.
    return null;
  }
}

/**
 * Both tokens in HttpOnly cookies on the app's own host. An expired or missing JWT is replaced by
 * the backend itself, through the identity provider's refresh endpoint, while the refresh token lasts.
 */
export const jwtAndRefreshTokenCookies: ServerSessionFactory = (profile, services) => ({
  renewable: true,

  begin(c, login) {
    if (login.token) setTokenCookie(c, ACCESS_TOKEN_COOKIE, login.token);
    if (login.refreshToken) setTokenCookie(c, REFRESH_TOKEN_COOKIE, login.refreshToken, services.lifetimes.refreshTokenSeconds);
  },

  current: (c) => loginFromJwtCookie(c, profile, services.verifier),

  async renew(c) {
    const refreshed = await refreshedUser(c, profile, services);
    if (refreshed) {
      setTokenCookie(c, ACCESS_TOKEN_COOKIE, refreshed.jwt);
      return refreshed.user;
    }
    if (getCookie(c, ACCESS_TOKEN_COOKIE) !== undefined || getCookie(c, REFRESH_TOKEN_COOKIE) !== undefined) clearTokenCookies(c);
    return null;
  },
});

/**
 * The same storage with a logout where it had none: the token cookies cleared and the refresh token
 * revoked at the identity provider, so the login cannot be renewed from a copy either.
 */
export const withLogout =
  (factory: ServerSessionFactory): ServerSessionFactory =>
  (profile, services) => {
    const session = factory(profile, services);
    if (session.end) return session;
    return {
      ...session,
      async end(c) {
        const token = getCookie(c, REFRESH_TOKEN_COOKIE);
        if (token) await services.client.revokeRefreshTokenByToken(token).catch(() => {});
        clearTokenCookies(c);
      },
    };
  };

export const SESSION_COOKIE = 'SessionId';

/**
 * A server session: the user lives in the app's own store and the browser holds the session's random
 * id in a host-only HttpOnly cookie. Expiry and logout end the login on the server at once. With
 * `refreshToken`, the refresh token from the login sits in a second cookie, an expired session is
 * recreated from it, and logout revokes it at the identity provider.
 */
function serverSessionFactory({ refreshToken }: { refreshToken: boolean }): ServerSessionFactory {
  const cookies = refreshToken ? [SESSION_COOKIE, REFRESH_TOKEN_COOKIE] : [SESSION_COOKIE];
  return (profile, services) => {
    const sessions = new SessionStore<AppUser>();
    const now = (c: AppContext) => Date.now() + c.env.run.clockOffsetSeconds * 1000;
    const revokeCurrent = (c: AppContext) => {
      const id = getCookie(c, SESSION_COOKIE);
      if (id !== undefined) sessions.revoke(id);
    };
    // A new id at every login or renewal, and the old one revoked, so an id planted beforehand is worthless.
    const start = (c: AppContext, user: AppUser) => {
      revokeCurrent(c);
      setTokenCookie(c, SESSION_COOKIE, sessions.create(c.env.run.id, user, now(c)));
    };
    const clearAll = (c: AppContext) => {
      if (cookies.some((name) => getCookie(c, name) !== undefined)) clearTokenCookies(c, cookies);
    };
    return {
      renewable: refreshToken,

      begin(c, login) {
        const id = login.user?.id;
        if (!id) throw new Error('The Login API answered 200 without a user.');
        start(c, { id, email: login.user?.email ?? id });
        if (refreshToken && login.refreshToken) setTokenCookie(c, REFRESH_TOKEN_COOKIE, login.refreshToken, services.lifetimes.refreshTokenSeconds);
      },

      async current(c) {
        const id = getCookie(c, SESSION_COOKIE);
        if (id === undefined) return refreshToken && getCookie(c, REFRESH_TOKEN_COOKIE) !== undefined ? LAPSED_LOGIN : NO_LOGIN;
        const user = sessions.resume(id, c.env.run.id, now(c));
        // An id the store no longer knows: the session expired, or was ended, under the browser's feet.
        return user ? { state: 'valid', user } : LAPSED_LOGIN;
      },

      async renew(c) {
        const refreshed = refreshToken ? await refreshedUser(c, profile, services) : null;
        if (refreshed) {
          start(c, refreshed.user);
          return refreshed.user;
        }
        clearAll(c);
        return null;
      },

      async end(c) {
        revokeCurrent(c);
        const token = refreshToken ? getCookie(c, REFRESH_TOKEN_COOKIE) : undefined;
        // Without this the refresh token would outlive the logout, and with it the way back in.
        if (token) await services.client.revokeRefreshTokenByToken(token).catch(() => {});
        clearAll(c);
      },
    };
  };
}

export const serverSession = serverSessionFactory({ refreshToken: false });
export const serverSessionWithRefreshToken = serverSessionFactory({ refreshToken: true });
