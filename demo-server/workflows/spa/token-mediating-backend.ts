import { INJECTED_SCRIPT_ATTACKS } from '../../hacker/injected-script-plans.ts';
import { storeSpaPattern } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * The Store's SPA gets access tokens from its token-mediating backend, which runs the OAuth flow and keeps
 * the refresh token, and calls the Store's API itself.
 * The attacks are a script injected into the SPA's page.
 */
export default defineWorkflow({
  app: storeSpaPattern('token-mediating'),
  idpCookies: 'host-only',
  // The backend's session (15 idle minutes) ends long before its refresh token would: that is what the user meets.
  jumps: ['jwt-expires', 'session-expires'],
  attacks: [...INJECTED_SCRIPT_ATTACKS],
});
