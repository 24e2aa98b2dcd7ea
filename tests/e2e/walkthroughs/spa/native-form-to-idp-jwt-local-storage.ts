/** SPA, native form to the identity provider, JWT in localStorage, refresh token cookie on the identity provider's host. */
import { expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { FORUMS, STORE } from '../../demo/live-lab.ts';
import { answered, changed, checks, hostOnlyHttpOnly, noCookies, remember, storedCookie, traceEntry, traceLine } from '../assertions.ts';
import { all, attack, button, defineWalkthrough, jump, logIn, open, press, probe, range, reload, start, text, type Walk } from '../walkthrough.ts';

const LOGIN_HOST = 'http://login.example.localhost:4400';
const cart = text(/cart of/i);
const loginForm = button('Log in');
const ended = text(/session has ended/i);

/** The JWT the app's page keeps in localStorage on `origin`, read from the page itself. */
const storedJwt = ({ lab }: Walk, origin: string) => lab.page.frame({ url: (url) => url.origin === origin })!.evaluate(() => localStorage.getItem('jwt'));

/** The jar's entry for that localStorage item. */
const jarJwt = ({ lab }: Walk, origin: string) => lab.jarOf(origin).locator('[data-storage="localStorage"][data-key="jwt"]');

/** The page keeps a JWT other than the one kept under `previous`, the jar shows it, and it is kept as `key`. */
const keepsNewJwt = (key: string, previous?: string) => async (walk: Walk) => {
  const jwt = await storedJwt(walk, STORE);
  expect(jwt).not.toBeNull();
  if (previous) expect(jwt).not.toBe(walk.memory.get(previous));
  await expect(jarJwt(walk, STORE).locator('code[title]').first()).toHaveAttribute('title', jwt!);
  walk.memory.set(key, jwt);
};

/** The JWT in localStorage is the reader's, the jar says when it expires, and the Store got it as a bearer token with no cookie. */
async function bearerJwtInLocalStorage(walk: Walk): Promise<void> {
  expect(decodeJwt((await storedJwt(walk, STORE))!).email).toBe((await walk.lab.credentials()).email);
  await expect(jarJwt(walk, STORE)).toContainText(/JWT expires in/);
  await expect(walk.lab.traceEntry(10).locator('.trace-authorization')).toContainText('Bearer');
  await expect(walk.lab.traceEntry(10)).toContainText('none');
}

/** Script on the page read the JWT out of localStorage. */
async function probeStoleJwt(walk: Walk): Promise<void> {
  await expect(walk.lab.dialog.locator('.probe-result [data-stolen-token]')).toContainText('(JWT)');
  await expect(walk.lab.dialog.locator('.probe-result')).toContainText((walk.memory.get('first JWT') as string).slice(0, 20));
}

/** The refused refresh dropped the JWT from localStorage and from the jar. */
async function jwtDropped(walk: Walk): Promise<void> {
  expect(await storedJwt(walk, STORE)).toBeNull();
  await expect(jarJwt(walk, STORE)).toHaveCount(0);
}

/** The Forums' login sent the Store's refresh token, got its own JWT and stored it beside the Store's, per origin. */
async function forumsKeepTheirOwnJwt(walk: Walk): Promise<void> {
  await expect(walk.lab.traceEntry(29)).toContainText((walk.memory.get("Store's refresh token") as string).slice(0, 12));
  const forums = (await storedJwt(walk, FORUMS))!;
  expect(decodeJwt(forums).aud).not.toBe(decodeJwt(walk.memory.get('first JWT') as string).aud);
  await expect(jarJwt(walk, FORUMS).locator('code[title]').first()).toHaveAttribute('title', forums);
  await expect(jarJwt(walk, STORE)).toHaveCount(1);
}

/** The hacker replayed the JWT script read as a bearer token. */
async function hackerSentBearer({ lab }: Walk): Promise<void> {
  await expect(lab.traceEntry(35).locator('.trace-authorization')).toContainText('Bearer');
}

/** The refresh token the hacker copied is the one the browser holds now, the Forums': its JWT is for another application. */
async function hackerCopiedForumsRefreshToken(walk: Walk): Promise<void> {
  await expect(walk.lab.dialog.locator('[data-attack-result]')).toContainText('issued for another application');
  const held = (await storedCookie(walk, LOGIN_HOST, 'refresh_token'))!.value;
  await expect(walk.lab.traceEntry(37).locator('section', { hasText: 'Cookies sent' }).locator('code[title]')).toHaveAttribute('title', held);
}

export default defineWalkthrough('spa/native-form-to-idp-jwt-local-storage', [
  { says: 'The lab opens the Store: nobody is logged in', do: start(), lights: [1, 2, 3, 4], shows: loginForm },
  {
    says: 'Log in at the identity provider',
    do: logIn(),
    lights: range(5, 10),
    shows: cart,
    check: checks(traceLine(7, 'Browser → IdP'), keepsNewJwt('first JWT'), bearerJwtInLocalStorage, hostOnlyHttpOnly(LOGIN_HOST, 'refresh_token'), noCookies(STORE, 'refresh_token')),
    proves: ['refresh-token-cookie-stays-on-the-idp'],
  },
  { says: 'Try to read the tokens from page script: it gets the JWT', do: probe('a token'), check: probeStoleJwt, proves: ['page-script-reads-the-jwt'] },
  { says: 'Reload: the Store knows the user', do: reload(), lights: [1, 2, 3, 9, 10], shows: cart },
  {
    says: 'The JWT expires; reload the cart',
    do: all(jump('jwt-expires'), press(/reload cart/i)),
    lights: range(11, 17),
    check: checks(answered(12, 401), traceEntry(14, 'refresh_token'), keepsNewJwt('refreshed JWT', 'first JWT')),
  },
  { says: 'The JWT expires; reload the page', do: all(jump('jwt-expires'), reload()), lights: [1, 2, 3, ...range(13, 17)], shows: cart, check: checks(answered(3, 401), keepsNewJwt('JWT', 'refreshed JWT')) },
  { says: 'The refresh token expires; reload the cart', do: all(jump('refresh-token-expires'), press(/reload cart/i)), lights: range(18, 21), shows: ended, check: checks(answered(21, 400), jwtDropped) },
  { says: 'Log in again', do: logIn(), lights: [22, ...range(6, 10)] },
  { says: 'The refresh token expires; reload the page', do: all(jump('refresh-token-expires'), reload()), lights: [1, 2, 3, 20, 21], shows: ended, check: jwtDropped },
  { says: 'Log in again', do: logIn(), lights: [22, ...range(6, 10)], check: remember("Store's refresh token", LOGIN_HOST, 'refresh_token') },
  { says: 'Open the Forums', do: open('forums'), lights: range(23, 26), shows: loginForm, proves: ['no-sso'] },
  {
    says: 'Log in to the Forums',
    do: logIn(),
    lights: range(27, 32),
    shows: text(/signed in as/i),
    check: checks(forumsKeepTheirOwnJwt, changed("Store's refresh token", LOGIN_HOST, 'refresh_token')),
    proves: ['forums-login-replaces-the-store-cookies'],
  },
  { says: 'The hacker replays the JWT script read from localStorage', do: attack('stolen-jwt', 'succeeds'), lights: [33, 34, 35], check: checks(traceLine(35, 'Hacker → Store'), hackerSentBearer) },
  {
    says: "The hacker replays the stolen refresh token: the Forums' one buys no Store JWT",
    do: attack('stolen-refresh-token', 'fails'),
    lights: range(36, 39),
    fails: [39],
    check: checks(traceLine(37, 'Hacker → IdP'), hackerCopiedForumsRefreshToken),
  },
  { says: 'The JWT expires: the stolen JWT stops working', do: all(jump('jwt-expires'), attack('stolen-jwt', 'fails')), lights: [33, 34, 35], fails: [35], proves: ['stolen-jwt-lasts-until-it-expires'] },
  { says: 'The refresh token expires: it stops working too', do: all(jump('refresh-token-expires'), attack('stolen-refresh-token', 'fails')), lights: [36, 37], fails: [37] },
]);
