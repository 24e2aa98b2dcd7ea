/** Web app, native form to the backend, JWT and refresh token in host-only cookies. */
import { expect } from '@playwright/test';
import { FORUMS, STORE } from '../../demo/live-lab.ts';
import { changed, checks, hostOnlyHttpOnly, noCookies, remember, storedCookie } from '../assertions.ts';
import { all, attack, defineWalkthrough, follow, heading, jump, link, logIn, open, probe, range, start, text, type Walk } from '../walkthrough.ts';

/** The trace lists exchanges in the order they started, the Store's call to the identity provider right after the post that caused it. */
async function traceInStartOrder({ lab }: Walk): Promise<void> {
  await expect(lab.traceSummaries()).toHaveText([
    /^steps 1, 2 Browser → Store GET store\.example\.localhost:4400\/ 200$/,
    /^steps 3, 4 Browser → Store GET store\.example\.localhost:4400\/login 200$/,
    /^steps 5, 8 Browser → Store POST store\.example\.localhost:4400\/login 302$/,
    /^↳ steps 6, 7 Store → IdP POST \S+\/api\/login 200$/,
    /^steps 9, 10 Browser → Store GET store\.example\.localhost:4400\/shopping-cart 200$/,
  ]);
  const [post, call] = [lab.dialog.locator('.trace > li').nth(2), lab.dialog.locator('.trace > li').nth(3)];
  expect(await call.getAttribute('data-caused-by')).toBe(await post.getAttribute('data-exchange'));
}

/** The clock moved the servers' time only: the browser still holds both cookies, and the jar marks them expired on the run's clock. */
async function jarKeepsExpiredCookies(walk: Walk): Promise<void> {
  const jar = walk.lab.jarOf(STORE);
  expect(await storedCookie(walk, STORE, 'refresh_token')).toBeDefined();
  expect(await storedCookie(walk, STORE, 'access_token')).toBeDefined();
  await expect(jar.locator('[data-cookie="refresh_token"]')).toHaveAttribute('data-expired', '');
  await expect(jar.locator('[data-cookie="refresh_token"]')).toContainText("expired on the run's clock");
  await expect(jar.locator('[data-cookie="access_token"]')).toContainText(/JWT expired .* ago/);
}

export default defineWalkthrough('webapp/native-form-to-backend-jwt-refresh-cookies', [
  { says: 'The lab opens the Store', do: start(), lights: [1, 2], shows: link('Log in') },
  { says: 'Follow "Log in"', do: follow('Log in'), lights: [3, 4] },
  {
    says: 'Log in',
    do: logIn(),
    lights: range(5, 10),
    shows: heading(/shopping cart/i),
    check: checks(traceInStartOrder, hostOnlyHttpOnly(STORE, 'access_token', 'refresh_token'), noCookies(FORUMS, 'access_token', 'refresh_token'), remember('first JWT', STORE, 'access_token')),
    proves: ['cookies-stay-on-the-store'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), proves: ['page-script-reads-no-token'] },
  { says: 'Go back to the home page, which knows the user', do: open('store'), lights: [1, 2], shows: text(/signed in as/i) },
  { says: 'Follow "Shopping cart"', do: follow('Shopping cart'), lights: [9, 10], shows: heading(/shopping cart/i) },
  { says: 'The JWT expires; reload the cart', do: all(jump('jwt-expires'), follow(/reload/i)), lights: range(11, 14), shows: heading(/shopping cart/i), check: changed('first JWT', STORE, 'access_token') },
  { says: 'The JWT expires again; the home page renews it', do: all(jump('jwt-expires'), open('store')), lights: [1, 12, 13, 2], shows: text(/signed in as/i) },
  { says: 'Follow "Shopping cart"', do: follow('Shopping cart'), lights: [9, 10] },
  { says: 'The refresh token expires', do: jump('refresh-token-expires'), check: jarKeepsExpiredCookies },
  { says: 'Reload the cart: back to the login form', do: follow(/reload/i), lights: [...range(15, 19), 3, 4], shows: (app) => app.getByRole('button', { name: 'Log in' }) },
  { says: 'Log in again', do: logIn(), lights: range(5, 10) },
  { says: 'Open the Forums: they know nobody', do: open('forums'), lights: [20, 21], shows: link('Log in'), proves: ['no-sso'] },
  { says: 'Follow "Log in" on the Forums', do: follow('Log in'), lights: [22, 23] },
  { says: 'Log in to the Forums', do: logIn(), lights: range(24, 29), shows: heading(/posts/i), check: hostOnlyHttpOnly(FORUMS, 'access_token') },
  { says: 'The hacker replays the stolen refresh token', do: attack('stolen-refresh-token', 'succeeds'), lights: range(30, 33), proves: ['store-refreshes-a-stolen-refresh-token'] },
  { says: 'The hacker replays the stolen JWT', do: attack('stolen-jwt', 'succeeds'), lights: [34, 35] },
  { says: 'The JWT expires: the stolen JWT stops working', do: all(jump('jwt-expires'), attack('stolen-jwt', 'fails')), lights: [34, 35], fails: [35], proves: ['stolen-jwt-lasts-until-it-expires'] },
  { says: 'The stolen refresh token still buys a fresh JWT', do: attack('stolen-refresh-token', 'succeeds'), lights: range(30, 33) },
  { says: 'The refresh token expires: it stops working too', do: all(jump('refresh-token-expires'), attack('stolen-refresh-token', 'fails')), lights: range(30, 33), fails: [32, 33] },
]);
