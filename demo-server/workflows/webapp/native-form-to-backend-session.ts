import { serverSession } from '../../apps/server-sessions.ts';
import { stolenSession } from '../../hacker/attack-plans.ts';
import { serverRendered } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/** Server-rendered apps log in through their backend and remember the user in a server session: only the session id is worth stealing. */
export default defineWorkflow({
  app: serverRendered(serverSession),
  idpCookies: 'host-only',
  jumps: ['session-expires'],
  attacks: [stolenSession('page')],
});
