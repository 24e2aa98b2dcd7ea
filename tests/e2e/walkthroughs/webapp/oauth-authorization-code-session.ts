/** Web app, OAuth authorization code grant with PKCE, a server session behind a host-only SessionId cookie, SSO to the Forums. */
import { expect } from '@playwright/test';
import { FORUMS, IDP, STORE } from '../../demo/live-lab.ts';
import { changed, checks, emptyDocumentCookie, hostOnlyHttpOnly, noCookies, noCookiesAnywhere, offersJumps, randomId, remember, setsHostOnlyHttpOnly, traceLine } from '../assertions.ts';
import { all, attack, button, defineWalkthrough, follow, heading, jump, link, open, press, probe, range, signInAtIdp, start, text, type Walk } from '../walkthrough.ts';

/** The identity provider's token answer (arrow 11) carries an ID token and no refresh token: the Store never asked for offline_access. */
async function noRefreshTokenIssued({ lab }: Walk): Promise<void> {
  await expect(lab.traceEntry(11)).toContainText('id_token');
  await expect(lab.traceEntry(11)).not.toContainText('refresh_token');
}

export default defineWalkthrough('webapp/oauth-authorization-code-session', [
  { says: 'The lab opens the Store', do: start(), lights: [1, 2], shows: link('Log in'), check: offersJumps('The session expires now') },
  { says: 'Follow "Log in": the identity provider shows its own page', do: follow('Log in'), lights: range(3, 6), shows: button('Sign in') },
  {
    says: "Sign in on the identity provider's page",
    do: signInAtIdp(),
    lights: range(7, 14),
    shows: heading(/shopping cart/i),
    check: checks(
      noRefreshTokenIssued,
      setsHostOnlyHttpOnly(12, 'SessionId'),
      hostOnlyHttpOnly(STORE, 'SessionId'),
      randomId(STORE, 'SessionId', 256),
      hostOnlyHttpOnly(IDP, 'fusionauth.sso'),
      noCookiesAnywhere('access_token', 'refresh_token'),
      noCookies(FORUMS, 'SessionId'),
      remember('first session', STORE, 'SessionId'),
    ),
    proves: ['password-goes-only-to-the-idp', 'idp-session-cookie-stays-on-the-login-host', 'session-id-is-random'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  { says: 'The hacker replays the stolen session id', do: attack('stolen-session', 'succeeds'), lights: [43, 44], check: traceLine(44, 'Hacker') },
  {
    says: 'The session expires; reload the cart: the identity provider logs you in again, no password',
    do: all(jump('session-expires'), follow(/reload/i)),
    lights: range(15, 26),
    shows: heading(/shopping cart/i),
    check: checks(changed('first session', STORE, 'SessionId'), remember('second session', STORE, 'SessionId')),
  },
  { says: 'Open the Forums', do: open('forums'), lights: [27, 28], shows: link('Log in') },
  {
    says: 'Follow "Log in" on the Forums: single sign-on, no password',
    do: follow('Log in'),
    lights: range(29, 38),
    shows: heading(/posts/i),
    check: hostOnlyHttpOnly(FORUMS, 'SessionId'),
    proves: ['sso-logs-in-without-a-password'],
  },
  { says: 'The hacker replays your used code', do: attack('code-replay', 'fails'), lights: range(45, 49), proves: ['a-code-works-once'] },
  { says: 'The hacker catches your next code on its way', do: attack('stolen-code', 'fails'), lights: range(50, 62), shows: text(/log in again/i), proves: ['a-stolen-code-needs-its-verifier'] },
  { says: "The hacker's login-CSRF link", do: attack('login-csrf', 'fails'), lights: range(63, 67), shows: text(/not started in this browser/i), proves: ['state-stops-login-csrf'] },
  { says: "The hacker's link with a foreign redirect URI", do: attack('foreign-redirect-uri', 'fails'), lights: [68, 69], shows: text(/redirect_uri .* not authorized/i), proves: ['an-unregistered-redirect-uri-gets-no-code'] },
  { says: 'Open the cart again: still logged in', do: open('store', '/shopping-cart'), lights: [13, 14], shows: heading(/shopping cart/i) },
  {
    says: 'Log out of the Store',
    do: press('Log out'),
    lights: [...range(39, 42), 1, 2],
    shows: link('Log in'),
    check: checks(noCookies(STORE, 'SessionId'), noCookies(IDP, 'fusionauth.sso')),
  },
  { says: 'The stolen session id is refused at once', do: attack('stolen-session', 'fails'), lights: [43, 44], fails: [44], proves: ['logout-ends-the-session'] },
  { says: 'The Forums keep their own login', do: open('forums', '/posts'), lights: [37, 38], shows: heading(/posts/i), proves: ['the-other-app-keeps-its-login'] },
  { says: 'Logging in to the Store asks for the password again', do: open('store', '/login'), lights: range(3, 6), shows: button('Sign in'), proves: ['logout-ends-the-idp-session'] },
  { says: 'Sign in again', do: signInAtIdp(), lights: range(7, 14), shows: heading(/shopping cart/i) },
  { says: 'The session expires: the stolen session id stops working', do: all(jump('session-expires'), attack('stolen-session', 'fails')), lights: [43, 44], fails: [44], proves: ['stolen-session-id-works-until-the-session-ends'] },
]);
