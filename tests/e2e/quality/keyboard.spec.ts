/** A reader who uses only the keyboard can reach and drive everything on an article. */
import { expect, test } from '@playwright/test';
import { DEMO } from '../demo/live-lab.ts';
import { SEEDS } from '../site/articles.ts';

const ARTICLE = SEEDS[0].url;

test('skip link, step-through control and diagram arrows work from the keyboard alone', async ({ page }) => {
  await page.goto(ARTICLE);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: /skip to content/i });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#_top$/);

  // Tab until the diagram's frame has focus, then walk with the arrow keys.
  const frame = page.locator('.diagram-scroll');
  for (let i = 0; i < 60 && !(await frame.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(frame).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('g.message.is-active')).toHaveAttribute('data-step', '2');

  // The arrows themselves are one tab stop (the current one), and Enter takes the reader to its step.
  await page.keyboard.press('Tab');
  const arrow = page.locator('g.message[data-step="2"]');
  await expect(arrow).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('g.message[data-step="3"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#step-3')).toHaveClass(/is-active/);
  await expect(page.locator('#step-3')).toBeInViewport();

  // The step-through buttons are reachable and work with Enter.
  const next = page.getByRole('button', { name: /next/i });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-step-status]')).toContainText('Step 4 of');
});

test('the live lab opens, runs and closes from the keyboard alone', async ({ page }) => {
  await page.goto(`${DEMO}${ARTICLE}`);
  const open = page.getByRole('button', { name: /run this workflow live/i });
  await expect(open).toBeVisible();
  for (let i = 0; i < 80 && !(await open.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(open).toBeFocused();
  await page.keyboard.press('Enter');
  const lab = page.locator('dialog.live-lab');
  await expect(lab.locator('[data-credential="email"]')).toBeVisible();

  // Every control is reachable with Tab, and works with Enter.
  const jump = lab.getByRole('button', { name: /JWT expires now/i });
  for (let i = 0; i < 80 && !(await jump.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(jump).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(lab.locator('[data-clock-note]')).toContainText('ahead of real time');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(lab.getByRole('button', { name: /stolen refresh token/i })).toBeFocused();

  // Escape closes the lab and puts the diagram back in the article.
  await page.keyboard.press('Escape');
  await expect(lab).toBeHidden();
  await expect(page.locator('figure.workflow-diagram .diagram-scroll svg')).toHaveCount(1);
});
