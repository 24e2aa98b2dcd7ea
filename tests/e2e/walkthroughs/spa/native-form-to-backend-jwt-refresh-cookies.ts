/** SPA, native form to its own backend, JWT and refresh token in host-only cookies. */
import { expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { FORUMS, STORE } from '../../demo/live-lab.ts';
import {
  answered,
  changed,
  checks,
  hostOnlyHttpOnly,
  noCookies,
  emptyDocumentCookie,
  remember,
  storedCookie,
  tokensStayOnTheBackend,
  traceLine,
  unchanged,
} from '../assertions.ts';
import { all, attack, button, defineWalkthrough, jump, logIn, open, press, probe, range, reload, start, text, type Walk } from '../walkthrough.ts';

/** The login goes to the app's own backend only: the identity provider's host sets nothing in the browser. */
async function noLoginHostCookies({ context }: Walk): Promise<void> {
  expect((await context.cookies()).filter((cookie) => cookie.domain.includes('login.'))).toEqual([]);
}

/** Each app's JWT is issued for that app alone. */
async function jwtsForTheirOwnApp(walk: Walk): Promise<void> {
  const audience = async (origin: string) => decodeJwt((await storedCookie(walk, origin, 'access_token'))!.value).aud;
  expect(await audience(STORE)).not.toEqual(await audience(FORUMS));
}

const cart = text(/cart of/i);
const loginEnded = text(/session has ended/i);
const reloadCart = press(/reload cart/i);

export default defineWalkthrough('spa/native-form-to-backend-jwt-refresh-cookies', [
  { says: 'The lab opens the Store: nobody is logged in', do: start(), lights: range(1, 4), shows: button('Log in') },
  {
    says: 'Log in',
    do: logIn(),
    lights: range(5, 11),
    shows: cart,
    check: checks(
      traceLine(8, 'Store → IdP'),
      answered(9, 200),
      tokensStayOnTheBackend(8, 9),
      hostOnlyHttpOnly(STORE, 'access_token', 'refresh_token'),
      noCookies(FORUMS, 'access_token'),
      noLoginHostCookies,
      remember('first JWT', STORE, 'access_token'),
    ),
    proves: ['cookies-stay-on-the-store'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  // "Who is logged in?" answers 200, a branch the diagram does not draw, so arrow 4 stays dark.
  { says: 'Reload the page while logged in', do: reload(), lights: [1, 2, 3, 10, 11], shows: cart },
  {
    says: 'The JWT expires; reload the cart: the API answers 401 and the SPA refreshes',
    do: all(jump('jwt-expires'), reloadCart),
    lights: range(12, 19),
    check: checks(answered(13, 401), changed('first JWT', STORE, 'access_token')),
  },
  { says: 'The JWT expires again; reload the page: "who is logged in?" answers 401 and the SPA refreshes', do: all(jump('jwt-expires'), reload()), lights: [1, 2, 3, ...range(14, 19)], shows: cart, check: answered(3, 401) },
  {
    says: 'The refresh token expires; reload the cart: the refresh is refused and the form returns',
    do: all(jump('refresh-token-expires'), reloadCart),
    lights: range(20, 25),
    shows: loginEnded,
    check: checks(answered(24, 400), answered(25, 401), noCookies(STORE, 'refresh_token')),
  },
  { says: 'Log in again', do: logIn(), lights: [26, ...range(6, 11)] },
  { says: 'The refresh token expires; reload the page', do: all(jump('refresh-token-expires'), reload()), lights: [1, 2, 3, ...range(22, 25)], shows: loginEnded, check: noCookies(STORE, 'refresh_token') },
  { says: 'Log in again', do: logIn(), lights: [26, ...range(6, 11)], shows: cart, check: remember('Store JWT', STORE, 'access_token') },
  { says: 'Open the Forums', do: open('forums'), lights: range(27, 30), shows: button('Log in'), proves: ['no-sso'] },
  {
    says: 'Log in to the Forums',
    do: logIn(),
    lights: range(31, 37),
    shows: text(/signed in as/i),
    check: checks(hostOnlyHttpOnly(FORUMS, 'access_token'), unchanged('Store JWT', STORE, 'access_token'), jwtsForTheirOwnApp),
    proves: ['forums-login-leaves-the-store-cookies'],
  },
  { says: 'The hacker has the Store refresh a stolen refresh token', do: attack('stolen-refresh-token', 'succeeds'), lights: range(38, 43), check: traceLine(41, 'Hacker → Store'), proves: ['store-refreshes-a-stolen-refresh-token'] },
  { says: 'The hacker replays the stolen JWT', do: attack('stolen-jwt', 'succeeds'), lights: [44, 45] },
  { says: 'The JWT expires: the stolen JWT stops working', do: all(jump('jwt-expires'), attack('stolen-jwt', 'fails')), lights: [44, 45], fails: [45] },
  { says: 'The stolen refresh token still buys a fresh JWT', do: attack('stolen-refresh-token', 'succeeds'), lights: range(38, 43) },
  { says: 'The refresh token expires: it stops working too', do: all(jump('refresh-token-expires'), attack('stolen-refresh-token', 'fails')), lights: range(38, 41), fails: [40, 41], proves: ['stolen-refresh-token-works-until-it-expires'] },
]);
