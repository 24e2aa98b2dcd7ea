import { serverSessionWithRefreshToken } from '../../apps/server-sessions.ts';
import { spaApp } from '../../apps/spa-app.ts';
import { spaSessionRefreshAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/** SPAs post their login form to their own backend, which keeps a server session and renews it from a refresh token cookie on request. */
export const workflow: Workflow = {
  id: 'spa/native-form-to-backend-session-refresh-token',
  app: (profile, services) => spaApp(profile, services, { at: 'backend', session: serverSessionWithRefreshToken }),
  idpCookies: 'host-only',
  jumps: ['session-expires', 'refresh-token-expires'],
  attacks: spaSessionRefreshAttacks,
};
