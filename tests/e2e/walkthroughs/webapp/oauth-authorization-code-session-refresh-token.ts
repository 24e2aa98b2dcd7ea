/** Web app, OAuth authorization code grant with PKCE, a server session and a refresh token in host-only cookies, SSO to the Forums. */
import { FORUMS, IDP, STORE } from '../../demo/live-lab.ts';
import {
  answered, changed, checks, emptyDocumentCookie, hostOnlyHttpOnly, noCookies, noCookiesAnywhere, offersJumps, randomId, remember, setsHostOnlyHttpOnly, traceLine, unchanged,
} from '../assertions.ts';
import { all, attack, button, defineWalkthrough, follow, heading, jump, link, open, press, probe, range, signInAtIdp, start, text } from '../walkthrough.ts';

export default defineWalkthrough('webapp/oauth-authorization-code-session-refresh-token', [
  { says: 'The lab opens the Store', do: start(), lights: [1, 2], shows: link('Log in'), check: offersJumps('The session expires now', 'The refresh token expires now') },
  { says: 'Follow "Log in": the identity provider shows its own page', do: follow('Log in'), lights: range(3, 6), shows: button('Sign in') },
  {
    says: "Sign in on the identity provider's page",
    do: signInAtIdp(),
    lights: range(7, 14),
    shows: heading(/shopping cart/i),
    check: checks(
      setsHostOnlyHttpOnly(12, 'SessionId', 'refresh_token'),
      hostOnlyHttpOnly(STORE, 'SessionId', 'refresh_token'),
      randomId(STORE, 'SessionId', 256),
      hostOnlyHttpOnly(IDP, 'fusionauth.sso'),
      noCookiesAnywhere('access_token'),
      noCookies(FORUMS, 'SessionId', 'refresh_token'),
      remember('first session', STORE, 'SessionId'),
      remember('refresh token', STORE, 'refresh_token'),
    ),
    proves: ['password-goes-only-to-the-idp', 'idp-session-cookie-stays-on-the-login-host', 'cookies-stay-on-the-store'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  { says: 'The hacker replays the stolen session id', do: attack('stolen-session', 'succeeds'), lights: [46, 47], check: traceLine(47, 'Hacker') },
  {
    says: 'The session expires; reload the cart: the refresh token renews it under a new id',
    do: all(jump('session-expires'), follow(/reload/i)),
    lights: range(15, 18),
    shows: heading(/shopping cart/i),
    check: checks(traceLine(17, 'Store → IdP'), answered(17, 200), changed('first session', STORE, 'SessionId'), unchanged('refresh token', STORE, 'refresh_token')),
  },
  { says: 'The hacker buys a session with the stolen refresh token', do: attack('stolen-refresh-token', 'succeeds'), lights: range(42, 45), proves: ['store-refreshes-a-stolen-refresh-token'] },
  { says: 'Open the Forums', do: open('forums'), lights: [24, 25], shows: link('Log in') },
  {
    says: 'Follow "Log in" on the Forums: single sign-on, no password',
    do: follow('Log in'),
    lights: range(26, 35),
    shows: heading(/posts/i),
    check: hostOnlyHttpOnly(FORUMS, 'SessionId', 'refresh_token'),
    proves: ['sso-logs-in-without-a-password'],
  },
  { says: 'The hacker replays your used code', do: attack('code-replay', 'fails'), lights: range(48, 52), proves: ['a-code-works-once'] },
  { says: 'The hacker catches your next code on its way', do: attack('stolen-code', 'fails'), lights: range(53, 65), shows: text(/log in again/i), proves: ['a-stolen-code-needs-its-verifier'] },
  { says: "The hacker's login-CSRF link", do: attack('login-csrf', 'fails'), lights: range(66, 70), shows: text(/not started in this browser/i), proves: ['state-stops-login-csrf'] },
  { says: "The hacker's link with a foreign redirect URI", do: attack('foreign-redirect-uri', 'fails'), lights: [71, 72], shows: text(/redirect_uri .* not authorized/i), proves: ['an-unregistered-redirect-uri-gets-no-code'] },
  { says: 'Open the cart again: still logged in', do: open('store', '/shopping-cart'), lights: [13, 14], shows: heading(/shopping cart/i) },
  {
    says: 'Log out of the Store: the session ends and the refresh token is revoked',
    do: press('Log out'),
    lights: [...range(36, 41), 1, 2],
    shows: link('Log in'),
    check: checks(traceLine(38, 'Store → IdP DELETE'), answered(38, 200), noCookies(STORE, 'SessionId', 'refresh_token'), noCookies(IDP, 'fusionauth.sso')),
  },
  { says: 'The stolen refresh token is refused', do: attack('stolen-refresh-token', 'fails'), lights: range(42, 45), fails: [44, 45], check: answered(44, 400), proves: ['logout-revokes-the-refresh-token'] },
  { says: 'So is the stolen session id', do: attack('stolen-session', 'fails'), lights: [46, 47], fails: [47] },
  { says: 'The Forums keep their own login', do: open('forums', '/posts'), lights: [34, 35], shows: heading(/posts/i), proves: ['the-other-app-keeps-its-login'] },
  { says: 'Logging in to the Store asks for the password again', do: open('store', '/login'), lights: range(3, 6), shows: button('Sign in'), proves: ['logout-ends-the-idp-session'] },
  { says: 'Sign in again', do: signInAtIdp(), lights: range(7, 14), shows: heading(/shopping cart/i) },
  {
    says: 'The refresh token expires; reload the cart: the identity provider asks for the password',
    do: all(jump('refresh-token-expires'), follow(/reload/i)),
    lights: [...range(19, 22), 23, ...range(3, 6)],
    shows: button('Sign in'),
    check: checks(answered(21, 400), noCookies(STORE, 'SessionId', 'refresh_token')),
  },
  { says: 'The stolen refresh token has expired with it', do: attack('stolen-refresh-token', 'fails'), lights: range(42, 45), fails: [44, 45] },
  { says: 'So has the stolen session id', do: attack('stolen-session', 'fails'), lights: [46, 47], fails: [47], proves: ['stolen-session-id-works-until-the-session-ends'] },
  { says: 'Sign in once more', do: signInAtIdp(), lights: range(7, 14), shows: heading(/shopping cart/i) },
]);
