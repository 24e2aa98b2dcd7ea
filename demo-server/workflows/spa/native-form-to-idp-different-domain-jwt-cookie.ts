import { spaApp } from '../../apps/spa-app.ts';
import { jwtCookieOnlyAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/**
 * SPAs log in at the identity provider on its own domain, then hand the JWT from its answer to their
 * backend, which keeps it in an HttpOnly cookie. No refresh: the provider's cookies never reach
 * these apps, and the browser refuses them on a cross-site answer anyway.
 */
export const workflow: Workflow = {
  id: 'spa/native-form-to-idp-different-domain-jwt-cookie',
  app: (profile, services) =>
    spaApp(profile, services, { at: 'idp', login: `${services.hosts.origin('idp-own-domain')}/api/login`, jwt: 'cookie-drop' }),
  idpCookies: 'host-only',
  jumps: ['jwt-expires'],
  attacks: jwtCookieOnlyAttacks,
};
