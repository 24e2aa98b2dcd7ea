import { serverSession } from '../../apps/server-sessions.ts';
import { spaApp } from '../../apps/spa-app.ts';
import { spaSessionAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/** SPAs post their login form to their own backend, which remembers the user in a server session. */
export const workflow: Workflow = {
  id: 'spa/native-form-to-backend-session',
  app: (profile, services) => spaApp(profile, services, { at: 'backend', session: serverSession }),
  idpCookies: 'host-only',
  jumps: ['session-expires'],
  attacks: spaSessionAttacks,
};
