/**
 * The SPA that logs in through its own backend (JWT and refresh token in host-only cookies), run
 * from its article as a reader would, every step, with the article's claims checked in the browser.
 */
import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/spa/native-form-to-backend-jwt-refresh-cookies/';

test('every step of the SPA-to-backend workflow runs for real and lights its arrow', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);

  // Steps 1–5: the SPA loads, asks who is logged in (nobody: 404) and shows its form.
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);

  // Steps 6–11: the form goes to the Store's backend, which logs in at the identity provider and sets host-only cookies.
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit(range(5, 11));
  await expect(lab.traceLine(8)).toContainText('Store → IdP');
  await lab.traceLine(9).click();
  await expect(lab.traceEntry(9).locator('.trace-status')).toHaveText('200');
  // The identity provider's answer to the backend holds the tokens; the backend's answer to the browser holds the user only.
  await expect(lab.traceEntry(8)).toContainText('refreshToken');
  await expect(lab.traceEntry(9)).toContainText('"email"');
  await expect(lab.traceEntry(9)).not.toContainText('refreshToken');
  const jwt = await lab.cookie(STORE, 'access_token');
  for (const stored of [jwt, await lab.cookie(STORE, 'refresh_token')]) {
    expect(stored?.httpOnly).toBe(true);
    expect(stored?.domain).toBe('store.example.localhost');
  }
  expect(await lab.cookie(FORUMS, 'access_token')).toBeUndefined();
  expect((await context.cookies()).filter((c) => c.domain.includes('login.'))).toEqual([]);
  const probe = await lab.probe();
  expect(probe).toContain('(empty string)');
  expect(probe).toContain('No token is visible');

  // A reload while logged in: "who is logged in?" answers 200 (a branch the diagram does not draw), then the cart.
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, 10, 11]);
  await lab.expectNoFailedArrow();

  // Steps 12–19: the JWT expires; the API answers 401, the SPA asks its backend to refresh and retries.
  await lab.jump(/JWT expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await lab.expectLit(range(12, 19));
  await expect(lab.traceLine(13).locator('.trace-status')).toHaveText('401');
  expect((await lab.cookie(STORE, 'access_token'))?.value).not.toBe(jwt?.value);

  // The same after a page reload: "who is logged in?" answers 401 for the lapsed login and the SPA refreshes it.
  await lab.jump(/JWT expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, ...range(14, 19)]);
  await expect(lab.traceEntry(3).locator('.trace-status')).toHaveText('401');
  await lab.expectNoFailedArrow();

  // Steps 20–26: the refresh token expires; the backend's refresh is refused, the cookies go and the form returns.
  await lab.jump(/refresh token expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit(range(20, 25));
  await expect(lab.traceLine(24).locator('.trace-status')).toHaveText('400');
  await expect(lab.traceLine(25).locator('.trace-status')).toHaveText('401');
  expect(await lab.cookie(STORE, 'refresh_token')).toBeUndefined();
  await lab.logIn();
  await lab.expectLit([26, ...range(6, 11)]);

  // A page reload once the refresh token has expired takes the diagram's 401 path, which clears the cookies.
  await lab.jump(/refresh token expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, ...range(22, 25)]);
  expect(await lab.cookie(STORE, 'refresh_token')).toBeUndefined();
  await lab.expectNoFailedArrow();
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([26, ...range(6, 11)]);

  // Steps 27–37: the Forums need their own login (no SSO), and their cookies leave the Store's alone.
  const storeJwt = (await lab.cookie(STORE, 'access_token'))!.value;
  await lab.go(`${FORUMS}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit(range(27, 30));
  await lab.logIn();
  await expect(lab.app.getByText(/signed in as/i)).toBeVisible();
  await lab.expectLit(range(31, 37));
  expect((await lab.cookie(FORUMS, 'access_token'))?.domain).toBe('forums.example.localhost');
  expect((await lab.cookie(STORE, 'access_token'))?.value).toBe(storeJwt);
  expect(decodeJwt(storeJwt).aud).not.toBe(decodeJwt((await lab.cookie(FORUMS, 'access_token'))!.value).aud);

  // Steps 38–45: the hacker has the Store's backend refresh a stolen refresh token, then replays the JWTs.
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.expectLit(range(38, 43));
  await expect(lab.traceLine(41)).toContainText('Hacker → Store');
  expect(await lab.attack(/stolen JWT/i)).toBe(true);
  await lab.expectLit([44, 45]);

  // They stop working when the article says they do.
  await lab.jump(/JWT expires now/i);
  expect(await lab.attack(/stolen JWT/i)).toBe(false);
  await expect(lab.arrow(45)).toHaveClass(/is-live-failed/);
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.jump(/refresh token expires now/i);
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
});
