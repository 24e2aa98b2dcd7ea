import { spaApp } from '../../apps/spa-app.ts';
import { idpRefreshAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/**
 * SPAs post their login form straight to the identity provider, whose token cookies the login host
 * re-scopes to the parent domain so the apps' APIs receive them.
 */
export const workflow: Workflow = {
  id: 'spa/native-form-to-idp-same-domain-jwt-refresh-cookies',
  app: (profile, services) => {
    const idp = services.hosts.origin('idp');
    return spaApp(profile, services, { at: 'idp', login: `${idp}/api/login`, refresh: `${idp}/api/jwt/refresh`, jwt: 'idp-cookie' });
  },
  idpCookies: 'parent-domain',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: idpRefreshAttacks,
};
