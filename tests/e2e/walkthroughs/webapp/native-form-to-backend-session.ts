/** Web app, native form to the backend, a server session behind a host-only SessionId cookie. */
import { expect } from '@playwright/test';
import { FORUMS, STORE } from '../../demo/live-lab.ts';
import {
  answered,
  changed,
  checks,
  hostOnlyHttpOnly,
  namesTheUser,
  noCookies,
  noCookiesAnywhere,
  offersJumps,
  emptyDocumentCookie,
  randomId,
  remember,
  setsHostOnlyHttpOnly,
  storedCookie,
  traceLine,
  unchanged,
} from '../assertions.ts';
import { all, attack, button, defineWalkthrough, follow, heading, jump, link, logIn, open, press, probe, range, start, type Walk } from '../walkthrough.ts';

/** Only the session id reaches the browser: the login's answer sets no token cookie. */
async function setsNoTokens({ lab }: Walk): Promise<void> {
  await expect(lab.traceEntry(8).locator('table.set-cookie tr').filter({ hasText: /access_token|refresh_token/ })).toHaveCount(0);
}

/** The Forums keep a session of their own, not the Store's. */
async function forumsSessionIsItsOwn(walk: Walk): Promise<void> {
  expect((await storedCookie(walk, FORUMS, 'SessionId'))?.value).not.toBe(walk.memory.get('second session'));
}

/** The browser sends again the session id a later login replaced, as a thief who copied it would. */
const sendReplacedSession = async ({ context, memory }: Walk) => context.addCookies([{ name: 'SessionId', value: memory.get('replaced session') as string, url: STORE }]);

export default defineWalkthrough('webapp/native-form-to-backend-session', [
  { says: 'The lab opens the Store', do: start(), lights: [1, 2], shows: link('Log in'), check: offersJumps('The session expires now') },
  { says: 'Follow "Log in"', do: follow('Log in'), lights: [3, 4] },
  {
    says: 'Log in',
    do: logIn(),
    lights: range(5, 10),
    shows: heading(/shopping cart/i),
    check: checks(
      traceLine(7, 'Store → IdP'),
      setsHostOnlyHttpOnly(8, 'SessionId'),
      setsNoTokens,
      hostOnlyHttpOnly(STORE, 'SessionId'),
      randomId(STORE, 'SessionId', 256),
      noCookiesAnywhere('access_token', 'refresh_token'),
      noCookies(FORUMS, 'SessionId'),
      remember('first session', STORE, 'SessionId'),
    ),
    proves: ['session-id-is-random', 'cookies-stay-on-the-store'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  { says: 'Go back to the home page, which knows the user', do: open('store'), lights: [1, 2], check: namesTheUser },
  { says: 'Follow "Shopping cart"', do: follow('Shopping cart'), lights: [9, 10], shows: heading(/shopping cart/i) },
  { says: 'The hacker replays the stolen session id', do: attack('stolen-session', 'succeeds'), lights: [26, 27], check: traceLine(27, 'Hacker → Store') },
  {
    says: 'The session expires; reload the cart: back to the login form',
    do: all(jump('session-expires'), follow(/reload/i)),
    lights: [11, 12, 13, 3, 4],
    shows: button('Log in'),
    check: checks(answered(12, 302), noCookies(STORE, 'SessionId')),
  },
  { says: 'The stolen session id has expired with it', do: attack('stolen-session', 'fails'), lights: [26, 27], fails: [27], proves: ['stolen-session-id-works-until-the-session-ends'] },
  { says: 'Log in again: a new session id', do: logIn(), lights: range(5, 10), check: checks(changed('first session', STORE, 'SessionId'), remember('second session', STORE, 'SessionId')) },
  { says: 'Open the Forums', do: open('forums'), lights: [14, 15], proves: ['no-sso'] },
  { says: 'Follow "Log in" on the Forums', do: follow('Log in'), lights: [16, 17] },
  {
    says: 'Log in to the Forums',
    do: logIn(),
    lights: range(18, 23),
    shows: heading(/posts/i),
    check: checks(hostOnlyHttpOnly(FORUMS, 'SessionId'), forumsSessionIsItsOwn, remember('Forums session', FORUMS, 'SessionId')),
  },
  { says: 'Go to the Store\'s cart', do: open('store', '/shopping-cart'), lights: [9, 10] },
  { says: 'Log out of the Store', do: press('Log out'), lights: [24, 25, 1, 2], shows: link('Log in'), check: noCookies(STORE, 'SessionId') },
  {
    says: 'The stolen session id is refused at once; the Forums\' session lives on',
    do: attack('stolen-session', 'fails'),
    lights: [26, 27],
    fails: [27],
    check: unchanged('Forums session', FORUMS, 'SessionId'),
    proves: ['logout-ends-the-session'],
  },
  { says: 'Go to the login form', do: open('store', '/login'), lights: [3, 4] },
  { says: 'Log in', do: logIn(), lights: range(5, 10), shows: heading(/shopping cart/i), check: remember('replaced session', STORE, 'SessionId') },
  { says: 'Log in again over the live session', do: all(open('store', '/login'), logIn()), lights: range(3, 10), shows: heading(/shopping cart/i), check: changed('replaced session', STORE, 'SessionId') },
  {
    says: 'The replaced session id no longer opens the cart',
    do: all(sendReplacedSession, open('store', '/shopping-cart')),
    lights: [9, 10, 3, 4],
    fails: [10],
    shows: button('Log in'),
  },
]);
