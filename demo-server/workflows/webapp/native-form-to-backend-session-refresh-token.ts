import { serverSessionWithRefreshToken } from '../../apps/server-sessions.ts';
import { stolenRefreshTokenOnPage, stolenSession } from '../../hacker/attack-plans.ts';
import { serverRendered } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/** Server-rendered apps keep a server session and a refresh token cookie that recreates the session when it expires: either cookie opens the cart. */
export default defineWorkflow({
  app: serverRendered(serverSessionWithRefreshToken),
  idpCookies: 'host-only',
  jumps: ['session-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenOnPage('SessionId'), stolenSession('page')],
});
