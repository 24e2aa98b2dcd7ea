import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { bearerToken } from '../http/bearer-token.ts';
import type { AppBindings } from '../runs/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppUser } from './demo-content.ts';
import type { JwtVerifier } from './jwt-verifier.ts';

export const ACCESS_TOKEN_COOKIE = 'access_token';
export const REFRESH_TOKEN_COOKIE = 'refresh_token';

type AppContext = Context<AppBindings>;

/** Host-only (no Domain), HttpOnly, SameSite=Lax, Path=/; Secure whenever the app is served over https. */
const attributes = (c: AppContext) =>
  ({ path: '/', httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' }) as const;

/** Writes a token cookie on the app's own host; without `maxAge` it lasts the browser session. */
export function setTokenCookie(c: AppContext, name: string, value: string, maxAge?: number): void {
  setCookie(c, name, value, maxAge === undefined ? attributes(c) : { ...attributes(c), maxAge });
}

export function clearTokenCookies(c: AppContext, names: readonly string[] = [ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE]): void {
  for (const name of names) deleteCookie(c, name, attributes(c));
}

/**
 * What the credentials a request carries say, the way an API answers: a user (200), a login of this
 * app that has lapsed and may be renewed or must be repeated (401), or no login at all (404).
 */
export type LoginState = { state: 'valid'; user: AppUser } | { state: 'expired' } | { state: 'none' };

export const NO_LOGIN: LoginState = { state: 'none' };
export const LAPSED_LOGIN: LoginState = { state: 'expired' };

/**
 * The login a JWT carries: `expired` only for this app's own JWT whose lifetime is over (another
 * app's JWT, or a forged one, is no login here). Without a JWT, a refresh token cookie still means a
 * lapsed login (its JWT cookie may simply have run out).
 */
export async function loginFromJwt(c: AppContext, token: string | undefined, profile: AppProfile, verifier: JwtVerifier): Promise<LoginState> {
  if (!token) return getCookie(c, REFRESH_TOKEN_COOKIE) === undefined ? NO_LOGIN : LAPSED_LOGIN;
  const checked = await verifier.check(token, profile.applicationId, c.env.run.clockOffsetSeconds);
  if (checked.state === 'expired') return LAPSED_LOGIN;
  if (checked.state !== 'valid' || !checked.claims.sub) return NO_LOGIN;
  const { sub, email } = checked.claims;
  return { state: 'valid', user: { id: sub, email: typeof email === 'string' ? email : sub } };
}

export function loginFromJwtCookie(c: AppContext, profile: AppProfile, verifier: JwtVerifier): Promise<LoginState> {
  return loginFromJwt(c, getCookie(c, ACCESS_TOKEN_COOKIE), profile, verifier);
}

/** The login of the JWT in the request's `Authorization: Bearer …` header (the localStorage workflow). */
export function loginFromBearerJwt(c: AppContext, profile: AppProfile, verifier: JwtVerifier): Promise<LoginState> {
  return loginFromJwt(c, bearerToken(c.req.header('authorization')), profile, verifier);
}

/** The user of a JWT that is valid for this app at the run's time (the reader may have moved its clock). */
export async function userFromJwt(c: AppContext, token: string | undefined, profile: AppProfile, verifier: JwtVerifier): Promise<AppUser | null> {
  if (!token) return null;
  const claims = await verifier.verify(token, profile.applicationId, c.env.run.clockOffsetSeconds);
  if (!claims?.sub) return null;
  return { id: claims.sub, email: typeof claims['email'] === 'string' ? claims['email'] : claims.sub };
}

/** The user of a login state, or null. */
export const userOf = (login: LoginState): AppUser | null => (login.state === 'valid' ? login.user : null);
