/**
 * The SPA that logs in through its own backend, with a server session renewed from a refresh token
 * cookie, run from its article as a reader would, every step, with the article's claims checked.
 */
import { expect, test } from '@playwright/test';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/spa/native-form-to-backend-session-refresh-token/';

test('every step of the SPA session + refresh token workflow runs for real and lights its arrow', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);
  await expect(lab.dialog.locator('[data-jump]')).toHaveText(['The session expires now', 'The refresh token expires now']);

  // Steps 1–11: the SPA loads, the form goes to the backend, which starts a session and sets the refresh token cookie.
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit(range(5, 11));
  await expect(lab.traceEntry(9)).not.toContainText('refreshToken');
  const session = await lab.cookie(STORE, 'SessionId');
  const refreshToken = await lab.cookie(STORE, 'refresh_token');
  for (const stored of [session, refreshToken]) {
    expect(stored?.httpOnly).toBe(true);
    expect(stored?.domain).toBe('store.example.localhost');
  }
  expect(Buffer.from(session!.value, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  expect((await context.cookies()).map((c) => c.name)).not.toContain('access_token');
  const probe = await lab.probe();
  expect(probe).toContain('(empty string)');
  expect(probe).toContain('No token is visible');

  // A reload while logged in: "who is logged in?" answers 200 (a branch the diagram does not draw), then the cart.
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, 10, 11]);
  await lab.expectNoFailedArrow();

  // Steps 48–49: a copied session id opens the API while the session lives.
  expect(await lab.attack(/stolen session id/i)).toBe(true);
  await lab.expectLit([48, 49]);

  // Steps 12–19: the session expires; the API answers 401, the SPA asks for a renewal and gets a new session id.
  await lab.jump(/session expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await lab.expectLit(range(12, 19));
  await expect(lab.traceLine(13).locator('.trace-status')).toHaveText('401');
  expect((await lab.cookie(STORE, 'SessionId'))?.value).not.toBe(session!.value);
  expect((await lab.cookie(STORE, 'refresh_token'))?.value).toBe(refreshToken!.value);

  // The same after a page reload: "who is logged in?" answers 401 for the dead session and the SPA renews it.
  await lab.jump(/session expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, ...range(14, 19)]);
  await expect(lab.traceEntry(3).locator('.trace-status')).toHaveText('401');
  await lab.expectNoFailedArrow();

  // Steps 42–47: a stolen refresh token gets the hacker a session of their own.
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.expectLit(range(42, 47));
  await expect(lab.traceLine(45)).toContainText('Hacker → Store');

  // Steps 20–26: the refresh token expires; the renewal is refused, the cookies go and the form returns.
  await lab.jump(/refresh token expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit(range(20, 25));
  await expect(lab.traceLine(24).locator('.trace-status')).toHaveText('400');
  expect(await lab.cookie(STORE, 'SessionId')).toBeUndefined();
  expect(await lab.cookie(STORE, 'refresh_token')).toBeUndefined();
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([26, ...range(6, 11)]);

  // A page reload once the refresh token has expired takes the diagram's 401 path, which clears the cookies.
  await lab.jump(/refresh token expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, ...range(22, 25)]);
  expect(await lab.cookie(STORE, 'SessionId')).toBeUndefined();
  await lab.expectNoFailedArrow();
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([26, ...range(6, 11)]);

  // Steps 38–41: logging out deletes the session and revokes the refresh token; neither stolen cookie works after.
  await lab.app.getByRole('button', { name: 'Log out' }).click();
  await expect(lab.app.getByText(/logged out/i)).toBeVisible();
  await lab.expectLit(range(38, 41));
  await expect(lab.traceLine(40)).toContainText('Store → IdP DELETE');
  expect(await lab.cookie(STORE, 'refresh_token')).toBeUndefined();
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
  await lab.expectLit(range(42, 45));
  await expect(lab.arrow(44)).toHaveClass(/is-live-failed/);
  expect(await lab.attack(/stolen session id/i)).toBe(false);
  await lab.expectLit([48, 49]);
  await expect(lab.arrow(49)).toHaveClass(/is-live-failed/);

  // Steps 27–37: the Forums need their own login (no SSO); their cookies stay on their host.
  await lab.go(`${FORUMS}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit(range(27, 30));
  await lab.logIn();
  await expect(lab.app.getByText(/signed in as/i)).toBeVisible();
  await lab.expectLit(range(31, 37));
  expect((await lab.cookie(FORUMS, 'refresh_token'))?.domain).toBe('forums.example.localhost');

  // A new Store login's refresh token works for the hacker until it expires.
  await lab.go(`${STORE}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);
  await lab.logIn();
  await lab.expectLit(range(5, 11));
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.expectLit(range(42, 47));
  await lab.jump(/refresh token expires now/i);
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
});
