/** SPA, native form to the backend, server session renewed from a refresh token cookie. */
import { expect } from '@playwright/test';
import { FORUMS, STORE } from '../../demo/live-lab.ts';
import { answered, changed, checks, emptyDocumentCookie, hostOnlyHttpOnly, noCookies, randomId, remember, traceLine, unchanged } from '../assertions.ts';
import { all, attack, button, defineWalkthrough, jump, logIn, open, press, probe, range, reload, start, text, type Walk } from '../walkthrough.ts';

const cart = text(/cart of/i);
const loginForm = button('Log in');
const ended = text(/session has ended/i);

/** The panel offers the clock jumps this workflow has: the session's and the refresh token's. */
async function offersSessionJumps({ lab }: Walk): Promise<void> {
  await expect(lab.dialog.locator('[data-jump]')).toHaveText(['The session expires now', 'The refresh token expires now']);
}

/** The tokens stay on the server: the Store's answer carries no refresh token, and no cookie holds a JWT. */
async function tokensStayOnServer({ lab, context }: Walk): Promise<void> {
  await expect(lab.traceEntry(9)).not.toContainText('refreshToken');
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('access_token');
}

export default defineWalkthrough('spa/native-form-to-backend-session-refresh-token', [
  { says: 'The lab opens the Store: nobody is logged in', do: start(), lights: [1, 2, 3, 4], shows: loginForm, check: offersSessionJumps },
  {
    says: "Log in through the Store's backend",
    do: logIn(),
    lights: range(5, 11),
    shows: cart,
    check: checks(
      tokensStayOnServer,
      hostOnlyHttpOnly(STORE, 'SessionId', 'refresh_token'),
      randomId(STORE, 'SessionId', 256),
      remember('first session', STORE, 'SessionId'),
      remember('first refresh token', STORE, 'refresh_token'),
    ),
    proves: ['cookies-stay-on-the-store'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  { says: 'Reload: the Store knows the user', do: reload(), lights: [1, 2, 3, 10, 11], shows: cart },
  { says: 'The hacker replays the stolen session id', do: attack('stolen-session', 'succeeds'), lights: [48, 49] },
  {
    says: 'The session expires; reload the cart',
    do: all(jump('session-expires'), press(/reload cart/i)),
    lights: range(12, 19),
    shows: cart,
    check: checks(answered(13, 401), changed('first session', STORE, 'SessionId'), unchanged('first refresh token', STORE, 'refresh_token')),
  },
  { says: 'The session expires; reload the page', do: all(jump('session-expires'), reload()), lights: [1, 2, 3, ...range(14, 19)], shows: cart, check: answered(3, 401) },
  { says: 'The hacker replays the stolen refresh token', do: attack('stolen-refresh-token', 'succeeds'), lights: range(42, 47), check: traceLine(45, 'Hacker → Store'), proves: ['store-refreshes-a-stolen-refresh-token'] },
  {
    says: 'The refresh token expires; reload the cart',
    do: all(jump('refresh-token-expires'), press(/reload cart/i)),
    lights: range(20, 25),
    shows: ended,
    check: checks(answered(24, 400), noCookies(STORE, 'SessionId', 'refresh_token')),
  },
  { says: 'Log in again', do: logIn(), lights: [26, ...range(6, 11)], shows: cart },
  { says: 'The refresh token expires; reload the page', do: all(jump('refresh-token-expires'), reload()), lights: [1, 2, 3, ...range(22, 25)], shows: ended, check: noCookies(STORE, 'SessionId') },
  { says: 'Log in again', do: logIn(), lights: [26, ...range(6, 11)], shows: cart },
  { says: 'Log out', do: press('Log out'), lights: range(38, 41), shows: text(/logged out/i), check: checks(traceLine(40, 'Store → IdP DELETE'), noCookies(STORE, 'refresh_token')) },
  { says: 'The revoked refresh token is refused', do: attack('stolen-refresh-token', 'fails'), lights: range(42, 45), fails: [44, 45], proves: ['logout-revokes-the-refresh-token'] },
  { says: 'The ended session is refused', do: attack('stolen-session', 'fails'), lights: [48, 49], fails: [49], proves: ['logout-ends-the-session'] },
  { says: 'Open the Forums', do: open('forums'), lights: range(27, 30), shows: loginForm, proves: ['no-sso'] },
  { says: 'Log in to the Forums', do: logIn(), lights: range(31, 37), shows: text(/signed in as/i), check: hostOnlyHttpOnly(FORUMS, 'refresh_token') },
  { says: 'Open the Store: logged out there', do: open('store'), lights: [1, 2, 3, 4], shows: loginForm },
  { says: 'Log in to the Store again', do: logIn(), lights: range(5, 11) },
  { says: "The new login's refresh token works for the hacker", do: attack('stolen-refresh-token', 'succeeds'), lights: range(42, 47) },
  { says: 'The refresh token expires: it stops working', do: all(jump('refresh-token-expires'), attack('stolen-refresh-token', 'fails')), lights: range(42, 45), fails: [44, 45] },
]);
