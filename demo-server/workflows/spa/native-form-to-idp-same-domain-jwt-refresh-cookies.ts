import { stolenJwt, stolenRefreshTokenAtEndpoint } from '../../hacker/attack-plans.ts';
import { spaLoggingInAtIdp } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * SPAs post their login form straight to the identity provider, whose token cookies the login host
 * re-scopes to the parent domain so the apps' APIs receive them.
 */
export default defineWorkflow({
  app: spaLoggingInAtIdp({ host: 'idp', refresh: true, jwt: 'idp-cookie' }),
  idpCookies: 'parent-domain',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: [stolenRefreshTokenAtEndpoint('idp', 'access_token'), stolenJwt('api')],
});
