/** SPA whose backend is the OAuth client (code grant with PKCE), a server session renewed from a refresh token cookie, SSO to the Forums. */
import { FORUMS, IDP, STORE } from '../../demo/live-lab.ts';
import {
  answered,
  changed,
  checks,
  emptyDocumentCookie,
  hostOnlyHttpOnly,
  noCookies,
  noCookiesAnywhere,
  offersJumps,
  randomId,
  remember,
  traceEntry,
  traceLine,
  unchanged,
} from '../assertions.ts';
import { all, attack, button, defineWalkthrough, follow, jump, link, open, press, probe, range, reload, signInAtIdp, start, text } from '../walkthrough.ts';

const cart = text(/cart of/i);
const posts = text(/signed in as/i);
const loginEnded = text(/session has ended/i);
const reloadCart = press(/reload cart/i);

export default defineWalkthrough('spa/oauth-authorization-code-session-refresh-token', [
  {
    says: 'The lab opens the Store: nobody is logged in, and the SPA offers a login link',
    do: start(),
    lights: range(1, 4),
    shows: link('Log in'),
    check: offersJumps('The session expires now', 'The refresh token expires now'),
  },
  { says: 'Follow "Log in": the backend sends the browser to the identity provider', do: follow('Log in'), lights: range(5, 9), shows: button('Sign in') },
  {
    says: "Sign in on the identity provider's page: back to the SPA, logged in",
    do: signInAtIdp(),
    lights: range(10, 21),
    shows: cart,
    check: checks(
      hostOnlyHttpOnly(STORE, 'SessionId', 'refresh_token'),
      randomId(STORE, 'SessionId', 256),
      hostOnlyHttpOnly(IDP, 'fusionauth.sso'),
      noCookiesAnywhere('access_token'),
      noCookies(FORUMS, 'SessionId', 'refresh_token'),
      traceEntry(19, '"email"'),
      remember('first session', STORE, 'SessionId'),
      remember('first refresh token', STORE, 'refresh_token'),
    ),
    proves: ['password-goes-only-to-the-idp', 'idp-session-cookie-stays-on-the-login-host', 'session-id-is-random'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  { says: 'Reload the page while logged in', do: reload(), lights: range(16, 21), shows: cart },
  { says: 'The hacker replays the stolen session id', do: attack('stolen-session', 'succeeds'), lights: [68, 69] },
  {
    says: 'The session expires; reload the cart: the API answers 401 and the SPA has its backend renew the session',
    do: all(jump('session-expires'), reloadCart),
    lights: range(22, 29),
    shows: cart,
    check: checks(answered(23, 401), traceLine(26, 'Store → IdP'), changed('first session', STORE, 'SessionId'), unchanged('first refresh token', STORE, 'refresh_token')),
  },
  { says: 'The session expires again; reload the page: "who is logged in?" answers 401 and the SPA renews', do: all(jump('session-expires'), reload()), lights: [1, 2, 3, ...range(24, 29)], shows: cart, check: answered(3, 401) },
  { says: "The hacker has the Store's backend renew a stolen refresh token", do: attack('stolen-refresh-token', 'succeeds'), lights: range(62, 67), check: traceLine(65, 'Hacker → Store'), proves: ['store-refreshes-a-stolen-refresh-token'] },
  { says: 'Open the Forums', do: open('forums'), lights: range(37, 40), shows: link('Log in') },
  {
    says: 'Follow "Log in" on the Forums: single sign-on, no password',
    do: follow('Log in'),
    lights: range(41, 55),
    shows: posts,
    check: hostOnlyHttpOnly(FORUMS, 'SessionId', 'refresh_token'),
    proves: ['sso-logs-in-without-a-password'],
  },
  { says: 'The hacker replays your used code', do: attack('code-replay', 'fails'), lights: range(70, 74), proves: ['a-code-works-once'] },
  { says: 'The hacker catches your next code on its way', do: attack('stolen-code', 'fails'), lights: range(75, 87), shows: text(/log in again/i), proves: ['a-stolen-code-needs-its-verifier'] },
  { says: "The hacker's login-CSRF link", do: attack('login-csrf', 'fails'), lights: range(88, 92), shows: text(/not started in this browser/i), proves: ['state-stops-login-csrf'] },
  { says: "The hacker's link with a foreign redirect URI", do: attack('foreign-redirect-uri', 'fails'), lights: [93, 94], shows: text(/redirect_uri .* not authorized/i), proves: ['an-unregistered-redirect-uri-gets-no-code'] },
  // "Who is logged in?" answers 200, a branch the first start does not draw, so arrow 4 stays dark.
  { says: 'Open the Store again: still logged in', do: open('store'), lights: [1, 2, 3, 20, 21], shows: cart },
  {
    says: 'Log out of the Store: the SPA goes on to the identity provider’s logout and starts again',
    do: press('Log out'),
    lights: [...range(56, 61), 1, 2, 3, 4],
    shows: link('Log in'),
    check: checks(noCookies(STORE, 'SessionId', 'refresh_token'), noCookies(IDP, 'fusionauth.sso'), traceLine(58, 'Store → IdP DELETE')),
  },
  { says: 'The revoked refresh token is refused', do: attack('stolen-refresh-token', 'fails'), lights: range(62, 65), fails: [64, 65], proves: ['logout-revokes-the-refresh-token'] },
  { says: 'The ended session is refused', do: attack('stolen-session', 'fails'), lights: [68, 69], fails: [69], proves: ['logout-ends-the-session'] },
  { says: 'The Forums keep their own login', do: open('forums'), lights: [37, 38, 39, 54, 55], shows: posts, proves: ['the-other-app-keeps-its-login'] },
  { says: 'Logging in to the Store asks for the password again', do: open('store', '/login'), lights: range(6, 9), shows: button('Sign in'), proves: ['logout-ends-the-idp-session'] },
  { says: 'Sign in again', do: signInAtIdp(), lights: range(10, 21), shows: cart },
  {
    says: 'The refresh token expires; reload the cart: the renewal is refused and the login link returns',
    do: all(jump('refresh-token-expires'), reloadCart),
    lights: range(30, 35),
    shows: loginEnded,
    check: checks(answered(34, 400), answered(35, 401), noCookies(STORE, 'SessionId', 'refresh_token')),
  },
  { says: "Follow \"Log in\": the identity provider's session has ended too, so it asks for the password", do: follow('Log in'), lights: [36, ...range(6, 9)], shows: button('Sign in') },
  { says: 'Sign in once more', do: signInAtIdp(), lights: range(10, 21), shows: cart },
]);
