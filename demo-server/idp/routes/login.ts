import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { authenticate } from '../authentication.ts';
import type { IdpContext } from '../context.ts';
import { ApiError, parseOrThrow } from '../errors.ts';
import {
  ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE, clearTokenCookies, empty, hasAuthorizationHeader, readJson, requireApiKey, setTokenCookies,
} from '../http.ts';
import { issueAccessToken, issueRefreshToken, refreshTokenMaxAge, verifyJwt } from '../token-service.ts';
import { userJson } from '../user-view.ts';

const loginRequest = z.object({
  loginId: z.string().min(1).max(320),
  password: z.string().min(1).max(256),
  applicationId: z.guid().optional(),
  noJWT: z.boolean().optional(),
  ipAddress: z.string().max(64).optional(),
  metaData: z.record(z.string(), z.unknown()).optional(),
});

const logoutRequest = z.object({
  global: z.boolean().optional(),
  refreshToken: z.string().max(1024).optional(),
});

/** POST /api/login and POST /api/logout. */
export function loginRoutes(ctx: IdpContext): Hono {
  const routes = new Hono();

  routes.post('/api/login', async (c) => {
    const request = parseOrThrow(loginRequest, await readJson(c));
    const application = request.applicationId ? ctx.store.applications.find(request.applicationId) : null;
    // An API key is optional unless the application requires one, but a wrong key is always refused.
    if (hasAuthorizationHeader(c) || application?.loginConfiguration.requireAuthentication) requireApiKey(c, ctx);
    if (request.applicationId && !application) {
      throw ApiError.field('applicationId', 'invalid', 'No application exists with the [applicationId] you specified.');
    }

    const outcome = await authenticate(ctx, request.loginId, request.password);
    if (outcome.kind === 'failed') return empty(c, 404);
    if (outcome.kind === 'locked') return empty(c, 423);

    const { user, at } = outcome;
    const registration = application ? ctx.store.users.registration(user.id, application.id) : null;
    ctx.store.users.recordSuccessfulLogin(user.id, registration ? registration.applicationId : null, at);
    // 202: authenticated, but not registered for the application asked for.
    const status = application && !registration ? 202 : 200;
    const loggedIn = ctx.store.users.findById(user.id) ?? user;
    if (request.noJWT) return c.json({ user: userJson(ctx, loggedIn) }, status);

    const refresh =
      application && registration && application.loginConfiguration.generateRefreshTokens
        ? issueRefreshToken(ctx, { user, application, authenticationType: 'PASSWORD', authTime: at, scope: null, pkce: false })
        : null;
    const access = await issueAccessToken(ctx, {
      user, application, authenticationType: 'PASSWORD', authTime: at, sid: refresh?.record.id,
    });
    setTokenCookies(c, access.token, refresh ? { token: refresh.token, maxAge: refreshTokenMaxAge(ctx, refresh.record) } : undefined);
    return c.json(
      {
        ...(refresh ? { refreshToken: refresh.token, refreshTokenId: refresh.record.id } : {}),
        token: access.token,
        tokenExpirationInstant: access.expiresAt,
        user: userJson(ctx, loggedIn),
      },
      status,
    );
  });

  routes.post('/api/logout', async (c) => {
    const body = parseOrThrow(logoutRequest, await readJson(c));
    const global = body.global ?? c.req.query('global') === 'true';
    // A refresh token passed explicitly wins over the cookie.
    const refreshToken = body.refreshToken ?? c.req.query('refreshToken') ?? getCookie(c, REFRESH_TOKEN_COOKIE);
    const record = refreshToken ? ctx.store.refreshTokens.findByToken(refreshToken) : null;
    if (record) {
      if (global) ctx.store.refreshTokens.deleteByUser(record.userId);
      else ctx.store.refreshTokens.deleteFamily(record.familyId);
    } else if (global) {
      const jwt = getCookie(c, ACCESS_TOKEN_COOKIE);
      const claims = jwt ? await verifyJwt(ctx, jwt) : null;
      if (claims?.sub) ctx.store.refreshTokens.deleteByUser(claims.sub);
    }
    clearTokenCookies(c);
    return empty(c, 200);
  });

  return routes;
}
