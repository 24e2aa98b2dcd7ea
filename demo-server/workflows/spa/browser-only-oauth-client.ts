import { hackerRenewsItsRefreshToken, scriptAcquiresTokens, scriptKeepsStealing, scriptStealsTokens, scriptUsesTheApp } from '../../hacker/injected-script-plans.ts';
import { storeSpaPattern } from '../app-builders.ts';
import { defineWorkflow } from '../workflow.ts';

/**
 * The Store's SPA is a browser-only OAuth client: a public client with PKCE, tokens in memory, rotating
 * refresh tokens with reuse detection and a maximum lifetime, calling the Store's API itself.
 * The attacks are a script injected into the SPA's page, and the hacker coming back with the refresh
 * token it got with a stolen one, after the app's reuse of a rotated token has revoked their family.
 */
export default defineWorkflow({
  app: storeSpaPattern('browser-only'),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: [scriptStealsTokens, scriptKeepsStealing, hackerRenewsItsRefreshToken, scriptAcquiresTokens, scriptUsesTheApp],
});
