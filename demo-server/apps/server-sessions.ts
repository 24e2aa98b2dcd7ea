import type { LoginResponse } from '@fusionauth/typescript-client';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppBindings } from '../server/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import type { AppUser } from './demo-content.ts';
import {
  ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE, clearTokenCookies, setTokenCookie, userFromJwt, userFromJwtCookie,
} from './token-cookies.ts';

type AppContext = Context<AppBindings>;

/** How a server-rendered app remembers a login between requests (the workflow's "token storage"). */
export interface ServerSession {
  /** After the Login API accepted the password: give the browser what identifies it from now on. */
  begin(c: AppContext, login: LoginResponse): void;
  /** The logged-in user, or null when the browser must log in again (its stale cookies are cleared). */
  resume(c: AppContext): Promise<AppUser | null>;
}

export type ServerSessionFactory = (profile: AppProfile, services: AppServices) => ServerSession;

/**
 * Both tokens in HttpOnly cookies on the app's own host. An expired or missing JWT is replaced by
 * the backend itself, through the identity provider's refresh endpoint, while the refresh token lasts.
 */
export const jwtAndRefreshTokenCookies: ServerSessionFactory = (profile, services) => {
  const refreshCookieMaxAge = services.lifetimes.refreshTokenSeconds;
  return {
    begin(c, login) {
      if (login.token) setTokenCookie(c, ACCESS_TOKEN_COOKIE, login.token);
      if (login.refreshToken) setTokenCookie(c, REFRESH_TOKEN_COOKIE, login.refreshToken, refreshCookieMaxAge);
    },

    async resume(c) {
      const user = await userFromJwtCookie(c, profile, services.verifier);
      if (user) return user;
      const refreshToken = getCookie(c, REFRESH_TOKEN_COOKIE);
      if (refreshToken) {
        try {
          const { response } = await services.client.exchangeRefreshTokenForJWT({ refreshToken });
          const refreshed = await userFromJwt(c, response.token, profile, services.verifier);
          if (refreshed && response.token) {
            setTokenCookie(c, ACCESS_TOKEN_COOKIE, response.token);
            // Only a rotating (one-time-use) policy hands out a new refresh token.
            if (response.refreshToken && response.refreshToken !== refreshToken) {
              setTokenCookie(c, REFRESH_TOKEN_COOKIE, response.refreshToken, refreshCookieMaxAge);
            }
            return refreshed;
          }
        } catch {
          // Refused (400 today, 404 from older FusionAuth versions) or unreachable: either way, no new JWT.
        }
      }
      if (getCookie(c, ACCESS_TOKEN_COOKIE) !== undefined || refreshToken !== undefined) clearTokenCookies(c);
      return null;
    },
  };
};
