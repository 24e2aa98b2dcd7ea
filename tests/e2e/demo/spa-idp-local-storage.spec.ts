/**
 * The SPA that logs in at the identity provider and keeps the JWT in localStorage, run from its
 * article as a reader would, every step, with the article's claims checked in the browser.
 */
import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/spa/native-form-to-idp-jwt-local-storage/';
const LOGIN_HOST = 'http://login.example.localhost:4400';

test('every step of the localStorage workflow runs for real, and page script steals the JWT', async ({ page }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);
  const storedJwt = (origin: string) => page.frame({ url: (url) => url.origin === origin })!.evaluate(() => localStorage.getItem('jwt'));

  // Steps 1–5: the SPA loads, asks who is logged in (nobody: 404) and shows its form.
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);

  // Steps 6–10: the form goes to the identity provider; the SPA keeps the JWT and sends it as a bearer token.
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit(range(5, 10));
  await expect(lab.traceLine(7)).toContainText('Browser → IdP');
  const jwt = await storedJwt(STORE);
  expect(decodeJwt(jwt!).email).toBe((await lab.credentials()).email);
  // The jar lists the localStorage entry beside the cookies, as the Store's page reports it.
  const jarJwt = (origin: string) => lab.jarOf(origin).locator('[data-storage="localStorage"][data-key="jwt"]');
  await expect(jarJwt(STORE).locator('code[title]').first()).toHaveAttribute('title', jwt!);
  await expect(jarJwt(STORE)).toContainText(/JWT expires in/);
  await lab.traceLine(10).click();
  await expect(lab.traceEntry(10).locator('.trace-authorization')).toContainText('Bearer');
  await expect(lab.traceEntry(10)).toContainText('none');
  // The refresh token cookie is HttpOnly and host-only on the login host: the Store never receives it.
  const refreshCookie = await lab.cookie(LOGIN_HOST, 'refresh_token');
  expect(refreshCookie?.httpOnly).toBe(true);
  expect(refreshCookie?.domain).toBe('login.example.localhost');
  expect(await lab.cookie(STORE, 'refresh_token')).toBeUndefined();

  // Step 33 as the article claims it: script on the page reads the JWT out of localStorage.
  const probe = await lab.probe();
  expect(probe).toContain('The script got a token');
  await expect(lab.dialog.locator('.probe-result [data-stolen-token]')).toContainText('(JWT)');
  expect(probe).toContain(jwt!.slice(0, 20));

  // A reload while logged in: "who is logged in?" answers 200 (a branch the diagram does not draw), then the cart.
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, 9, 10]);
  await lab.expectNoFailedArrow();

  // Steps 11–17: the JWT expires; the Store answers 401, the SPA refreshes at the identity provider and keeps the new JWT.
  await lab.jump(/JWT expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await lab.expectLit(range(11, 17));
  await expect(lab.traceLine(12).locator('.trace-status')).toHaveText('401');
  await lab.traceLine(14).click();
  await expect(lab.traceEntry(14)).toContainText('refresh_token');
  const refreshed = await storedJwt(STORE);
  expect(refreshed).not.toBe(jwt);
  await expect(jarJwt(STORE).locator('code[title]').first()).toHaveAttribute('title', refreshed!);

  // The same after a page reload: the Store answers 401 for the expired bearer JWT and the SPA refreshes it.
  await lab.jump(/JWT expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, ...range(13, 17)]);
  await expect(lab.traceEntry(3).locator('.trace-status')).toHaveText('401');
  expect(await storedJwt(STORE)).not.toBe(refreshed);
  await lab.expectNoFailedArrow();

  // Steps 18–22: the refresh token expires; the refresh is refused, the JWT is dropped and the form returns.
  await lab.jump(/refresh token expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit(range(18, 21));
  await expect(lab.traceLine(21).locator('.trace-status')).toHaveText('400');
  expect(await storedJwt(STORE)).toBeNull();
  await expect(jarJwt(STORE)).toHaveCount(0);
  await lab.logIn();
  await lab.expectLit([22, 6, 7, 8, 9, 10]);

  // A page reload once the refresh token has expired takes the same way back to the login form.
  await lab.jump(/refresh token expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, 20, 21]);
  expect(await storedJwt(STORE)).toBeNull();
  await lab.expectNoFailedArrow();
  await lab.logIn();
  await lab.expectLit([22, 6, 7, 8, 9, 10]);

  // Steps 23–32: the Forums keep their own JWT, but their refresh token cookie replaces the Store's.
  const storesRefreshToken = (await lab.cookie(LOGIN_HOST, 'refresh_token'))!.value;
  await lab.go(`${FORUMS}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([23, 24, 25, 26]);
  await lab.logIn();
  await expect(lab.app.getByText(/signed in as/i)).toBeVisible();
  await lab.expectLit(range(27, 32));
  await lab.traceLine(29).click();
  await expect(lab.traceEntry(29)).toContainText(storesRefreshToken.slice(0, 12));
  expect((await lab.cookie(LOGIN_HOST, 'refresh_token'))!.value).not.toBe(storesRefreshToken);
  expect(decodeJwt((await storedJwt(FORUMS))!).aud).not.toBe(decodeJwt(jwt!).aud);
  // Storage is per origin: the Forums' entry joins the jar, and the Store's stays, as the browser keeps it.
  await expect(jarJwt(FORUMS).locator('code[title]').first()).toHaveAttribute('title', (await storedJwt(FORUMS))!);
  await expect(jarJwt(STORE)).toHaveCount(1);

  // Steps 33–39: the hacker replays the JWT script read from localStorage, then a stolen refresh token.
  expect(await lab.attack(/stolen JWT/i)).toBe(true);
  await lab.expectLit([33, 34, 35]);
  await lab.traceLine(35).click();
  await expect(lab.traceEntry(35)).toContainText('Hacker → Store');
  await expect(lab.traceEntry(35).locator('.trace-authorization')).toContainText('Bearer');
  // The refresh token the hacker copies is the one the browser holds now, the Forums': it buys a
  // JWT for the Forums, which the Store's API refuses.
  const heldRefreshToken = (await lab.cookie(LOGIN_HOST, 'refresh_token'))!.value;
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
  await expect(lab.dialog.locator('[data-attack-result]')).toContainText('issued for another application');
  await lab.expectLit(range(36, 39));
  await expect(lab.arrow(39)).toHaveClass(/is-live-failed/);
  await expect(lab.traceLine(37)).toContainText('Hacker → IdP');
  await lab.traceLine(37).click();
  await expect(lab.traceEntry(37).locator('section', { hasText: 'Cookies sent' }).locator('code[title]')).toHaveAttribute('title', heldRefreshToken);
  expect(heldRefreshToken).not.toBe(storesRefreshToken);

  // They stop working when the article says they do.
  await lab.jump(/JWT expires now/i);
  expect(await lab.attack(/stolen JWT/i)).toBe(false);
  await lab.jump(/refresh token expires now/i);
  expect(await lab.attack(/stolen refresh token/i)).toBe(false);
});
