import { Hono } from 'hono';
import { z } from 'zod';
import type { IdpContext } from '../context.ts';
import { ApiError, parseOrThrow } from '../errors.ts';
import { empty, readJson, requireApiKey, uuidParameter } from '../http.ts';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;
// Far beyond any token lifetime; only keeps the arithmetic sane.
const MAX_TOTAL_OFFSET_SECONDS = 10 * ONE_YEAR_SECONDS;

const advanceRequest = z.object({
  userId: z.guid(),
  advanceBySeconds: z.number().int().min(1).max(ONE_YEAR_SECONDS),
});

/**
 * Demo mode only. Moves one user's clock forward so "the JWT has expired" or "the refresh token has
 * expired" can happen on a click. Offsets only grow, so they can shorten a token's life, never extend it.
 */
export function demoClockRoutes(ctx: IdpContext): Hono {
  const routes = new Hono();

  routes.post('/api/demo/clock', async (c) => {
    requireApiKey(c, ctx);
    const request = parseOrThrow(advanceRequest, await readJson(c));
    const userId = request.userId.toLowerCase();
    if (!ctx.store.users.findById(userId)) return empty(c, 404);
    const current = ctx.store.clockOffsets.offsetSeconds(userId);
    if (current + request.advanceBySeconds > MAX_TOTAL_OFFSET_SECONDS) {
      throw ApiError.field('advanceBySeconds', 'tooLarge', 'This user\'s clock is already as far ahead as it may go.');
    }
    const offsetSeconds = ctx.store.clockOffsets.advance(userId, request.advanceBySeconds);
    ctx.log(`demo clock: user ${userId} is now ${offsetSeconds}s ahead`);
    return c.json({ userId, offsetSeconds });
  });

  routes.get('/api/demo/clock', (c) => {
    requireApiKey(c, ctx);
    const raw = c.req.query('userId');
    if (!raw) throw ApiError.field('userId', 'blank', 'You must specify the [userId] parameter.');
    const userId = uuidParameter(raw, 'userId');
    if (!ctx.store.users.findById(userId)) return empty(c, 404);
    return c.json({ userId, offsetSeconds: ctx.store.clockOffsets.offsetSeconds(userId) });
  });

  return routes;
}
