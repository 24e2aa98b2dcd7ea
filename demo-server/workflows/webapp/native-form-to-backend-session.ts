import { serverRenderedApp } from '../../apps/server-rendered-app.ts';
import { serverSession } from '../../apps/server-sessions.ts';
import { serverSessionAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/** Server-rendered apps log in through their backend and remember the user in a server session. */
export const workflow: Workflow = {
  id: 'webapp/native-form-to-backend-session',
  app: (profile, services) => serverRenderedApp(profile, services, serverSession),
  idpCookies: 'host-only',
  jumps: ['session-expires'],
  attacks: serverSessionAttacks,
};
