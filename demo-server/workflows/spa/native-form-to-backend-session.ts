import { serverSession } from '../../apps/server-sessions.ts';
import { stolenSession } from '../../hacker/attack-plans.ts';
import { spaLoggingInAtBackend } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/** SPAs post their login form to their own backend, which remembers the user in a server session: the session id opens the Store's API. */
export default defineWorkflow({
  app: spaLoggingInAtBackend(serverSession),
  idpCookies: 'host-only',
  jumps: ['session-expires'],
  attacks: [stolenSession('api')],
});
