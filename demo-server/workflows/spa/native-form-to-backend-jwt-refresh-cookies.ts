import { jwtAndRefreshTokenCookies } from '../../apps/server-sessions.ts';
import { stolenJwt, stolenRefreshTokenAtEndpoint } from '../../hacker/attack-plans.ts';
import { spaLoggingInAtBackend } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/** SPAs post their login form to their own backend, which keeps both tokens in host-only HttpOnly cookies and refreshes on request. */
export default defineWorkflow({
  app: spaLoggingInAtBackend(jwtAndRefreshTokenCookies),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenAtEndpoint('backend', 'access_token'), stolenJwt('api')],
});
