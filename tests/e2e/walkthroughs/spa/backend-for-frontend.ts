/** SPA with a backend-for-frontend: every token on the server, one __Host- session cookie in the browser. */
import { expect } from '@playwright/test';
import { FORUMS, IDP, STORE } from '../../demo/live-lab.ts';
import { checks, hostOnlyHttpOnly, storedCookie } from '../assertions.ts';
import { all, attack, button, defineWalkthrough, follow, heading, jump, link, press, probe, range, signInAtIdp, start, text, type Walk } from '../walkthrough.ts';

/** The cookies the Store's host set (the demo's own run cookie, on the parent domain, aside). */
const storeCookies = async ({ context }: Walk) => (await context.cookies(STORE)).filter((cookie) => cookie.domain === new URL(STORE).hostname);

/** The browser holds the session cookie only, with every attribute the __Host- prefix and the BFF pattern ask for. */
async function onlyTheSessionCookie(walk: Walk): Promise<void> {
  expect((await storeCookies(walk)).map((cookie) => cookie.name)).toEqual(['__Host-session']);
  const session = await storedCookie(walk, STORE, '__Host-session');
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/', domain: new URL(STORE).hostname });
}

/**
 * Script on a page of another origin under the same site (the Forums, its CSP set aside so it may
 * call out) tries the backend with the reader's session cookie: without the header the backend
 * refuses (403), and the header itself needs a CORS preflight the backend never allows.
 */
async function crossOriginCallsRefused({ lab, context }: Walk): Promise<void> {
  const browser = context.browser()!;
  const other = await browser.newContext({ bypassCSP: true, storageState: await context.storageState() });
  try {
    const page = await other.newPage();
    await page.goto(`${FORUMS}/`);
    const withHeader = await page.evaluate(
      (store) => fetch(`${store}/api/store/cart`, { credentials: 'include', headers: { 'x-csrf': '1' } }).then((r) => `answered ${r.status}`, () => 'blocked'),
      STORE,
    );
    expect(withHeader, 'the header needs a preflight the backend refuses').toBe('blocked');
    await page.evaluate((store) => fetch(`${store}/api/store/cart`, { credentials: 'include', mode: 'no-cors' }), STORE);
    await expect(lab.dialog.locator('.trace > li').filter({ hasText: 'GET store.example.localhost:4400/api/store/cart 403' })).toHaveCount(1);
  } finally {
    await other.close();
  }
}

export default defineWalkthrough('spa/backend-for-frontend', [
  { says: 'The lab opens the Store: nobody is logged in', do: start(), lights: range(1, 4), shows: link('Log in') },
  { says: 'Follow "Log in": the identity provider shows its own page', do: follow('Log in'), lights: [5, ...range(6, 9)], shows: button('Sign in') },
  {
    says: "Sign in on the identity provider's page",
    do: signInAtIdp(),
    lights: range(10, 23),
    shows: heading(/shopping cart/i),
    check: checks(onlyTheSessionCookie, hostOnlyHttpOnly(IDP, 'fusionauth.sso')),
    proves: ['only-a-session-cookie-reaches-the-browser', 'password-goes-only-to-the-idp', 'idp-session-cookie-stays-on-the-login-host'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token') },
  { says: 'Script on a page of another origin calls the backend with your cookie', do: crossOriginCallsRefused, lights: [20, 23], fails: [23], proves: ['the-backend-refuses-calls-without-its-header'] },
  { says: 'The JWT expires; reload the cart: the backend refreshes it', do: all(jump('jwt-expires'), press('Reload cart')), lights: range(24, 29), shows: heading(/shopping cart/i) },
  { says: 'The injected script reads the page', do: attack('xss-steal', 'fails'), lights: [44, 45], proves: ['a-script-finds-no-token'] },
  { says: 'The injected script stays and watches every call', do: attack('xss-persist', 'fails'), lights: range(46, 51), proves: ['a-script-that-stays-sees-no-token'] },
  { says: 'The injected script asks for tokens of its own', do: attack('xss-acquire', 'fails'), lights: [52, 53], proves: ['a-script-gets-no-tokens-of-its-own'] },
  { says: 'The injected script drives the app', do: attack('xss-proxy', 'succeeds'), lights: range(54, 59), proves: ['a-script-can-use-the-app-while-the-page-is-open'] },
  { says: 'The session expires; reload the cart', do: all(jump('session-expires'), press('Reload cart')), lights: [30, 31], shows: text(/log in again/i) },
  { says: 'Log in again: the identity provider still knows you', do: follow('Log in'), lights: [32, ...range(33, 36), 37, ...range(12, 23)], shows: heading(/shopping cart/i) },
  { says: 'Log out', do: press('Log out'), lights: [...range(38, 43), 1, 2, 3, 4], shows: link('Log in'), check: async (walk) => expect(await storeCookies(walk)).toEqual([]) },
]);
