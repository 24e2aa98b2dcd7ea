/** SPA whose backend is the OAuth client (code grant with PKCE), a server session behind a host-only SessionId cookie, SSO to the Forums. */
import { expect } from '@playwright/test';
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
} from '../assertions.ts';
import { all, attack, button, defineWalkthrough, follow, jump, link, open, press, probe, range, reload, signInAtIdp, start, text, type Walk } from '../walkthrough.ts';

const cart = text(/cart of/i);
const posts = text(/signed in as/i);
const loginEnded = text(/session has ended/i);

/** The Store asked for no refresh token (no offline_access), so the code exchange (arrow 14) brings none. */
async function noRefreshTokenIssued({ lab }: Walk): Promise<void> {
  await expect(lab.traceEntry(14)).toContainText('access_token');
  await expect(lab.traceEntry(14)).not.toContainText('refresh_token');
}

/** Back at the SPA after a re-login through single sign-on: arrows 24–33, then the SPA's start and the cart. */
const reLoginThroughSso = [24, ...range(25, 32), 33, 1, 2, 3, 20, 21];

export default defineWalkthrough('spa/oauth-authorization-code-session', [
  { says: 'The lab opens the Store: nobody is logged in, and the SPA offers a login link', do: start(), lights: range(1, 4), shows: link('Log in'), check: offersJumps('The session expires now') },
  { says: 'Follow "Log in": the backend sends the browser to the identity provider', do: follow('Log in'), lights: range(5, 9), shows: button('Sign in') },
  {
    says: "Sign in on the identity provider's page: back to the SPA, logged in",
    do: signInAtIdp(),
    lights: range(10, 21),
    shows: cart,
    check: checks(
      hostOnlyHttpOnly(STORE, 'SessionId'),
      randomId(STORE, 'SessionId', 256),
      hostOnlyHttpOnly(IDP, 'fusionauth.sso'),
      noCookiesAnywhere('access_token', 'refresh_token'),
      noCookies(FORUMS, 'SessionId'),
      noRefreshTokenIssued,
      traceEntry(19, '"email"'),
      remember('first session', STORE, 'SessionId'),
    ),
    proves: ['password-goes-only-to-the-idp', 'idp-session-cookie-stays-on-the-login-host', 'session-id-is-random'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  { says: 'Reload the page while logged in', do: reload(), lights: range(16, 21), shows: cart },
  { says: 'The hacker replays the stolen session id', do: attack('stolen-session', 'succeeds'), lights: [57, 58] },
  {
    says: 'The session expires; reload the cart: the API answers 401 and the login link returns',
    do: all(jump('session-expires'), press(/reload cart/i)),
    lights: [22, 23],
    shows: loginEnded,
    check: answered(23, 401),
  },
  {
    says: "Follow \"Log in\": the identity provider's session still lives, so no password",
    do: follow('Log in'),
    lights: reLoginThroughSso,
    shows: cart,
    check: changed('first session', STORE, 'SessionId'),
    proves: ['idp-session-outlives-the-app-session'],
  },
  { says: 'Open the Forums', do: open('forums'), lights: range(34, 37), shows: link('Log in') },
  {
    says: 'Follow "Log in" on the Forums: single sign-on, no password',
    do: follow('Log in'),
    lights: range(38, 52),
    shows: posts,
    check: hostOnlyHttpOnly(FORUMS, 'SessionId'),
    proves: ['sso-logs-in-without-a-password'],
  },
  { says: 'The hacker replays your used code', do: attack('code-replay', 'fails'), lights: range(59, 63), proves: ['a-code-works-once'] },
  { says: 'The hacker catches your next code on its way', do: attack('stolen-code', 'fails'), lights: range(64, 76), shows: text(/log in again/i), proves: ['a-stolen-code-needs-its-verifier'] },
  { says: "The hacker's login-CSRF link", do: attack('login-csrf', 'fails'), lights: range(77, 81), shows: text(/not started in this browser/i), proves: ['state-stops-login-csrf'] },
  { says: "The hacker's link with a foreign redirect URI", do: attack('foreign-redirect-uri', 'fails'), lights: [82, 83], shows: text(/redirect_uri .* not authorized/i), proves: ['an-unregistered-redirect-uri-gets-no-code'] },
  // "Who is logged in?" answers 200, a branch the first start does not draw, so arrow 4 stays dark.
  { says: 'Open the Store again: still logged in', do: open('store'), lights: [1, 2, 3, 20, 21], shows: cart },
  {
    says: 'Log out of the Store: the SPA goes on to the identity provider’s logout and starts again',
    do: press('Log out'),
    lights: [...range(53, 56), 1, 2, 3, 4],
    shows: link('Log in'),
    check: checks(noCookies(STORE, 'SessionId'), noCookies(IDP, 'fusionauth.sso')),
  },
  { says: 'The stolen session id is refused at once', do: attack('stolen-session', 'fails'), lights: [57, 58], fails: [58], proves: ['logout-ends-the-session'] },
  { says: 'The Forums keep their own login', do: open('forums'), lights: [34, 35, 36, 51, 52], shows: posts, proves: ['the-other-app-keeps-its-login'] },
  { says: 'Logging in to the Store asks for the password again', do: open('store', '/login'), lights: range(6, 9), shows: button('Sign in'), proves: ['logout-ends-the-idp-session'] },
  { says: 'Sign in again', do: signInAtIdp(), lights: range(10, 21), shows: cart },
  { says: 'The session expires; reload the page: "who is logged in?" answers 401 and the login link returns', do: all(jump('session-expires'), reload()), lights: [1, 2, 3], shows: loginEnded, check: answered(3, 401) },
  { says: 'Follow "Log in": through the identity provider\'s session again', do: follow('Log in'), lights: reLoginThroughSso.slice(1), shows: cart },
  { says: 'The hacker replays the new session id', do: attack('stolen-session', 'succeeds'), lights: [57, 58] },
  { says: 'The session expires: the stolen id stops working', do: all(jump('session-expires'), attack('stolen-session', 'fails')), lights: [57, 58], fails: [58], proves: ['stolen-session-id-works-until-the-session-ends'] },
]);
