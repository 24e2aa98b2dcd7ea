import { jwtAndRefreshTokenCookies } from '../../apps/server-sessions.ts';
import { stolenJwt, stolenRefreshTokenAtEndpoint } from '../../hacker/attack-plans.ts';
import { OAUTH_CODE_ATTACKS } from '../../hacker/oauth-attack-plans.ts';
import { spaWithOAuthBackend } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * SPAs whose backend logs in through the identity provider's login page (code grant with PKCE) and
 * keeps both tokens in host-only HttpOnly cookies, refreshing on the SPA's request; the Forums get single sign-on.
 */
export default defineWorkflow({
  app: spaWithOAuthBackend(jwtAndRefreshTokenCookies),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenAtEndpoint('backend', 'access_token'), stolenJwt('api'), ...OAUTH_CODE_ATTACKS],
});
