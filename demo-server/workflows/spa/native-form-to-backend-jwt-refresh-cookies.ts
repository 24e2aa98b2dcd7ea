import { jwtAndRefreshTokenCookies } from '../../apps/server-sessions.ts';
import { spaApp } from '../../apps/spa-app.ts';
import { spaBackendRefreshAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/** SPAs post their login form to their own backend, which keeps both tokens in host-only HttpOnly cookies and refreshes on request. */
export const workflow: Workflow = {
  id: 'spa/native-form-to-backend-jwt-refresh-cookies',
  app: (profile, services) => spaApp(profile, services, { at: 'backend', session: jwtAndRefreshTokenCookies }),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: spaBackendRefreshAttacks,
};
