/**
 * The web-app workflow with a server session and a refresh token cookie, run from its article as a
 * reader would, every step: what the app shows, which arrows light up in order, and the article's
 * claims about the cookies, the renewed session, logout and both stolen cookies.
 */
import { expect, test } from '@playwright/test';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/webapp/native-form-to-backend-session-refresh-token/';

test('every step of the session + refresh token workflow runs for real and lights its arrow', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);
  await expect(lab.dialog.locator('[data-jump]')).toHaveText(['The session expires now', 'The refresh token expires now']);

  // Steps 1–10: home page, login form, login through the Store, the cart.
  await expect(lab.app.getByRole('link', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2]);
  await lab.logInThroughForm(3, /shopping cart/i);
  await lab.traceLine(8).click();
  for (const name of ['SessionId', 'refresh_token']) {
    const row = lab.traceEntry(8).locator('table.set-cookie tr', { hasText: name });
    await expect(row).toContainText('host-only');
    await expect(row.locator('td').nth(3)).toHaveText('yes'); // HttpOnly
  }

  // The article's claims: two HttpOnly host-only cookies, no JWT in the browser, nothing for page script.
  const session = await lab.cookie(STORE, 'SessionId');
  const refreshToken = await lab.cookie(STORE, 'refresh_token');
  for (const stored of [session, refreshToken]) {
    expect(stored?.httpOnly).toBe(true);
    expect(stored?.domain).toBe('store.example.localhost');
  }
  expect(Buffer.from(session!.value, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  expect((await context.cookies()).map((c) => c.name)).not.toContain('access_token');
  expect(await lab.cookie(FORUMS, 'refresh_token')).toBeUndefined();
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

  // Steps 38–39: a stolen session id opens the cart while the session lives.
  expect(await lab.attack(/stolen session id/i)).toBe(true);
  await lab.expectLit([38, 39]);

  // Steps 11–14: the session expires; the Store renews it from the refresh token, with a new id.
  await lab.jump(/session expires now/i);
  await lab.app.getByRole('link', { name: /reload/i }).click();
  await expect(lab.app.getByRole('heading', { name: /shopping cart/i })).toBeVisible();
  await lab.expectLit(range(11, 14));
  await expect(lab.traceLine(13).locator('.trace-status')).toHaveText('200');
  const renewed = await lab.cookie(STORE, 'SessionId');
  expect(renewed?.value).not.toBe(session!.value);
  expect((await lab.cookie(STORE, 'refresh_token'))?.value).toBe(refreshToken!.value);

  // Steps 34–37: a stolen refresh token gets the hacker a session of their own.
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.expectLit(range(34, 37));
  await expect(lab.traceLine(37)).toContainText('Hacker → Store');

  // Steps 15–19: the refresh token expires too; the identity provider refuses it and the user logs in again.
  await lab.jump(/refresh token expires now/i);
  await lab.app.getByRole('link', { name: /reload/i }).click();
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([...range(15, 18), 19, 3, 4]);
  await expect(lab.traceLine(17).locator('.trace-status')).toHaveText('400');
  expect(await lab.cookie(STORE, 'SessionId')).toBeUndefined();
  expect(await lab.cookie(STORE, 'refresh_token')).toBeUndefined();
  // Both stolen cookies have expired with them.
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
  await lab.expectLit(range(34, 37));
  await expect(lab.arrow(37)).toHaveClass(/is-live-failed/);
  expect(await lab.attack(/stolen session id/i)).toBe(false);
  await lab.expectLit([38, 39]);
  await expect(lab.arrow(39)).toHaveClass(/is-live-failed/);
  await lab.logIn();
  await lab.expectLit(range(5, 10));

  // Steps 20–29: the Forums need a login of their own (no SSO); their cookies stay on their host.
  await lab.go(`${FORUMS}/`);
  await lab.expectLit([20, 21]);
  await lab.logInThroughForm(22, /posts/i);
  expect((await lab.cookie(FORUMS, 'SessionId'))?.domain).toBe('forums.example.localhost');

  // Steps 30–33: logging out deletes the session and revokes the refresh token, so neither stolen cookie works any more.
  await lab.go(`${STORE}/shopping-cart`);
  await lab.expectLit([9, 10]);
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.expectLit(range(34, 37));
  await lab.app.getByRole('button', { name: 'Log out' }).click();
  await expect(lab.app.getByRole('link', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([...range(30, 33), 1, 2]);
  await expect(lab.traceLine(32)).toContainText('Store → IdP DELETE');
  await expect(lab.traceLine(32).locator('.trace-status')).toHaveText('200');
  expect(await lab.cookie(STORE, 'SessionId')).toBeUndefined();
  expect(await lab.cookie(STORE, 'refresh_token')).toBeUndefined();
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
  await lab.expectLit(range(34, 37));
  await expect(lab.traceEntry(36).locator('.trace-status')).toHaveText('400');
  expect(await lab.attack(/stolen session id/i)).toBe(false);
  await lab.expectLit([38, 39]);
});
