/**
 * The web-app server-session workflow, run from its article as a reader would, every step:
 * what the app shows, what the trace records, which arrows light up in order, and the
 * article's claims about the session cookie, expiry, logout and a stolen session id.
 */
import { expect, test, type BrowserContext } from '@playwright/test';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/webapp/native-form-to-backend-session/';
const sessionCookie = async (context: BrowserContext, origin: string) => (await context.cookies(origin)).find((c) => c.name === 'SessionId');

test('every step of the server-session workflow runs for real and lights its arrow', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);
  await expect(lab.dialog.locator('[data-jump]')).toHaveText(['The session expires now']);

  // Steps 1–2: the Store's home page.
  await expect(lab.app.getByRole('link', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2]);

  // Steps 3–10: the login form, posted to the Store, which logs in and starts a server session.
  await lab.logInThroughForm(3, /shopping cart/i);
  await expect(lab.traceLine(7)).toContainText('Store → IdP');
  await lab.traceLine(8).click();
  const setCookies = lab.traceEntry(8).locator('table.set-cookie tr');
  await expect(setCookies.filter({ hasText: 'SessionId' })).toContainText('host-only');
  await expect(setCookies.filter({ hasText: 'SessionId' }).locator('td').nth(3)).toHaveText('yes'); // HttpOnly
  await expect(setCookies.filter({ hasText: /access_token|refresh_token/ })).toHaveCount(0);

  // The article's claims: only a random id reaches the browser, host-only and HttpOnly; no token at all.
  const first = await sessionCookie(context, STORE);
  expect(first?.httpOnly).toBe(true);
  expect(first?.domain).toBe('store.example.localhost');
  expect(Buffer.from(first!.value, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  expect((await context.cookies()).map((c) => c.name)).not.toEqual(expect.arrayContaining(['access_token']));
  expect((await context.cookies()).map((c) => c.name)).not.toEqual(expect.arrayContaining(['refresh_token']));
  expect(await sessionCookie(context, FORUMS)).toBeUndefined();
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

  // Steps 26–27: a copied session id works from the hacker's client while the session lives…
  expect(await lab.attack(/stolen session id/i)).toBe(true);
  await lab.expectLit([26, 27]);
  await expect(lab.traceLine(27)).toContainText('Hacker → Store');

  // Steps 11–13: the session expires on the server; the user is sent to the login form and the stale cookie is cleared.
  await lab.jump(/session expires now/i);
  await lab.app.getByRole('link', { name: /reload/i }).click();
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([11, 12, 13, 3, 4]);
  await expect(lab.traceLine(12).locator('.trace-status')).toHaveText('302');
  expect(await sessionCookie(context, STORE)).toBeUndefined();
  // The copied id has expired with it.
  expect(await lab.attack(/stolen session id/i)).toBe(false);
  await lab.expectLit([26, 27]);
  await expect(lab.arrow(27)).toHaveClass(/is-live-failed/);
  await lab.logIn();
  await lab.expectLit(range(5, 10));
  const second = await sessionCookie(context, STORE);
  expect(second?.value).not.toBe(first!.value);

  // Steps 14–23: the Forums need a login of their own (no SSO) and keep their own session on their host.
  await lab.go(`${FORUMS}/`);
  await lab.expectLit([14, 15]);
  await lab.logInThroughForm(16, /posts/i);
  const forums = await sessionCookie(context, FORUMS);
  expect(forums?.domain).toBe('forums.example.localhost');
  expect(forums?.value).not.toBe(second!.value);

  // Steps 24–25: logging out of the Store deletes its session; the copied id is refused at once.
  await lab.go(`${STORE}/shopping-cart`);
  await lab.expectLit([9, 10]);
  await lab.app.getByRole('button', { name: 'Log out' }).click();
  await expect(lab.app.getByRole('link', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([24, 25, 1, 2]);
  expect(await sessionCookie(context, STORE)).toBeUndefined();
  expect(await lab.attack(/stolen session id/i)).toBe(false);
  await lab.expectLit([26, 27]);
  await expect(lab.arrow(27)).toHaveClass(/is-live-failed/);
  // The Forums' session is its own and lives on.
  expect((await sessionCookie(context, FORUMS))?.value).toBe(forums!.value);

  // A login never keeps the id the browser brought: logging in again over a live session replaces and revokes it.
  await lab.go(`${STORE}/login`);
  await lab.logIn();
  await expect(lab.app.getByRole('heading', { name: /shopping cart/i })).toBeVisible();
  const before = (await sessionCookie(context, STORE))!;
  await lab.go(`${STORE}/login`);
  await lab.logIn();
  await expect(lab.app.getByRole('heading', { name: /shopping cart/i })).toBeVisible();
  expect((await sessionCookie(context, STORE))?.value).not.toBe(before.value);
  await context.addCookies([before]);
  await lab.go(`${STORE}/shopping-cart`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
});
