/**
 * The SPA that logs in through its own backend and is remembered by a server session, run from
 * its article as a reader would, every step, with the article's claims checked in the browser.
 */
import { expect, test } from '@playwright/test';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/spa/native-form-to-backend-session/';

test('every step of the SPA server-session workflow runs for real and lights its arrow', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);
  await expect(lab.dialog.locator('[data-jump]')).toHaveText(['The session expires now']);

  // Steps 1–11: the SPA loads, nobody is logged in, the form goes to the backend, which starts a session.
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit(range(5, 11));
  await expect(lab.traceEntry(8)).toContainText('refreshToken');
  await expect(lab.traceEntry(9)).not.toContainText('refreshToken');
  const first = await lab.cookie(STORE, 'SessionId');
  expect(first?.httpOnly).toBe(true);
  expect(first?.domain).toBe('store.example.localhost');
  expect(Buffer.from(first!.value, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  expect((await context.cookies()).map((c) => c.name)).not.toEqual(expect.arrayContaining(['access_token']));
  expect(await lab.cookie(FORUMS, 'SessionId')).toBeUndefined();
  const probe = await lab.probe();
  expect(probe).toContain('(empty string)');
  expect(probe).toContain('No token is visible');

  // A reload while logged in: "who is logged in?" answers 200 (a branch the diagram does not draw), then the cart.
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, 10, 11]);
  await lab.expectNoFailedArrow();

  // Steps 28–29: a copied session id opens the Store's API from the hacker's client.
  expect(await lab.attack(/stolen session id/i)).toBe(true);
  await lab.expectLit([28, 29]);
  await expect(lab.traceLine(29)).toContainText('Hacker → Store');

  // Steps 12–14: the session expires on the server; the API answers 401 and the SPA asks for a new login.
  await lab.jump(/session expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit([12, 13]);
  await expect(lab.traceLine(13).locator('.trace-status')).toHaveText('401');
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([14, ...range(6, 11)]);
  expect((await lab.cookie(STORE, 'SessionId'))?.value).not.toBe(first!.value);

  // A page reload after the session expired: "who is logged in?" answers 401, and with nothing to renew it the form returns.
  await lab.jump(/session expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit([1, 2, 3]);
  await expect(lab.traceEntry(3).locator('.trace-status')).toHaveText('401');
  await lab.expectNoFailedArrow();
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit(range(6, 11));

  // Steps 26–27: logging out deletes the session; the copied id is refused at once.
  await lab.app.getByRole('button', { name: 'Log out' }).click();
  await expect(lab.app.getByText(/logged out/i)).toBeVisible();
  await lab.expectLit([26, 27]);
  expect(await lab.cookie(STORE, 'SessionId')).toBeUndefined();
  expect(await lab.attack(/stolen session id/i)).toBe(false);
  await lab.expectLit([28, 29]);
  await expect(lab.arrow(29)).toHaveClass(/is-live-failed/);

  // Steps 15–25: the Forums need their own login (no SSO) and keep their own session on their host.
  await lab.go(`${FORUMS}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit(range(15, 18));
  await lab.logIn();
  await expect(lab.app.getByText(/signed in as/i)).toBeVisible();
  await lab.expectLit(range(19, 25));
  expect((await lab.cookie(FORUMS, 'SessionId'))?.domain).toBe('forums.example.localhost');

  // A fresh Store session works for the hacker until it expires on the server.
  await lab.go(`${STORE}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);
  await lab.logIn();
  await lab.expectLit(range(5, 11));
  expect(await lab.attack(/stolen session id/i)).toBe(true);
  await lab.expectLit([28, 29]);
  await lab.jump(/session expires now/i);
  expect(await lab.attack(/stolen session id/i)).toBe(false);
  await expect(lab.arrow(29)).toHaveClass(/is-live-failed/);
});
