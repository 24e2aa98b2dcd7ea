import { expect, test, type Page } from '@playwright/test';
import { SEEDS } from './articles.ts';

const SPA = SEEDS[1];

const activeArrows = (page: Page) => page.locator('g.message.is-active');
const activeSteps = (page: Page) => page.locator('ol.workflow-steps > li.is-active');

test.beforeEach(async ({ page }) => {
  await page.goto(SPA.url);
});

test('the diagram is an inline SVG with one arrow per step and an accessible name and description', async ({ page }) => {
  const svg = page.locator('figure.workflow-diagram svg');
  await expect(svg.locator('[data-et="message"]')).toHaveCount(SPA.steps);
  await expect(svg).toHaveAccessibleName(/Single-page app/);
  await expect(svg).toHaveAccessibleDescription(/identity provider/);
});

test('hovering step 12 highlights arrow 12, and only it', async ({ page }) => {
  await page.locator('#step-12').hover();
  await expect(activeArrows(page)).toHaveCount(1);
  await expect(activeArrows(page)).toHaveAttribute('data-step', '12');
  await expect(page.locator('#step-12')).toHaveClass(/is-active/);
});

test('keyboard focus on a step highlights its arrow', async ({ page }) => {
  await page.locator('#step-3').focus();
  await expect(activeArrows(page)).toHaveAttribute('data-step', '3');
});

test('clicking arrow 7 highlights step 7 and scrolls it into view', async ({ page }) => {
  await page.locator('g.message[data-step="7"] text.messageText').first().click();
  await expect(activeSteps(page)).toHaveCount(1);
  await expect(page.locator('#step-7')).toHaveClass(/is-active/);
  await expect(page.locator('#step-7')).toBeInViewport();
  await expect(page).toHaveURL(/#step-7$/);
});

test('next and previous walk every step, diagram and text together', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const status = page.locator('[data-step-status]');
  const next = page.getByRole('button', { name: /next/i });
  for (let n = 1; n <= SPA.steps; n++) {
    await next.click();
    await expect(status).toContainText(`Step ${n} of ${SPA.steps}`);
    await expect(activeArrows(page)).toHaveAttribute('data-step', String(n));
    await expect(activeSteps(page)).toHaveAttribute('id', `step-${n}`);
  }
  await next.click();
  await expect(status).toContainText(`Step ${SPA.steps} of ${SPA.steps}`);
  const previous = page.getByRole('button', { name: /previous/i });
  for (let n = SPA.steps - 1; n >= 1; n--) await previous.click();
  await expect(status).toContainText(`Step 1 of ${SPA.steps}`);
  await expect(status).toHaveAttribute('aria-live', 'polite');
});

test('arrow keys step through when the diagram has focus', async ({ page }) => {
  await page.locator('.diagram-scroll').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(activeArrows(page)).toHaveAttribute('data-step', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(activeArrows(page)).toHaveAttribute('data-step', '1');
});

test('a #step-20 link opens with step 20 highlighted', async ({ page }) => {
  await page.goto(`${SPA.url}#step-20`);
  await expect(page.locator('#step-20')).toHaveClass(/is-active/);
  await expect(activeArrows(page)).toHaveAttribute('data-step', '20');
  await expect(page.locator('[data-step-status]')).toContainText(`Step 20 of ${SPA.steps}`);
});

test('error responses are drawn as errors', async ({ page }) => {
  const errors = page.locator('g.message.is-error');
  const labels = await errors.evaluateAll((groups) => groups.map((g) => g.getAttribute('data-label')));
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) expect(label).toMatch(/^[45]\d\d/);
  const color = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).fill);
  expect(await color('g.message.is-error text.messageText')).not.toBe(await color('g.message:not(.is-error) text.messageText'));
});

test('switching to dark mode recolours the same SVG', async ({ page }) => {
  const select = page.locator('starlight-theme-select select').first();
  const colours = () =>
    page.locator('g.message[data-step="1"]').evaluate((g) => ({
      line: getComputedStyle(g.querySelector('[data-et="message"]')!).stroke,
      text: getComputedStyle(g.querySelector('text.messageText')!).fill,
    }));
  await select.selectOption('light');
  const light = await colours();
  await select.selectOption('dark');
  const dark = await colours();
  expect(dark.line).not.toBe(light.line);
  expect(dark.text).not.toBe(light.text);
  await expect(page.locator('figure.workflow-diagram svg')).toHaveCount(1);
});

test('a tap on an arrow highlights its step on a touch screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(SPA.url);
  const label = page.locator('g.message[data-step="2"] text.messageText');
  await label.scrollIntoViewIfNeeded();
  await label.tap();
  await expect(page.locator('#step-2')).toHaveClass(/is-active/);
  await context.close();
});

test('with reduced motion the diagram does not animate', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const duration = await page.locator('[data-et="message"]').first().evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(duration).toBe('0s');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const animated = await page.locator('[data-et="message"]').first().evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(animated).not.toBe('0s');
});

test('on a static host the live demo explains in one sentence how to run it', async ({ page }) => {
  const launcher = page.locator('[data-live-demo]');
  await expect(launcher.locator('[data-live-state="offline"]')).toBeVisible();
  await expect(launcher.locator('[data-live-state="offline"]')).toContainText('npm start');
  await expect(launcher.getByRole('button', { name: /run this workflow live/i })).toBeHidden();
});
