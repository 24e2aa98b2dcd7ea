import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { IdpContext } from '../context.ts';
import { ApiError, parseOrThrow } from '../errors.ts';
import { empty, readJson, requireApiKey, uuidParameter } from '../http.ts';
import { parseRegistrationRequest, register } from '../registration.ts';
import { issueAccessToken, issueRefreshToken } from '../token-service.ts';
import { registrationJson, userJson } from '../user-view.ts';

const deleteRequest = z.object({ hardDelete: z.boolean().optional() });

/** User retrieval, deletion and the registration API (API key required for all). */
export function userRoutes(ctx: IdpContext): Hono {
  const routes = new Hono();

  routes.get('/api/user/:userId', (c) => {
    requireApiKey(c, ctx);
    const user = ctx.store.users.findById(uuidParameter(c.req.param('userId'), 'userId'));
    return user ? c.json({ user: userJson(ctx, user) }) : empty(c, 404);
  });

  // deleteUser sends ?hardDelete=true, deleteUserWithRequest a JSON body. Without hardDelete FusionAuth
  // only deactivates the user; this IdP has no inactive users, so it refuses rather than pretend.
  routes.delete('/api/user/:userId', async (c) => {
    requireApiKey(c, ctx);
    const userId = uuidParameter(c.req.param('userId'), 'userId');
    const { hardDelete } = parseOrThrow(deleteRequest, { hardDelete: c.req.query('hardDelete') === 'true' || undefined, ...(await readJson(c) as object) });
    if (!hardDelete) throw ApiError.field('hardDelete', 'invalid', 'Only a permanent delete (hardDelete=true) is supported: this identity provider cannot deactivate users.');
    return ctx.store.users.delete(userId) ? empty(c, 200) : empty(c, 404);
  });

  routes.get('/api/user', (c) => {
    requireApiKey(c, ctx);
    const email = c.req.query('email');
    const loginId = c.req.query('loginId');
    if (!email && !loginId) throw ApiError.general('[missing]loginId', 'Search by [email] or [loginId]; /api/user with a JWT is not supported.');
    const user = email ? ctx.store.users.findByEmail(email) : ctx.store.users.findByLoginId(loginId ?? '');
    return user ? c.json({ user: userJson(ctx, user) }) : empty(c, 404);
  });

  const handleRegistration = async (c: Context, pathUserId: string | undefined) => {
    requireApiKey(c, ctx);
    const userId = pathUserId === undefined ? undefined : uuidParameter(pathUserId, 'userId');
    const { user, registration } = await register(ctx, userId, parseRegistrationRequest(await readJson(c)));
    const application = ctx.store.applications.find(registration.applicationId);
    const authTime = ctx.clock.nowFor(user.id);
    const refresh =
      application?.loginConfiguration.generateRefreshTokens
        ? issueRefreshToken(ctx, { user, application, authenticationType: 'REGISTRATION', authTime, scope: null, pkce: false })
        : null;
    const access = await issueAccessToken(ctx, { user, application, authenticationType: 'REGISTRATION', authTime, sid: refresh?.record.id });
    return c.json({
      ...(refresh ? { refreshToken: refresh.token, refreshTokenId: refresh.record.id } : {}),
      registration: registrationJson(registration),
      token: access.token,
      tokenExpirationInstant: access.expiresAt,
      user: userJson(ctx, user),
    });
  };
  routes.post('/api/user/registration', (c) => handleRegistration(c, undefined));
  routes.post('/api/user/registration/:userId', (c) => handleRegistration(c, c.req.param('userId')));

  return routes;
}
