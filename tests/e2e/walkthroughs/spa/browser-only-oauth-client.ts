/** SPA as a browser-only OAuth client: a public client, tokens in memory, rotating refresh tokens. */
import { expect } from '@playwright/test';
import { IDP, STORE } from '../../demo/live-lab.ts';
import { checks, hostOnlyHttpOnly, traceEntry } from '../assertions.ts';
import { all, attack, defineWalkthrough, follow, heading, jump, link, press, probe, range, reload, signInAtIdp, start, text, type Walk } from '../walkthrough.ts';

/** The cookies the Store's host set (the demo's own run cookie, on the parent domain, aside): none, its server keeps no login. */
const storeCookies = async ({ context }: Walk) => (await context.cookies(STORE)).filter((cookie) => cookie.domain === new URL(STORE).hostname);

/** Page script finds no token in a cookie or either storage, though the SPA holds both tokens. */
async function noTokenOutsideMemory(walk: Walk): Promise<void> {
  expect(await storeCookies(walk)).toEqual([]);
  await probe('no token')(walk);
  await traceEntry(15, 'refresh_token')(walk);
}

export default defineWalkthrough('spa/browser-only-oauth-client', [
  { says: 'The lab opens the Store: its silent login finds nobody', do: start(), lights: range(1, 6), shows: link('Log in') },
  { says: 'Follow "Log in": the identity provider shows its own page', do: follow('Log in'), lights: range(7, 9), shows: (app) => app.getByRole('button', { name: 'Sign in' }) },
  {
    says: "Sign in on the identity provider's page: the SPA redeems the code itself",
    do: signInAtIdp(),
    lights: range(10, 17),
    shows: heading(/shopping cart/i),
    check: checks(hostOnlyHttpOnly(IDP, 'fusionauth.sso'), noTokenOutsideMemory),
    proves: ['password-goes-only-to-the-idp', 'idp-session-cookie-stays-on-the-login-host', 'tokens-stay-out-of-storage'],
  },
  { says: 'The JWT expires; reload the cart: the SPA rotates its refresh token', do: all(jump('jwt-expires'), press('Reload cart')), lights: range(18, 23), shows: heading(/shopping cart/i) },
  { says: 'Reload the page: memory is empty, and the SPA logs in silently', do: reload(), lights: range(24, 34), shows: heading(/shopping cart/i), proves: ['a-reload-logs-in-silently'] },
  { says: 'The injected script reads the page', do: attack('xss-steal', 'fails'), lights: [44, 45], proves: ['a-script-finds-no-token'] },
  {
    says: 'The JWT expires; the injected script stays and watches the SPA refresh',
    do: all(jump('jwt-expires'), attack('xss-persist', 'succeeds')),
    lights: range(46, 57),
    proves: ['a-script-that-stays-takes-the-refresh-token'],
  },
  {
    says: 'The JWT expires again; reload the cart: the SPA presents the refresh token the hacker spent',
    do: all(jump('jwt-expires'), press('Reload cart')),
    lights: range(58, 61),
    shows: text(/session has ended/i),
    proves: ['reusing-a-rotated-refresh-token-revokes-the-family'],
  },
  { says: 'Log in again: the identity provider still knows you', do: follow('Log in'), lights: [...range(62, 65), ...range(12, 17)], shows: heading(/shopping cart/i) },
  { says: 'The hacker renews the refresh token it got', do: attack('stolen-refresh-token', 'fails'), lights: [66, 67], proves: ['the-hackers-refresh-token-dies-with-the-family'] },
  { says: 'The injected script gets tokens of its own', do: attack('xss-acquire', 'succeeds'), lights: range(68, 79), proves: ['a-script-gets-a-login-of-its-own'] },
  { says: 'The injected script drives the app', do: attack('xss-proxy', 'succeeds'), lights: range(80, 83), proves: ['a-script-can-use-the-app-while-the-page-is-open'] },
  { says: 'The refresh token expires, and the identity provider’s session with it; reload the cart', do: all(jump('refresh-token-expires'), press('Reload cart')), lights: range(35, 38), shows: text(/session has ended/i) },
  { says: 'Log in again: the identity provider asks for the password', do: follow('Log in'), lights: [39, 8, 9], shows: (app) => app.getByRole('button', { name: 'Sign in' }) },
  { says: "Sign in on the identity provider's page", do: signInAtIdp(), lights: range(10, 17), shows: heading(/shopping cart/i) },
  { says: 'Log out', do: press('Log out'), lights: [...range(40, 43), ...range(1, 6)], shows: link('Log in'), check: async (walk) => expect(await storeCookies(walk)).toEqual([]) },
]);
