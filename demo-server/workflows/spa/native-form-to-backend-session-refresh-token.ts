import { serverSessionWithRefreshToken } from '../../apps/server-sessions.ts';
import { stolenRefreshTokenAtEndpoint, stolenSession } from '../../hacker/attack-plans.ts';
import { spaLoggingInAtBackend } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/** SPAs post their login form to their own backend, which keeps a server session and renews it from a refresh token cookie on request. */
export default defineWorkflow({
  app: spaLoggingInAtBackend(serverSessionWithRefreshToken),
  idpCookies: 'host-only',
  jumps: ['session-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenAtEndpoint('backend', 'SessionId'), stolenSession('api')],
});
