import { serverSession } from '../../apps/server-sessions.ts';
import { stolenSession } from '../../hacker/attack-plans.ts';
import { OAUTH_CODE_ATTACKS } from '../../hacker/oauth-attack-plans.ts';
import { spaWithOAuthBackend } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * SPAs whose backend logs in through the identity provider's login page (code grant with PKCE) and
 * remembers the user in a server session, with no refresh token; the Forums get single sign-on.
 */
export default defineWorkflow({
  app: spaWithOAuthBackend(serverSession),
  idpCookies: 'host-only',
  jumps: ['session-expires'],
  attacks: [stolenSession('api'), ...OAUTH_CODE_ATTACKS],
});
