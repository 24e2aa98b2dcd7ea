/**
 * The web-app seed workflow, run from its article as a reader would, every step:
 * what the app shows, what the trace records, and which arrows light up, in order.
 */
import { expect, test } from '@playwright/test';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/webapp/native-form-to-backend-jwt-refresh-cookies/';

test('every step of the web-app workflow runs for real and lights its arrow', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);

  // Steps 1–2: the Store's home page.
  await expect(lab.app.getByRole('link', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2]);
  await expect(lab.traceLine(2)).toContainText('Browser → Store');
  await expect(lab.traceLine(2).locator('.trace-status')).toHaveText('200');

  // Steps 3–10: the login form, posted to the Store, which logs in through the identity provider.
  await lab.logInThroughForm(3, /shopping cart/i);
  // The trace lists exchanges in the order they started, the Store's call to the identity provider
  // right after the login post that caused it; each entry names its request's and its answer's arrows.
  await expect(lab.traceSummaries()).toHaveText([
    /^steps 1, 2 Browser → Store GET store\.example\.localhost:4400\/ 200$/,
    /^steps 3, 4 Browser → Store GET store\.example\.localhost:4400\/login 200$/,
    /^steps 5, 8 Browser → Store POST store\.example\.localhost:4400\/login 302$/,
    /^↳ steps 6, 7 Store → IdP POST \S+\/api\/login 200$/,
    /^steps 9, 10 Browser → Store GET store\.example\.localhost:4400\/shopping-cart 200$/,
  ]);
  const [post, call] = [lab.dialog.locator('.trace > li').nth(2), lab.dialog.locator('.trace > li').nth(3)];
  expect(await call.getAttribute('data-caused-by')).toBe(await post.getAttribute('data-exchange'));
  await expect(lab.traceLine(7)).toContainText('Store → IdP');
  await expect(lab.traceLine(7)).toContainText('/api/login');
  const loginResponse = lab.traceEntry(8);
  await expect(loginResponse.locator('.trace-status')).toHaveText('302');
  await lab.traceLine(8).click();
  const accessRow = loginResponse.locator('table.set-cookie tr', { hasText: 'access_token' });
  await expect(accessRow).toContainText('host-only');
  await expect(accessRow.locator('td').nth(3)).toHaveText('yes'); // HttpOnly

  // The article's claims: host-only HttpOnly cookies that page script cannot read.
  const storeCookies = await context.cookies(STORE);
  for (const name of ['access_token', 'refresh_token']) {
    const cookie = storeCookies.find((c) => c.name === name);
    expect(cookie, name).toBeDefined();
    expect(cookie!.httpOnly, `${name} is HttpOnly`).toBe(true);
    expect(cookie!.domain, `${name} is host-only`).toBe('store.example.localhost');
  }
  expect((await context.cookies(FORUMS)).map((c) => c.name)).not.toContain('access_token');
  const probe = await lab.probe();
  expect(probe).toContain('(empty string)');
  expect(probe).toContain('No token is visible');

  // The home page knows the live login: it names the user and leads to the cart, not to the login form.
  await lab.go(`${STORE}/`);
  await expect(lab.app.getByText(`Signed in as ${(await lab.credentials()).email}`)).toBeVisible();
  await expect(lab.app.getByRole('link', { name: 'Log in' })).toHaveCount(0);
  await lab.expectLit([1, 2]);
  await lab.app.getByRole('link', { name: 'Shopping cart' }).click();
  await expect(lab.app.getByRole('heading', { name: /shopping cart/i })).toBeVisible();
  await lab.expectLit([9, 10]);
  await lab.expectNoFailedArrow();

  // Steps 11–14: the JWT expires; the Store refreshes it with the refresh token and sets a new cookie.
  const oldJwt = storeCookies.find((c) => c.name === 'access_token')!.value;
  await lab.jump(/JWT expires now/i);
  await lab.app.getByRole('link', { name: /reload/i }).click();
  await lab.expectLit(range(11, 14));
  await expect(lab.traceLine(13).locator('.trace-status')).toHaveText('200');
  const newJwt = (await context.cookies(STORE)).find((c) => c.name === 'access_token')!.value;
  expect(newJwt).not.toBe(oldJwt);
  await expect(lab.app.getByRole('heading', { name: /shopping cart/i })).toBeVisible();

  // After the JWT expires again, the home page renews it through the identity provider and still knows the user.
  await lab.jump(/JWT expires now/i);
  await lab.go(`${STORE}/`);
  await expect(lab.app.getByText(/signed in as/i)).toBeVisible();
  await lab.expectLit([1, 12, 13, 2]);
  await lab.app.getByRole('link', { name: 'Shopping cart' }).click();
  await lab.expectLit([9, 10]);
  await lab.expectNoFailedArrow();

  // Steps 15–19: the refresh token expires too; the identity provider refuses it and the Store sends the user to log in.
  const storeJar = lab.jarOf(STORE);
  await expect(storeJar.locator('[data-cookie="refresh_token"]')).not.toHaveAttribute('data-expired');
  await lab.jump(/refresh token expires now/i);
  // The demo clock moved the servers' time only: the browser still holds both cookies, and the jar
  // keeps them, marked expired on the run's clock (the JWT in access_token has expired too).
  expect(await lab.cookie(STORE, 'refresh_token')).toBeDefined();
  await expect(storeJar.locator('[data-cookie="refresh_token"]')).toHaveAttribute('data-expired', '');
  await expect(storeJar.locator('[data-cookie="refresh_token"]')).toContainText("expired on the run's clock");
  expect(await lab.cookie(STORE, 'access_token')).toBeDefined();
  await expect(storeJar.locator('[data-cookie="access_token"]')).toContainText(/JWT expired .* ago/);
  await lab.app.getByRole('link', { name: /reload/i }).click();
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([...range(15, 18), 19, 3, 4]);
  await expect(lab.traceLine(17).locator('.trace-status')).toHaveText('400');
  await expect(lab.arrow(17)).not.toHaveClass(/is-live-failed/);
  await lab.logIn();
  await lab.expectLit(range(5, 10));

  // Steps 20–29: the Forums need a login of their own (no SSO); their cookies stay on their host.
  await lab.go(`${FORUMS}/`);
  await lab.expectLit([20, 21]);
  await lab.logInThroughForm(22, /posts/i);
  const forumsJwt = (await context.cookies(FORUMS)).find((c) => c.name === 'access_token');
  expect(forumsJwt?.domain).toBe('forums.example.localhost');

  // Steps 30–35: the hacker, with no browser, replays the stolen refresh token and then the stolen JWT.
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.expectLit(range(30, 33));
  await expect(lab.traceLine(33)).toContainText('Hacker → Store');
  expect(await lab.attack(/stolen JWT/i)).toBe(true);
  await lab.expectLit([34, 35]);

  // …until the JWT expires (the stolen JWT stops working) and the refresh token expires (so does it).
  await lab.jump(/JWT expires now/i);
  expect(await lab.attack(/stolen JWT/i)).toBe(false);
  await expect(lab.arrow(35)).toHaveClass(/is-live-failed/);
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.jump(/refresh token expires now/i);
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
});
