/** SPA, native form to the identity provider on the parent domain, JWT and refresh token in its cookies. */
import { expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { STORE } from '../../demo/live-lab.ts';
import { answered, changed, checks, emptyDocumentCookie, parentDomainHttpOnly, remember, storedCookie, traceLine } from '../assertions.ts';
import { all, attack, button, defineWalkthrough, jump, logIn, open, press, probe, range, reload, start, text, type Walk } from '../walkthrough.ts';

const cart = text(/cart of/i);
const loginForm = button('Log in');

/** The Forums' login replaced the Store's JWT on the shared parent domain with one issued for the Forums. */
async function forumsJwtReplacedStores(walk: Walk): Promise<void> {
  const stores = walk.memory.get('Store JWT') as string;
  const now = (await storedCookie(walk, STORE, 'access_token'))!.value;
  expect(now).not.toBe(stores);
  expect(decodeJwt(now).aud).not.toBe(decodeJwt(stores).aud);
}

export default defineWalkthrough('spa/native-form-to-idp-same-domain-jwt-refresh-cookies', [
  { says: 'The lab opens the Store: nobody is logged in', do: start(), lights: [1, 2, 3, 4], shows: loginForm, check: answered(4, 404) },
  {
    says: 'Log in at the identity provider',
    do: logIn(),
    lights: range(5, 9),
    shows: cart,
    check: checks(traceLine(7, 'Browser → IdP'), parentDomainHttpOnly(STORE, 'example.localhost', 'access_token', 'refresh_token'), remember('first JWT', STORE, 'access_token')),
    proves: ['cookies-cover-the-parent-domain'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  { says: 'Reload: the Store knows the user', do: reload(), lights: [1, 2, 3, 8, 9], shows: cart, check: answered(3, 200) },
  { says: 'The JWT expires; reload the cart', do: all(jump('jwt-expires'), press(/reload cart/i)), lights: range(10, 15), check: checks(answered(11, 401), changed('first JWT', STORE, 'access_token')) },
  { says: 'The JWT expires; reload the page', do: all(jump('jwt-expires'), reload()), lights: [1, 2, 3, ...range(12, 15)], shows: cart, check: answered(3, 401) },
  { says: 'The refresh token expires; reload the cart', do: all(jump('refresh-token-expires'), press(/reload cart/i)), lights: range(16, 19), shows: text(/session has ended/i), check: answered(19, 400) },
  { says: 'Log in again', do: logIn(), lights: [20, ...range(6, 9)] },
  { says: 'The refresh token expires; reload the page', do: all(jump('refresh-token-expires'), reload()), lights: [1, 2, 3, 18, 19], shows: text(/session has ended/i) },
  { says: 'Log in again', do: logIn(), lights: [20, ...range(6, 9)], check: remember('Store JWT', STORE, 'access_token') },
  { says: 'Open the Forums', do: open('forums'), lights: range(21, 24), shows: loginForm, proves: ['no-sso'] },
  { says: 'Log in to the Forums', do: logIn(), lights: range(25, 30), shows: text(/signed in as/i), check: forumsJwtReplacedStores, proves: ['forums-login-replaces-the-store-cookies'] },
  { says: "Open the Store: the Forums' JWT is no login there", do: open('store'), lights: [1, 2, 3, 4], shows: loginForm, proves: ['one-app-logged-in-at-a-time'] },
  { says: 'Log in to the Store again', do: logIn(), lights: range(5, 9) },
  { says: 'The hacker replays the stolen refresh token at the identity provider', do: attack('stolen-refresh-token', 'succeeds'), lights: range(31, 34), check: traceLine(32, 'Hacker → IdP') },
  { says: 'The hacker replays the stolen JWT', do: attack('stolen-jwt', 'succeeds'), lights: [35, 36] },
  { says: 'The JWT expires: the stolen JWT stops working', do: all(jump('jwt-expires'), attack('stolen-jwt', 'fails')), lights: [35, 36], fails: [36] },
  { says: 'The refresh token expires: it stops working too', do: all(jump('refresh-token-expires'), attack('stolen-refresh-token', 'fails')), lights: [31, 32], fails: [32], proves: ['stolen-refresh-token-works-until-it-expires'] },
]);
