/** SPA, native form to its own backend, a server session behind a host-only SessionId cookie. */
import { FORUMS, STORE } from '../../demo/live-lab.ts';
import {
  answered,
  changed,
  checks,
  hostOnlyHttpOnly,
  noCookies,
  noCookiesAnywhere,
  offersJumps,
  emptyDocumentCookie,
  randomId,
  remember,
  tokensStayOnTheBackend,
  traceLine,
} from '../assertions.ts';
import { all, attack, button, defineWalkthrough, jump, logIn, open, press, probe, range, reload, start, text } from '../walkthrough.ts';

const cart = text(/cart of/i);
const loginEnded = text(/session has ended/i);

export default defineWalkthrough('spa/native-form-to-backend-session', [
  { says: 'The lab opens the Store: nobody is logged in', do: start(), lights: range(1, 4), shows: button('Log in'), check: offersJumps('The session expires now') },
  {
    says: 'Log in',
    do: logIn(),
    lights: range(5, 11),
    shows: cart,
    check: checks(
      tokensStayOnTheBackend(8, 9),
      hostOnlyHttpOnly(STORE, 'SessionId'),
      randomId(STORE, 'SessionId', 256),
      noCookiesAnywhere('access_token'),
      noCookies(FORUMS, 'SessionId'),
      remember('first session', STORE, 'SessionId'),
    ),
    proves: ['session-id-is-random', 'cookies-stay-on-the-store'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  // "Who is logged in?" answers 200, a branch the diagram does not draw, so arrow 4 stays dark.
  { says: 'Reload the page while logged in', do: reload(), lights: [1, 2, 3, 10, 11], shows: cart },
  { says: 'The hacker replays the stolen session id', do: attack('stolen-session', 'succeeds'), lights: [28, 29], check: traceLine(29, 'Hacker → Store') },
  {
    says: 'The session expires; reload the cart: the API answers 401 and the form returns',
    do: all(jump('session-expires'), press(/reload cart/i)),
    lights: [12, 13],
    shows: loginEnded,
    check: answered(13, 401),
  },
  { says: 'Log in again: a new session id', do: logIn(), lights: [14, ...range(6, 11)], shows: cart, check: changed('first session', STORE, 'SessionId') },
  { says: 'The session expires; reload the page: with nothing to renew it, the form returns', do: all(jump('session-expires'), reload()), lights: [1, 2, 3], shows: loginEnded, check: answered(3, 401) },
  { says: 'Log in again', do: logIn(), lights: range(6, 11), shows: cart },
  { says: 'Log out', do: press('Log out'), lights: [26, 27], shows: text(/logged out/i), check: noCookies(STORE, 'SessionId') },
  { says: 'The stolen session id is refused at once', do: attack('stolen-session', 'fails'), lights: [28, 29], fails: [29], proves: ['logout-ends-the-session'] },
  { says: 'Open the Forums', do: open('forums'), lights: range(15, 18), shows: button('Log in'), proves: ['no-sso'] },
  { says: 'Log in to the Forums', do: logIn(), lights: range(19, 25), shows: text(/signed in as/i), check: hostOnlyHttpOnly(FORUMS, 'SessionId') },
  { says: 'Open the Store again', do: open('store'), lights: range(1, 4), shows: button('Log in') },
  { says: 'Log in to the Store', do: logIn(), lights: range(5, 11) },
  { says: 'The hacker replays the new session id', do: attack('stolen-session', 'succeeds'), lights: [28, 29] },
  { says: 'The session expires: the stolen id stops working', do: all(jump('session-expires'), attack('stolen-session', 'fails')), lights: [28, 29], fails: [29], proves: ['stolen-session-id-works-until-the-session-ends'] },
]);
