/**
 * The public deployment, end to end: Chromium → TLS-terminating proxy → demo server with its default
 * limits (playwright.https.config.ts). The seed walkthrough still lights every arrow, every answer of
 * every host the browser talked to said `Secure` for each cookie and sent HSTS, and the lab shows the
 * sentence of a limit it runs into.
 */
import { expect, test, type Response } from '@playwright/test';
import { DEMO, LiveLab, STORE } from '../demo/live-lab.ts';
import { walkThrough } from '../demo/walk-through.ts';

const SEED = 'webapp/native-form-to-backend-jwt-refresh-cookies';

// One client address (the proxy names 127.0.0.1 for every test): the limit test must come last.
test.describe.configure({ mode: 'serial' });

interface Seen {
  url: string;
  setCookies: string[];
  hsts: string | undefined;
}

test('behind a TLS-terminating proxy: every cookie of every host is Secure, HSTS on every answer, and the seed walkthrough lights every arrow', async ({ page, context }) => {
  test.setTimeout(180_000);
  expect(DEMO).toMatch(/^https:/);
  const seen: Promise<Seen>[] = [];
  const record = async (response: Response): Promise<Seen> => {
    const headers = await response.headersArray();
    return {
      url: response.url(),
      setCookies: headers.filter(({ name }) => name.toLowerCase() === 'set-cookie').map(({ value }) => value),
      hsts: headers.find(({ name }) => name.toLowerCase() === 'strict-transport-security')?.value,
    };
  };
  context.on('response', (response) => {
    if (!response.url().startsWith('data:')) seen.push(record(response));
  });

  const lab = await walkThrough(page, context, SEED);

  const answers = await Promise.all(seen);
  const hosts = new Set(answers.map(({ url }) => new URL(url).host));
  expect([...hosts].sort()).toEqual(['example.localhost:4400', 'forums.example.localhost:4400', 'store.example.localhost:4400']);
  for (const { url, hsts } of answers) {
    expect(url, 'every page, frame and call went over https').toMatch(/^https:/);
    expect(hsts, `HSTS on ${url}`).toBe('max-age=63072000; includeSubDomains');
  }
  const setCookies = answers.flatMap(({ url, setCookies }) => setCookies.map((cookie) => `${new URL(url).host} ${cookie}`));
  const names = new Set(setCookies.map((line) => /^\S+ ([^=]+)=/.exec(line)![1]));
  expect([...names].sort(), 'the cookies keep the names the workflow shows').toEqual(['access_token', 'demo_run', 'refresh_token']);
  for (const line of setCookies) expect(line).toMatch(/;\s*Secure(;|$)/i);

  // Chromium stored each as Secure, and the lab's cookie jar says so.
  const stored = await context.cookies();
  expect(stored.length).toBeGreaterThan(0);
  for (const cookie of stored) expect(cookie.secure, `${cookie.name} on ${cookie.domain}`).toBe(true);
  await expect(lab.jarOf(STORE).locator('[data-cookie="access_token"] .jar-attributes')).toContainText('Secure');
});

test('past the limit on run starts, the lab shows the server\'s sentence', async ({ page }) => {
  const lab = await LiveLab.open(page, `/workflows/${SEED}/`);
  const status = lab.dialog.locator('.lab-status');
  // The default is 6 starts a minute per address; the walkthrough before this test used one or none of this minute's.
  for (let press = 0; press < 7 && !/Too many/.test((await status.textContent()) ?? ''); press += 1) {
    await lab.dialog.locator('[data-lab-reset]').click();
    // A reset clears the app hosts through hidden frames and starts a run: slow on a busy machine.
    await expect(status).toHaveText(/Too many|^Step \d+/, { timeout: 20_000 });
  }
  await expect(status).toHaveText(
    /^Too many demo runs started from your network address: the public demo allows 6 a minute to each, so that every reader gets a turn\. Try again in \d+ seconds?\.$/,
  );
});
