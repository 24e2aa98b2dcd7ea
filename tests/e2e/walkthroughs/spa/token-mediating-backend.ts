/** SPA with a token-mediating backend: the refresh token on the server, access tokens in the SPA's memory. */
import { expect } from '@playwright/test';
import { FORUMS, IDP, STORE } from '../../demo/live-lab.ts';
import { checks, hostOnlyHttpOnly, storedCookie, traceEntry } from '../assertions.ts';
import { all, attack, defineWalkthrough, follow, heading, jump, link, press, probe, range, signInAtIdp, start, text, type Walk } from '../walkthrough.ts';

/** The cookies the Store's host set (the demo's own run cookie, on the parent domain, aside). */
const storeCookies = async ({ context }: Walk) => (await context.cookies(STORE)).filter((cookie) => cookie.domain === new URL(STORE).hostname);

/** The browser holds the session cookie only, with every attribute the __Host- prefix asks for. */
async function onlyTheSessionCookie(walk: Walk): Promise<void> {
  expect((await storeCookies(walk)).map((cookie) => cookie.name)).toEqual(['__Host-session']);
  const session = await storedCookie(walk, STORE, '__Host-session');
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/', domain: new URL(STORE).hostname });
}

/** The identity provider gave the backend a refresh token (arrow 14); the backend gave the SPA an access token and nothing else (arrow 21). */
async function refreshTokenStaysOnTheBackend(walk: Walk): Promise<void> {
  await traceEntry(14, 'refresh_token')(walk);
  await traceEntry(21, 'access_token')(walk);
  await expect(walk.lab.traceEntry(21)).not.toContainText('refresh');
}

/**
 * Script on a page of another origin under the same site (the Forums, its CSP set aside so it may
 * call out) asks the backend for a token with the reader's session cookie: with the header it needs
 * a CORS preflight the backend never allows, and without it the post is refused (403).
 */
async function crossOriginTokenRequestsRefused({ lab, context }: Walk): Promise<void> {
  const browser = context.browser()!;
  const other = await browser.newContext({ bypassCSP: true, storageState: await context.storageState() });
  try {
    const page = await other.newPage();
    await page.goto(`${FORUMS}/`);
    const withHeader = await page.evaluate(
      (store) => fetch(`${store}/api/token`, { method: 'POST', credentials: 'include', headers: { 'x-csrf': '1' } }).then((r) => `answered ${r.status}`, () => 'blocked'),
      STORE,
    );
    expect(withHeader, 'the header needs a preflight the backend refuses').toBe('blocked');
    await page.evaluate((store) => fetch(`${store}/api/token`, { method: 'POST', credentials: 'include', mode: 'no-cors' }), STORE);
    await expect(lab.dialog.locator('.trace > li').filter({ hasText: 'POST store.example.localhost:4400/api/token 403' })).toHaveCount(1);
  } finally {
    await other.close();
  }
}

/** The script's hidden frame to the identity provider: the page's CSP refuses it, so no request reaches the provider. */
const authorizeRequests = (walk: Walk) => walk.lab.dialog.locator('.trace > li').filter({ hasText: '/oauth2/authorize' }).count();
const scriptAsksForTokens = async (walk: Walk) => {
  const before = await authorizeRequests(walk);
  await attack('xss-acquire', 'succeeds')(walk);
  expect(await authorizeRequests(walk), 'the hidden frame never reached the identity provider').toBe(before);
};

export default defineWalkthrough('spa/token-mediating-backend', [
  { says: 'The lab opens the Store: nobody is logged in', do: start(), lights: range(1, 4), shows: link('Log in') },
  { says: 'Follow "Log in": the identity provider shows its own page', do: follow('Log in'), lights: [5, ...range(6, 9)], shows: (app) => app.getByRole('button', { name: 'Sign in' }) },
  {
    says: "Sign in on the identity provider's page",
    do: signInAtIdp(),
    lights: range(10, 24),
    shows: heading(/shopping cart/i),
    check: checks(onlyTheSessionCookie, hostOnlyHttpOnly(IDP, 'fusionauth.sso'), refreshTokenStaysOnTheBackend),
    proves: ['the-browser-holds-one-session-cookie', 'password-goes-only-to-the-idp', 'idp-session-cookie-stays-on-the-login-host', 'the-refresh-token-stays-on-the-backend'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token') },
  {
    says: 'Script on a page of another origin asks the backend for a token with your cookie',
    do: crossOriginTokenRequestsRefused,
    lights: [20, 21],
    fails: [21],
    proves: ['the-backend-refuses-token-requests-from-other-origins'],
  },
  { says: 'The JWT expires; reload the cart: the SPA gets a new one from its backend', do: all(jump('jwt-expires'), press('Reload cart')), lights: range(25, 32), shows: heading(/shopping cart/i) },
  { says: 'The injected script reads the page', do: attack('xss-steal', 'fails'), lights: [49, 50], proves: ['a-script-finds-no-token'] },
  { says: 'The injected script stays and watches every call', do: attack('xss-persist', 'succeeds'), lights: range(51, 56), proves: ['a-script-that-stays-copies-the-access-token'] },
  { says: 'The injected script asks for tokens of its own', do: scriptAsksForTokens, lights: range(57, 63), proves: ['a-script-gets-access-tokens-from-the-backend'] },
  { says: 'The injected script drives the app', do: attack('xss-proxy', 'succeeds'), lights: range(64, 67), proves: ['a-script-can-use-the-app-while-the-page-is-open'] },
  { says: 'The session expires; reload the cart', do: all(jump('session-expires'), press('Reload cart')), lights: range(33, 36), shows: text(/log in again/i) },
  { says: 'Log in again: the identity provider still knows you', do: follow('Log in'), lights: [...range(37, 42), ...range(12, 24)], shows: heading(/shopping cart/i) },
  { says: 'Log out', do: press('Log out'), lights: [...range(43, 48), 1, 2, 3, 4], shows: link('Log in'), check: async (walk) => expect(await storeCookies(walk)).toEqual([]) },
]);
