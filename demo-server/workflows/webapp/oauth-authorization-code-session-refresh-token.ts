import { serverSessionWithRefreshToken } from '../../apps/server-sessions.ts';
import { stolenRefreshTokenOnPage, stolenSession } from '../../hacker/attack-plans.ts';
import { OAUTH_CODE_ATTACKS } from '../../hacker/oauth-attack-plans.ts';
import { serverRenderedWithOAuth } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * Server-rendered apps log in through the identity provider's login page (code grant with PKCE), keep
 * a server session behind a SessionId cookie and recreate it from a refresh token cookie at the token
 * endpoint; logout ends the session, revokes the refresh token and ends the identity provider's session.
 */
export default defineWorkflow({
  app: serverRenderedWithOAuth(serverSessionWithRefreshToken),
  idpCookies: 'host-only',
  jumps: ['session-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenOnPage('SessionId'), stolenSession('page'), ...OAUTH_CODE_ATTACKS],
});
