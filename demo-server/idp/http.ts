import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { IdpContext } from './context.ts';
import { ApiError } from './errors.ts';

export const ACCESS_TOKEN_COOKIE = 'access_token';
export const REFRESH_TOKEN_COOKIE = 'refresh_token';
export const SSO_COOKIE = 'fusionauth.sso';

const isJson = (contentType: string | undefined) => /^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? '');

/**
 * The JSON request body, or `{}` when there is none. Like FusionAuth, only a JSON content type is
 * read as JSON; anything else is treated as no body, and required fields then fail validation.
 */
export async function readJson(c: Context): Promise<unknown> {
  if (!isJson(c.req.header('content-type'))) return {};
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw ApiError.general('[invalidJSON]', 'Unable to parse the request body as JSON. Check that it is well formed.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw ApiError.general('[invalidJSON]', 'The request body must be a JSON object.');
  }
  return parsed;
}

/** FusionAuth API keys travel bare in the Authorization header (no scheme). 401 with no body if wrong. */
export function requireApiKey(c: Context, ctx: IdpContext): void {
  const key = c.req.header('authorization');
  if (!key || !ctx.store.settings.isApiKey(key)) throw ApiError.empty(401);
}

export const isGuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A UUID from the path or query, lower-cased; FusionAuth answers `[couldNotConvert]` otherwise. */
export function uuidParameter(value: string, field: string): string {
  if (!isGuid(value)) throw ApiError.field(field, 'couldNotConvert', `Invalid UUID in [${field}].`);
  return value.toLowerCase();
}

export function hasAuthorizationHeader(c: Context): boolean {
  return c.req.header('authorization') !== undefined;
}

/** `Authorization: Bearer <jwt>` (FusionAuth also accepts the `JWT` scheme). */
export function bearerToken(c: Context): string | undefined {
  const match = /^(?:Bearer|JWT)\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1];
}

export const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:';

/** The public origin of this IdP as the client reached it, for discovery and redirects. */
export const originOf = (c: Context) => new URL(c.req.url).origin;

/** FusionAuth's token cookies: HttpOnly, SameSite=Lax, Path=/, host-only, Secure only over TLS. */
export function setTokenCookies(c: Context, accessToken: string, refresh?: { token: string; maxAge: number }): void {
  const base = { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) } as const;
  setCookie(c, ACCESS_TOKEN_COOKIE, accessToken, base);
  if (refresh) setCookie(c, REFRESH_TOKEN_COOKIE, refresh.token, { ...base, maxAge: refresh.maxAge });
}

export function clearTokenCookies(c: Context): void {
  const base = { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) } as const;
  deleteCookie(c, ACCESS_TOKEN_COOKIE, base);
  deleteCookie(c, REFRESH_TOKEN_COOKIE, base);
}

/** An empty response with no Content-Type: the FusionAuth client rejects empty JSON bodies. */
export function empty(c: Context, status: 200 | 401 | 404 | 423): Response {
  return c.body(null, status);
}

/** Token responses must never be cached (RFC 6749 §5.1). */
export function noStore(c: Context): void {
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
}
