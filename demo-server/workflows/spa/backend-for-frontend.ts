import { INJECTED_SCRIPT_ATTACKS } from '../../hacker/injected-script-plans.ts';
import { storeSpaPattern } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * The Store's SPA talks only to its backend-for-frontend, a confidential OAuth client that keeps every token
 * and forwards the SPA's API calls to the Store's API; the browser holds one __Host- session cookie.
 * The attacks are a script injected into the SPA's page.
 */
export default defineWorkflow({
  app: storeSpaPattern('backend-for-frontend'),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'session-expires'],
  attacks: [...INJECTED_SCRIPT_ATTACKS],
});
