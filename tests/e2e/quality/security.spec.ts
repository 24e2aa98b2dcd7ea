/**
 * The demo's own surfaces, in a real browser: security headers on every host, no Content-Security-
 * Policy violation while a reader uses the site, and cross-site requests refused.
 */
import { expect, test } from '@playwright/test';
import { DEMO, FORUMS, LiveLab, STORE } from '../demo/live-lab.ts';

const LOGIN = 'http://login.example.localhost:4400';
const ARTICLE = '/workflows/spa/native-form-to-idp-same-domain-jwt-refresh-cookies/';

function directives(csp: string | undefined): Map<string, string[]> {
  return new Map((csp ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...values]) => [name!, values]));
}

test('every host sends its security headers', async ({ page }) => {
  const docs = page.waitForResponse(`${DEMO}${ARTICLE}`);
  const store = page.waitForResponse(`${STORE}/`);
  const lab = await LiveLab.open(page, ARTICLE);
  const login = page.waitForResponse(`${LOGIN}/api/login`);
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  const forums = page.waitForResponse(`${FORUMS}/`);
  await lab.go(`${FORUMS}/`);

  const docsHeaders = (await docs).headers();
  const docsCsp = directives(docsHeaders['content-security-policy']);
  expect(docsCsp.get('script-src')).toContain("'self'");
  expect(docsCsp.get('script-src')).not.toContain("'unsafe-inline'");
  // The login host too: an OAuth login takes the framed browser to the identity provider's page.
  expect(docsCsp.get('frame-src')?.sort()).toEqual([FORUMS, LOGIN, STORE].sort());
  for (const response of [await store, await forums, await login]) {
    const headers = response.headers();
    const csp = directives(headers['content-security-policy']);
    expect(csp.get('script-src'), response.url()).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors'), response.url()).toEqual([DEMO]);
  }
  for (const response of [await docs, await store, await forums, await login]) {
    expect(response.headers()['x-content-type-options'], response.url()).toBe('nosniff');
    expect(response.headers()['referrer-policy'], response.url()).toBe('strict-origin-when-cross-origin');
  }
  // The login host answers CORS for the apps, with credentials, and names the one origin that asked.
  expect((await login).headers()['access-control-allow-origin']).toBe(STORE);
  expect((await login).headers()['access-control-allow-credentials']).toBe('true');
});

test('reading, searching and running the live demo break no Content-Security-Policy rule', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const lab = await LiveLab.open(page, ARTICLE);
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: /search/i }).first().click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Search' }).fill('refresh');
  await expect(page.getByRole('dialog').locator(`a[href*="/workflows/"]`).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});

test('a cross-site form post and a cross-site fetch are both refused', async ({ page, context }) => {
  const lab = await LiveLab.open(page, '/workflows/webapp/native-form-to-backend-jwt-refresh-cookies/');
  await expect(lab.dialog.locator('[data-clock-note]')).toContainText('real time');

  // An attacker's page on another site, served to the reader's browser.
  const attacker = await context.newPage();
  await attacker.route('http://attacker.localhost/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Win a prize</title>
        <form id="f" method="post" action="${STORE}/login"><input name="loginId" value="victim@example.com"><input name="password" value="attacker-password"></form>`,
    }),
  );
  await attacker.goto('http://attacker.localhost/');
  const [formResponse] = await Promise.all([attacker.waitForResponse(`${STORE}/login`), attacker.locator('#f').evaluate((f) => (f as HTMLFormElement).submit())]);
  // Refused twice over: the SameSite=Lax run cookie stays home (no run: 404), and the Store checks the origin (403).
  expect([403, 404]).toContain(formResponse.status());
  expect(await formResponse.headerValue('set-cookie')).toBeNull();
  await attacker.waitForURL(`${STORE}/login`);

  await attacker.goto('http://attacker.localhost/');
  const fetched = await attacker.evaluate(async (url) => {
    try {
      const response = await fetch(url, { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"jump":"jwt-expires"}' });
      return response.type;
    } catch {
      return 'blocked';
    }
  }, `${DEMO}/__demo/run/clock`);
  expect(['opaque', 'blocked']).toContain(fetched);
  // Whatever the browser let through, the server changed nothing: the reader's clock did not move
  // (a moved clock would reach the lab as an event), while the lab's own request still works.
  await page.waitForTimeout(500);
  await expect(lab.dialog.locator('[data-clock-note]')).toContainText('real time');
  await lab.jump(/JWT expires now/i);
});
