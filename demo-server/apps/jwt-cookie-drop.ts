import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppBindings } from '../runs/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import { ACCESS_TOKEN_COOKIE, setTokenCookie } from './token-cookies.ts';

export const JWT_COOKIE_DROP_PATH = '/api/jwt-cookie';

const handedOver = z.object({ token: z.string().min(1).max(8192) });

/**
 * The cookie-drop endpoint: the SPA hands over the JWT it got from the identity provider, and the
 * backend, after checking it is a valid JWT for this app, stores it in an HttpOnly cookie that
 * expires with the token. Anything else changes nothing. The app host refuses cross-site POSTs,
 * so another site cannot drop its own JWT into the reader's browser (login CSRF).
 */
export function addJwtCookieDrop(app: Hono<AppBindings>, profile: AppProfile, services: AppServices): void {
  app.post(JWT_COOKIE_DROP_PATH, async (c) => {
    const body = handedOver.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: 'Send the JWT as JSON: {"token": "…"}.' }, 400);
    const offsetSeconds = c.env.run.clockOffsetSeconds;
    const claims = await services.verifier.verify(body.data.token, profile.applicationId, offsetSeconds);
    if (!claims?.exp) return c.json({ error: `That is not a valid JWT for the ${profile.name}.` }, 401);
    const secondsLeft = claims.exp - Math.floor(Date.now() / 1000 + offsetSeconds);
    setTokenCookie(c, ACCESS_TOKEN_COOKIE, body.data.token, secondsLeft);
    return c.body(null, 204);
  });
}
