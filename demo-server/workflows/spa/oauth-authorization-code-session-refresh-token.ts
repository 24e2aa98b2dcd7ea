import { serverSessionWithRefreshToken } from '../../apps/server-sessions.ts';
import { stolenRefreshTokenAtEndpoint, stolenSession } from '../../hacker/attack-plans.ts';
import { OAUTH_CODE_ATTACKS } from '../../hacker/oauth-attack-plans.ts';
import { spaWithOAuthBackend } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * SPAs whose backend logs in through the identity provider's login page (code grant with PKCE), keeps
 * a server session and renews it from a refresh token cookie on the SPA's request; the Forums get single sign-on.
 */
export default defineWorkflow({
  app: spaWithOAuthBackend(serverSessionWithRefreshToken),
  idpCookies: 'host-only',
  jumps: ['session-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenAtEndpoint('backend', 'SessionId'), stolenSession('api'), ...OAUTH_CODE_ATTACKS],
});
