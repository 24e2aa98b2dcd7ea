import { serverSession } from '../../apps/server-sessions.ts';
import { stolenSession } from '../../hacker/attack-plans.ts';
import { OAUTH_CODE_ATTACKS } from '../../hacker/oauth-attack-plans.ts';
import { serverRenderedWithOAuth } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * Server-rendered apps log in through the identity provider's login page (code grant with PKCE) and
 * remember the user in a server session behind a host-only SessionId cookie; they ask for no refresh
 * token, so an expired session goes back through the identity provider, whose session skips the password.
 */
export default defineWorkflow({
  app: serverRenderedWithOAuth(serverSession),
  idpCookies: 'host-only',
  jumps: ['session-expires'],
  attacks: [stolenSession('page'), ...OAUTH_CODE_ATTACKS],
});
