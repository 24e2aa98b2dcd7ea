import { expect, test } from '@playwright/test';
import { SEEDS, workflowArticles } from './articles.ts';

for (const seed of SEEDS) {
  test(`${seed.url} explains its ${seed.steps} steps in one numbered list, in order`, async ({ page }) => {
    await page.goto(seed.url);
    const lists = page.locator('main ol.workflow-steps');
    await expect(lists).toHaveCount(1);
    const steps = lists.locator(':scope > li');
    await expect(steps).toHaveCount(seed.steps);
    const ids = await steps.evaluateAll((items) => items.map((li) => li.id));
    expect(ids).toEqual(Array.from({ length: seed.steps }, (_, i) => `step-${i + 1}`));
    // Every step says something of its own besides the arrow it explains.
    const prose = await steps.evaluateAll((items) =>
      items.map((li) => {
        const copy = li.cloneNode(true) as HTMLElement;
        copy.querySelector('.step-arrow')?.remove();
        return copy.textContent!.trim();
      }),
    );
    for (const [index, text] of prose.entries()) expect(text.length, `step ${index + 1}`).toBeGreaterThan(20);
  });

  test(`${seed.url} has every part of a workflow article`, async ({ page }) => {
    await page.goto(seed.url);
    for (const heading of ['Diagram', 'Explanation', 'Security considerations', 'APIs used']) {
      await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
    }
    await expect(page.locator('.diagram-legend')).toContainText('cookies');
    await expect(page.locator('ul.apis-used li').first()).toContainText('/api/login');
    await page.getByRole('link', { name: /all login workflows/i }).click();
    await expect(page).toHaveURL(/\/workflows\/$/);
  });
}

test('a partial used twice renders twice, each time with its own parameters', async ({ page }) => {
  // The web-app article opens both the Store (step 1) and Forums (step 20) with the same home-page partial.
  await page.goto(SEEDS[0].url);
  const prose = async (n: number) =>
    page.locator(`#step-${n}`).evaluate((li) => {
      const copy = li.cloneNode(true) as HTMLElement;
      copy.querySelector('.step-arrow')?.remove();
      return copy.textContent!.trim();
    });
  const [store, forums] = [await prose(1), await prose(20)];
  expect(store).toContain('Store');
  expect(forums).toContain('Forums');
  expect(store.replaceAll('Store', 'APP')).toBe(forums.replaceAll('Forums', 'APP'));
});

test('the index lists every workflow article, grouped by app type, with verdict, storage and SSO', async ({ page }) => {
  await page.goto('/workflows/');
  const articles = workflowArticles();
  expect(articles.length).toBeGreaterThanOrEqual(2);
  for (const article of articles) {
    const row = page.locator(`section[data-app-type="${article.appType}"] tr`, { has: page.locator(`a[href="${article.url}"]`) });
    await expect(row).toHaveCount(1);
    await expect(row.locator('td')).toHaveCount(4);
    await expect(row.locator('td').nth(2)).toHaveText(/^(Yes|No)$/);
    await expect(row.locator('td').nth(3)).toContainText(/Recommended|Acceptable|Discouraged/);
  }
});

test('the landing page defines the terms the articles use and leads to the workflows', async ({ page }) => {
  await page.goto('/');
  for (const term of ['native login form', 'application backend', 'identity provider']) {
    await expect(page.locator('main')).toContainText(new RegExp(term, 'i'));
  }
  await page.locator('main').getByRole('link', { name: /workflows/i }).first().click();
  await expect(page).toHaveURL(/\/workflows\/$/);
});

test('search finds an article by a word from its body', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /search/i }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Search' }).fill('overwrite');
  await expect(dialog.locator(`a[href*="${SEEDS[1].url.slice(0, -1)}"]`).first()).toBeVisible();
});

test('the sidebar lists every article under its app type and the theme can switch to dark', async ({ page }) => {
  await page.goto(SEEDS[0].url);
  const sidebar = page.locator('nav[aria-label="Main"]');
  const groups = { webapp: 'Web apps', spa: 'Single-page apps' } as Record<string, string>;
  for (const article of workflowArticles()) {
    const group = sidebar.locator('details', { has: page.getByText(groups[article.appType]!, { exact: true }) });
    await expect(group.locator(`a[href="${article.url}"]`)).toBeVisible();
  }
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('starlight-theme-select select').first().selectOption('light');
  const light = await background();
  await page.locator('starlight-theme-select select').first().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
});

test('on a phone the sidebar opens from the menu button', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(SEEDS[1].url);
  await page.getByRole('button', { name: /menu/i }).click();
  await expect(page.locator('nav[aria-label="Main"]').getByRole('link', { name: /all workflows/i })).toBeVisible();
  await context.close();
});

test('the comparison page links each answer to the step that demonstrates it', async ({ page }) => {
  await page.goto('/workflows/compare/');
  const rows = page.locator('table.comparison-table tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  for (const seed of SEEDS) await expect(rows.locator(`th a[href="${seed.url}"]`)).toHaveCount(1);
  const stepLink = rows.first().locator('a.comparison-step').first();
  const href = (await stepLink.getAttribute('href'))!;
  await stepLink.click();
  const step = /#(step-\d+)$/.exec(href)![1]!;
  await expect(page.locator(`#${step}`)).toHaveClass(/is-active/);
});
