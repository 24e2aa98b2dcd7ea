/**
 * The SPA seed workflow (login form posting straight to the identity provider on the
 * parent domain), run from its article as a reader would, every step.
 */
import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/spa/native-form-to-idp-same-domain-jwt-refresh-cookies/';

test('every step of the SPA workflow runs for real and lights its arrow', async ({ page }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);

  // Steps 1–5: the SPA loads, asks who is logged in (nobody: 404) and shows its form.
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);
  await expect(lab.traceLine(4).locator('.trace-status')).toHaveText('404');

  // Steps 6–9: the SPA posts the form to the identity provider, whose cookies cover the parent domain.
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([5, 6, 7, 8, 9]);
  await expect(lab.traceLine(7)).toContainText('Browser → IdP');
  const storeJwt = await lab.cookie(STORE, 'access_token');
  expect(storeJwt?.domain).toBe('.example.localhost');
  expect(storeJwt?.httpOnly).toBe(true);
  expect((await lab.cookie(STORE, 'refresh_token'))?.domain).toBe('.example.localhost');
  const probe = await lab.probe();
  expect(probe).toContain('(empty string)');
  expect(probe).toContain('No token is visible');

  // A reload while logged in: "who is logged in?" answers 200 (a branch the diagram does not draw), then the cart.
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, 8, 9]);
  await expect(lab.traceEntry(3).locator('.trace-status')).toHaveText('200');
  await lab.expectNoFailedArrow();

  // Steps 10–15: the JWT expires; the Store answers 401, the SPA refreshes at the identity provider and retries.
  await lab.jump(/JWT expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await lab.expectLit(range(10, 15));
  await expect(lab.traceLine(11).locator('.trace-status')).toHaveText('401');
  expect((await lab.cookie(STORE, 'access_token'))?.value).not.toBe(storeJwt?.value);

  // The same after a page reload: the Store answers 401 for the lapsed login and the SPA refreshes it.
  await lab.jump(/JWT expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, ...range(12, 15)]);
  await expect(lab.traceEntry(3).locator('.trace-status')).toHaveText('401');
  await lab.expectNoFailedArrow();

  // Steps 16–20: the refresh token expires; the refresh is refused and the login form comes back.
  await lab.jump(/refresh token expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit(range(16, 19));
  await expect(lab.traceLine(19).locator('.trace-status')).toHaveText('400');
  await lab.logIn();
  await lab.expectLit([20, 6, 7, 8, 9]);

  // A page reload once the refresh token has expired takes the same way back to the login form.
  await lab.jump(/refresh token expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, 18, 19]);
  await lab.expectNoFailedArrow();
  await lab.logIn();
  await lab.expectLit([20, 6, 7, 8, 9]);

  // Steps 21–30: logging in to the Forums overwrites the Store's cookies on the shared parent domain.
  const beforeForums = (await lab.cookie(STORE, 'access_token'))!.value;
  await lab.go(`${FORUMS}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([21, 22, 23, 24]);
  await lab.logIn();
  await expect(lab.app.getByText(/signed in as/i)).toBeVisible();
  await lab.expectLit(range(25, 30));
  const afterForums = (await lab.cookie(STORE, 'access_token'))!.value;
  expect(afterForums).not.toBe(beforeForums);
  expect(decodeJwt(afterForums).aud).not.toBe(decodeJwt(beforeForums).aud);

  // …so the Store, handed the Forums' token, no longer knows the user.
  await lab.go(`${STORE}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);
  await lab.logIn();
  await lab.expectLit([5, 6, 7, 8, 9]);

  // Steps 31–36: the hacker replays the stolen refresh token at the identity provider, then uses the JWTs.
  expect(await lab.attack(/stolen refresh token/i)).toBe(true);
  await lab.expectLit(range(31, 34));
  await expect(lab.traceLine(32)).toContainText('Hacker → IdP');
  expect(await lab.attack(/stolen JWT/i)).toBe(true);
  await lab.expectLit([35, 36]);

  // They stop working when the article says they do.
  await lab.jump(/JWT expires now/i);
  expect(await lab.attack(/stolen JWT/i)).toBe(false);
  await lab.jump(/refresh token expires now/i);
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
});
