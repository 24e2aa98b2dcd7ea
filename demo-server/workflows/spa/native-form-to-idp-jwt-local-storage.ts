import { stolenJwt, stolenRefreshTokenAtEndpoint } from '../../hacker/attack-plans.ts';
import { spaLoggingInAtIdp } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * SPAs log in at the identity provider, keep the JWT from its answer in localStorage and send it as
 * a bearer token; the refresh token cookie stays host-only on the login host, so that is where a
 * thief's copy comes from.
 */
export default defineWorkflow({
  app: spaLoggingInAtIdp({ host: 'idp', refresh: true, jwt: 'local-storage' }),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenAtEndpoint('idp', 'json-jwt', 'idp'), stolenJwt('api', 'bearer')],
});
