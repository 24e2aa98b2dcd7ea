/**
 * A run's life in the reader's browser: Reset and Close leave nothing of it behind, and tabs of one
 * browser (which share its cookies and storage) either share a run or say plainly that theirs ended.
 */
import { expect, test } from '@playwright/test';
import { LiveLab, STORE } from './live-lab.ts';

const LOCAL_STORAGE = '/workflows/spa/native-form-to-idp-jwt-local-storage/';
const SEED = '/workflows/spa/native-form-to-idp-same-domain-jwt-refresh-cookies/';

test('Reset and Close clear every app host: the next run starts logged out, and no token is left to read', async ({ page, context }) => {
  test.setTimeout(90_000);
  const lab = await LiveLab.open(page, LOCAL_STORAGE);
  const storedJwt = () => page.frame({ url: (url) => url.origin === STORE })!.evaluate(() => localStorage.getItem('jwt'));
  const first = await lab.credentials();
  await lab.logIn();
  await expect(lab.app.getByText(`Cart of ${first.email}`)).toBeVisible();
  expect(await storedJwt()).not.toBeNull();

  await lab.dialog.getByRole('button', { name: 'Reset' }).click();
  await expect(lab.dialog.locator('[data-credential="email"]')).not.toHaveText(first.email);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect(lab.app.getByText(/cart of/i)).toHaveCount(0);
  await expect(lab.app.getByText(/session has ended/i)).toHaveCount(0);
  expect(await storedJwt()).toBeNull();
  expect(await lab.probe()).toContain('No token is visible');
  expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['demo_run']);

  // Close ends the run too; reopening starts another, logged out.
  const second = await lab.credentials();
  await lab.logIn();
  await expect(lab.app.getByText(`Cart of ${second.email}`)).toBeVisible();
  await lab.dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(async () => (await context.cookies()).length).toBe(0);
  await page.getByRole('button', { name: /run this workflow live/i }).click();
  await expect(lab.dialog.locator('[data-credential="email"]')).not.toHaveText(second.email);
  await expect(lab.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  expect(await storedJwt()).toBeNull();
});

test('a second tab of the same article joins the run; one of another article ends it, and the first tab says so', async ({ context }) => {
  test.setTimeout(120_000);
  const tabA = await LiveLab.open(await context.newPage(), SEED);
  const credentials = await tabA.credentials();
  await tabA.logIn();
  await expect(tabA.app.getByText(/cart of/i)).toBeVisible();

  // Same article: the second tab joins the run, with the same user, trace and login.
  const tabB = await LiveLab.open(await context.newPage(), SEED);
  expect(await tabB.credentials()).toEqual(credentials);
  await expect(tabB.dialog.locator('[data-run-note]')).toContainText('joined');
  await expect(tabB.app.getByText(`Cart of ${credentials.email}`)).toBeVisible();
  await expect(tabB.dialog.locator('.trace > li[data-step="7"]')).toHaveCount(1);
  await expect(tabB.dialog.locator('.is-live-failed, .trace > li.is-failed')).toHaveCount(0);
  await expect(tabA.dialog.locator('.trace > li')).toHaveCount(await tabB.dialog.locator('.trace > li').count());

  // Another article: its run replaces the shared one; both earlier tabs say why and go quiet.
  const tabC = await LiveLab.open(await context.newPage(), LOCAL_STORAGE);
  const other = await tabC.credentials();
  expect(other.email).not.toBe(credentials.email);
  await expect(tabC.dialog.locator('[data-run-note]')).toContainText('has ended');
  for (const tab of [tabA, tabB]) {
    const notice = tab.dialog.locator('.lab-ended');
    await expect(notice).toContainText('another tab or window of this browser');
    await expect(notice.getByRole('button', { name: 'Start a new run here' })).toBeVisible();
    await expect(tab.dialog.getByRole('button', { name: 'Reload', exact: true })).toBeDisabled();
    await expect(tab.dialog.locator('[data-jump]').first()).toBeDisabled();
    await expect(tab.dialog.locator('.lab-browser iframe')).toHaveAttribute('src', 'about:blank');
  }
  const traceOfA = await tabA.dialog.locator('.trace > li').count();
  await tabC.logIn();
  await expect(tabC.app.getByText(/cart of/i)).toBeVisible();
  await expect(tabA.dialog.locator('.trace > li')).toHaveCount(traceOfA);
  await expect(tabA.dialog.locator('.trace')).not.toContainText(other.email);

  // The way on: tab A starts a new run of its own article, and now tab C is the one told.
  await tabA.dialog.getByRole('button', { name: 'Start a new run here' }).click();
  await expect(tabA.app.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect(tabA.dialog.locator('.lab-ended')).toBeHidden();
  await expect(tabA.dialog.locator('[data-credential="email"]')).not.toHaveText(credentials.email);
  await expect(tabC.dialog.locator('.lab-ended')).toContainText('another tab or window of this browser');
});
