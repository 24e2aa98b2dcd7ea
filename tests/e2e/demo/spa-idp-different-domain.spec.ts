/**
 * The SPA that logs in at an identity provider on a domain of its own and hands the JWT to its
 * backend's cookie-drop endpoint, run from its article as a reader would, every step, with the
 * article's claims checked in the browser.
 */
import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import { FORUMS, LiveLab, STORE, range } from './live-lab.ts';

const ARTICLE = '/workflows/spa/native-form-to-idp-different-domain-jwt-cookie/';
const OWN_DOMAIN_LOGIN_HOST = 'http://login.example-id.localhost:4400';

test('every step of the different-domain workflow runs for real and lights its arrow', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lab = await LiveLab.open(page, ARTICLE);

  // Steps 1–5: the SPA loads, asks who is logged in (nobody: 404) and shows its form.
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([1, 2, 3, 4]);

  // Steps 6–11: the form goes to the identity provider on its own domain; the JWT from the answer
  // goes to the Store's cookie-drop endpoint, which sets it as an HttpOnly cookie.
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit(range(5, 11));
  await lab.traceLine(7).click();
  await expect(lab.traceLine(7)).toContainText('login.example-id.localhost');
  await expect(lab.traceEntry(7)).toContainText('"token"');
  // The browser refused the identity provider's cookies, and the trace says so.
  await expect(lab.traceEntry(7).locator('[data-refused]')).toHaveCount(2);
  expect(await context.cookies(OWN_DOMAIN_LOGIN_HOST)).toEqual([]);
  await expect(lab.dialog.locator('[data-host="login.example-id.localhost"]')).toContainText('no cookies');
  const jwt = await lab.cookie(STORE, 'access_token');
  expect(jwt?.httpOnly).toBe(true);
  expect(jwt?.domain).toBe('store.example.localhost');
  expect(jwt!.expires - Date.now() / 1000).toBeGreaterThan(60);
  expect(jwt!.expires).toBeLessThanOrEqual(decodeJwt(jwt!.value).exp! + 1);
  const probe = await lab.probe();
  expect(probe).toContain('(empty string)');
  expect(probe).toContain('No token is visible');

  // A reload while logged in: "who is logged in?" answers 200 (a branch the diagram does not draw), then the cart.
  await lab.reload();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([1, 2, 3, 10, 11]);
  await lab.expectNoFailedArrow();

  // The cookie-drop endpoint turns only the Store's own valid JWTs into cookies.
  const forged = await page.frame({ url: (url) => url.origin === STORE })!.evaluate(async (token) => {
    const response = await fetch('/api/jwt-cookie', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    return response.status;
  }, `${jwt!.value.slice(0, -4)}AAAA`);
  expect(forged).toBe(401);
  await lab.expectLit([8, 9]);
  await expect(lab.traceLine(9).locator('.trace-status')).toHaveText('401');
  expect((await lab.cookie(STORE, 'access_token'))?.value).toBe(jwt!.value);

  // Steps 12–14: the JWT expires; with no refresh token the login form comes back, and a new login runs 5–11 again.
  await lab.jump(/JWT expires now/i);
  await lab.app.getByRole('button', { name: /reload cart/i }).click();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit([12, 13]);
  await expect(lab.traceLine(13).locator('.trace-status')).toHaveText('401');
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit([14, 6, 7, 8, 9, 10, 11]);

  // A page reload after the JWT expired: "who is logged in?" answers 401, and with no refresh token the form returns.
  await lab.jump(/JWT expires now/i);
  await lab.reload();
  await expect(lab.app.getByText(/session has ended/i)).toBeVisible();
  await lab.expectLit([1, 2, 3]);
  await expect(lab.traceEntry(3).locator('.trace-status')).toHaveText('401');
  await lab.expectNoFailedArrow();
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.expectLit(range(6, 11));

  // Steps 15–25: the Forums log in on their own, and their cookie stays on their host.
  await lab.go(`${FORUMS}/`);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await lab.expectLit([15, 16, 17, 18]);
  await lab.logIn();
  await expect(lab.app.getByText(/signed in as/i)).toBeVisible();
  await lab.expectLit(range(19, 25));
  const forumsJwt = await lab.cookie(FORUMS, 'access_token');
  expect(forumsJwt?.domain).toBe('forums.example.localhost');
  expect(decodeJwt(forumsJwt!.value).aud).not.toBe(decodeJwt((await lab.cookie(STORE, 'access_token'))!.value).aud);

  // Steps 26–27: the hacker replays the JWT cookie, until the JWT expires; there is no refresh token to steal.
  await expect(lab.dialog.locator('button[data-attack]')).toHaveCount(1);
  expect(await lab.attack(/stolen JWT/i)).toBe(true);
  await lab.expectLit([26, 27]);
  await expect(lab.traceLine(27)).toContainText('Hacker → Store');
  await lab.jump(/JWT expires now/i);
  expect(await lab.attack(/stolen JWT/i)).toBe(false);
});
