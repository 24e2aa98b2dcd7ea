/** A proven claim carries a mark that leads to the step showing it, and with the demo running, to the lab. */
import { expect, test } from '@playwright/test';
import { DEMO } from './live-lab.ts';

const ARTICLE = '/workflows/webapp/native-form-to-backend-jwt-refresh-cookies/';

test('on a static host a claim links to its step; the live button stays hidden', async ({ page }) => {
  await page.goto(ARTICLE);
  const claim = page.locator('.claim[data-proof="store-refreshes-a-stolen-refresh-token"]');
  await expect(claim.getByRole('button', { name: /see it live/i })).toBeHidden();
  await claim.getByRole('link', { name: /step 30/ }).click();
  await expect(page).toHaveURL(/#step-30$/);
  await expect(page.locator('#step-30')).toBeInViewport();
});

test('with the demo server running, a claim opens the live lab', async ({ page }) => {
  await page.goto(`${DEMO}${ARTICLE}`);
  const run = page.locator('.claim[data-proof="page-script-reads-no-token"]').getByRole('button', { name: /see it live/i });
  await run.click();
  await expect(page.locator('dialog.live-lab [data-credential="email"]')).toBeVisible();
  await expect(page.locator('dialog.live-lab [data-run-note]')).toContainText('shown at step 8');
});
