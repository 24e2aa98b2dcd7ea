import { spaApp } from '../../apps/spa-app.ts';
import { localStorageJwtAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/**
 * SPAs log in at the identity provider, keep the JWT from its answer in localStorage and send it as
 * a bearer token; the refresh token cookie stays host-only on the login host.
 */
export const workflow: Workflow = {
  id: 'spa/native-form-to-idp-jwt-local-storage',
  app: (profile, services) => {
    const idp = services.hosts.origin('idp');
    return spaApp(profile, services, { at: 'idp', login: `${idp}/api/login`, refresh: `${idp}/api/jwt/refresh`, jwt: 'local-storage' });
  },
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: localStorageJwtAttacks,
};
