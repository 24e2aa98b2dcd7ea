import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { bearerToken } from '../server/bearer-token.ts';
import type { AppBindings } from '../server/host-env.ts';
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

/** The user of a JWT that is valid for this app at the run's time (the reader may have moved its clock). */
export async function userFromJwt(c: AppContext, token: string | undefined, profile: AppProfile, verifier: JwtVerifier): Promise<AppUser | null> {
  if (!token) return null;
  const claims = await verifier.verify(token, profile.applicationId, c.env.run.clockOffsetSeconds);
  if (!claims?.sub) return null;
  return { id: claims.sub, email: typeof claims['email'] === 'string' ? claims['email'] : claims.sub };
}

export function userFromJwtCookie(c: AppContext, profile: AppProfile, verifier: JwtVerifier): Promise<AppUser | null> {
  return userFromJwt(c, getCookie(c, ACCESS_TOKEN_COOKIE), profile, verifier);
}

/** The user of the JWT in the request's `Authorization: Bearer …` header (the localStorage workflow). */
export function userFromBearerJwt(c: AppContext, profile: AppProfile, verifier: JwtVerifier): Promise<AppUser | null> {
  return userFromJwt(c, bearerToken(c.req.header('authorization')), profile, verifier);
}
