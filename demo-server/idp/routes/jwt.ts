import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { IdpContext } from '../context.ts';
import { ApiError, parseOrThrow } from '../errors.ts';
import { ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE, bearerToken, empty, readJson, requireApiKey, setTokenCookies, uuidParameter } from '../http.ts';
import { findRefreshToken, issueAccessToken, refreshTokenMaxAge, useRefreshToken, verifyJwt } from '../token-service.ts';

const refreshRequest = z.object({
  refreshToken: z.string().max(1024).optional(),
  token: z.string().max(16_384).optional(),
});

const revokeRequest = z.object({
  token: z.string().min(1).max(1024).optional(),
  userId: z.guid().optional(),
  applicationId: z.guid().optional(),
});

// Expired, revoked, rotated-out and unknown refresh tokens all get this 400.
const invalidRefreshToken = () =>
  ApiError.field('refreshToken', 'invalid', 'The refresh token is not valid. It may have expired or been revoked.');

/** The JWT API: refresh, validate, revoke. */
export function jwtRoutes(ctx: IdpContext): Hono {
  const routes = new Hono();

  routes.post('/api/jwt/refresh', async (c) => {
    const body = parseOrThrow(refreshRequest, await readJson(c));
    // The cookie wins over the body, as in FusionAuth.
    const presented = getCookie(c, REFRESH_TOKEN_COOKIE) || body.refreshToken;
    if (!presented) throw ApiError.field('refreshToken', 'blank', 'You must specify the [refreshToken] property.');
    const live = findRefreshToken(ctx, presented);
    if (!live) throw invalidRefreshToken();
    if (!live.application.loginConfiguration.allowTokenRefresh) {
      throw ApiError.general('[TokenRefreshNotAllowed]', 'The application does not allow refreshing a JWT with a refresh token.', 403);
    }
    const spent = useRefreshToken(ctx, live);
    if (!spent) throw invalidRefreshToken();
    const access = await issueAccessToken(ctx, {
      user: spent.user,
      application: spent.application,
      authenticationType: 'REFRESH_TOKEN',
      authTime: spent.record.authTime,
      sid: spent.record.id,
      scope: spent.record.scope ?? undefined,
    });
    setTokenCookies(c, access.token, { token: spent.token, maxAge: refreshTokenMaxAge(ctx, spent.record) });
    return c.json({ refreshToken: spent.token, refreshTokenId: spent.record.id, token: access.token });
  });

  routes.get('/api/jwt/validate', async (c) => {
    const token = bearerToken(c) ?? getCookie(c, ACCESS_TOKEN_COOKIE);
    const claims = token ? await verifyJwt(ctx, token) : null;
    return claims ? c.json({ jwt: claims }) : empty(c, 401);
  });

  routes.delete('/api/jwt/refresh/:tokenId', (c) => {
    requireApiKey(c, ctx);
    const record = ctx.store.refreshTokens.findById(uuidParameter(c.req.param('tokenId'), 'tokenId'));
    if (!record) return empty(c, 404);
    ctx.store.refreshTokens.deleteFamily(record.familyId);
    return empty(c, 200);
  });

  // Query parameters (revokeRefreshTokenByToken, …ByUserId, …ByApplicationId) or a JSON body
  // (revokeRefreshTokensWithRequest); the body wins where both name the same thing.
  routes.delete('/api/jwt/refresh', async (c) => {
    requireApiKey(c, ctx);
    const query = Object.fromEntries(['token', 'userId', 'applicationId'].flatMap((name) => {
      const value = c.req.query(name);
      return value === undefined ? [] : [[name, value]];
    }));
    const request = parseOrThrow(revokeRequest, { ...query, ...(await readJson(c) as object) });
    const { refreshTokens, users, applications } = ctx.store;
    if (request.token) {
      const record = refreshTokens.findByToken(request.token);
      if (!record) return empty(c, 404);
      refreshTokens.deleteFamily(record.familyId);
    } else if (request.userId) {
      if (!users.findById(request.userId)) return empty(c, 404);
      refreshTokens.deleteByUser(request.userId.toLowerCase(), request.applicationId?.toLowerCase());
    } else if (request.applicationId) {
      if (!applications.find(request.applicationId)) return empty(c, 404);
      refreshTokens.deleteByApplication(request.applicationId.toLowerCase());
    } else {
      throw ApiError.general('[missing]token', 'You must specify a refresh token, a userId or an applicationId to revoke.');
    }
    return empty(c, 200);
  });

  return routes;
}
