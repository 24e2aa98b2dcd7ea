import { jwtAndRefreshTokenCookies } from '../../apps/server-sessions.ts';
import { stolenJwt, stolenRefreshTokenOnPage } from '../../hacker/attack-plans.ts';
import { OAUTH_CODE_ATTACKS } from '../../hacker/oauth-attack-plans.ts';
import { serverRenderedWithOAuth } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * Server-rendered apps log in through the identity provider's login page (code grant with PKCE) and
 * keep both tokens in host-only HttpOnly cookies; the Forums get single sign-on.
 */
export default defineWorkflow({
  app: serverRenderedWithOAuth(jwtAndRefreshTokenCookies),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenOnPage('access_token'), stolenJwt('page'), ...OAUTH_CODE_ATTACKS],
});
