/** Web app, OAuth authorization code grant with PKCE, JWT and refresh token in host-only cookies, SSO to the Forums. */
import { FORUMS, IDP, STORE } from '../../demo/live-lab.ts';
import { changed, checks, hostOnlyHttpOnly, noCookies, remember } from '../assertions.ts';
import { all, attack, button, defineWalkthrough, follow, heading, jump, link, open, press, probe, range, signInAtIdp, start, text } from '../walkthrough.ts';

export default defineWalkthrough('webapp/oauth-authorization-code-jwt-refresh-cookies', [
  { says: 'The lab opens the Store', do: start(), lights: [1, 2], shows: link('Log in') },
  { says: 'Follow "Log in": the identity provider shows its own page', do: follow('Log in'), lights: range(3, 6), shows: button('Sign in') },
  {
    says: "Sign in on the identity provider's page",
    do: signInAtIdp(),
    lights: range(7, 14),
    shows: heading(/shopping cart/i),
    check: checks(hostOnlyHttpOnly(STORE, 'access_token', 'refresh_token'), hostOnlyHttpOnly(IDP, 'fusionauth.sso'), noCookies(FORUMS, 'access_token', 'refresh_token'), remember('first JWT', STORE, 'access_token')),
    proves: ['password-goes-only-to-the-idp', 'idp-session-cookie-stays-on-the-login-host'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), proves: ['page-script-reads-no-token'] },
  { says: 'The JWT expires; reload the cart', do: all(jump('jwt-expires'), follow(/reload/i)), lights: range(15, 18), shows: heading(/shopping cart/i), check: changed('first JWT', STORE, 'access_token') },
  { says: 'Open the Forums', do: open('forums'), lights: [24, 25], shows: link('Log in') },
  {
    says: 'Follow "Log in" on the Forums: single sign-on, no password',
    do: follow('Log in'),
    lights: range(26, 35),
    shows: heading(/posts/i),
    check: hostOnlyHttpOnly(FORUMS, 'access_token', 'refresh_token'),
    proves: ['sso-logs-in-without-a-password'],
  },
  { says: 'The hacker replays the stolen refresh token', do: attack('stolen-refresh-token', 'succeeds'), lights: range(42, 45), proves: ['store-refreshes-a-stolen-refresh-token'] },
  { says: 'The hacker replays the stolen JWT', do: attack('stolen-jwt', 'succeeds'), lights: [46, 47] },
  { says: 'The hacker replays your used code', do: attack('code-replay', 'fails'), lights: range(48, 52), proves: ['a-code-works-once'] },
  { says: 'The hacker catches your next code on its way', do: attack('stolen-code', 'fails'), lights: range(53, 65), shows: text(/log in again/i), proves: ['a-stolen-code-needs-its-verifier'] },
  { says: "The hacker's login-CSRF link", do: attack('login-csrf', 'fails'), lights: range(66, 70), shows: text(/not started in this browser/i), proves: ['state-stops-login-csrf'] },
  { says: "The hacker's link with a foreign redirect URI", do: attack('foreign-redirect-uri', 'fails'), lights: [71, 72], shows: text(/redirect_uri .* not authorized/i), proves: ['an-unregistered-redirect-uri-gets-no-code'] },
  { says: 'Open the cart again: still logged in', do: open('store', '/shopping-cart'), lights: [13, 14], shows: heading(/shopping cart/i) },
  { says: 'Log out of the Store', do: press('Log out'), lights: [...range(36, 41), 1, 2], shows: link('Log in'), check: checks(noCookies(STORE, 'access_token', 'refresh_token'), noCookies(IDP, 'fusionauth.sso')) },
  { says: 'The Forums keep their own login', do: open('forums', '/posts'), lights: [34, 35], shows: heading(/posts/i), proves: ['the-other-app-keeps-its-login'] },
  { says: 'Logging in to the Store asks for the password again', do: open('store', '/login'), lights: range(3, 6), shows: button('Sign in'), proves: ['logout-ends-the-idp-session'] },
  { says: 'Sign in again', do: signInAtIdp(), lights: range(7, 14), shows: heading(/shopping cart/i) },
  { says: 'The JWT expires: the stolen JWT stops working', do: all(jump('jwt-expires'), attack('stolen-jwt', 'fails')), lights: [46, 47], fails: [47], proves: ['stolen-jwt-lasts-until-it-expires'] },
  { says: 'The refresh token expires; reload the cart', do: all(jump('refresh-token-expires'), follow(/reload/i)), lights: [...range(19, 22), 23, ...range(3, 6)], shows: button('Sign in') },
  { says: 'Sign in once more', do: signInAtIdp(), lights: range(7, 14), shows: heading(/shopping cart/i) },
]);
