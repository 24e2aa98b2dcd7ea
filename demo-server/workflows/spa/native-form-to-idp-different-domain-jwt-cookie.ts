import { stolenJwt } from '../../hacker/attack-plans.ts';
import { spaLoggingInAtIdp } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * SPAs log in at the identity provider on its own domain, then hand the JWT from its answer to their
 * backend, which keeps it in an HttpOnly cookie. No refresh: the provider's cookies never reach
 * these apps, and the browser refuses them on a cross-site answer anyway. The JWT cookie is all
 * there is to steal.
 */
export default defineWorkflow({
  app: spaLoggingInAtIdp({ host: 'idp-own-domain', refresh: false, jwt: 'cookie-drop' }),
  idpCookies: 'host-only',
  jumps: ['jwt-expires'],
  attacks: [stolenJwt('api')],
});
