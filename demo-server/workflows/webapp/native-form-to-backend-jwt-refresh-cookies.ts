import { jwtAndRefreshTokenCookies } from '../../apps/server-sessions.ts';
import { stolenJwt, stolenRefreshTokenOnPage } from '../../hacker/attack-plans.ts';
import { serverRendered } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/** Server-rendered apps log in through their backend and keep both tokens in host-only HttpOnly cookies. */
export default defineWorkflow({
  app: serverRendered(jwtAndRefreshTokenCookies),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenOnPage('access_token'), stolenJwt('page')],
});
