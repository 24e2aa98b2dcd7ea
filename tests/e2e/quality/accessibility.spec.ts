/** Every built page passes axe's WCAG 2.2 A/AA rules, in the light and the dark theme. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LiveLab } from '../demo/live-lab.ts';
import { builtPages } from '../site/built-pages.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
const violations = (results: AxeResults) =>
  results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);

for (const theme of ['light', 'dark'] as const) {
  for (const url of builtPages()) {
    test(`${url} has no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
      await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
      await page.goto(url);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
      const report = violations(results);
      expect(report, report.join('\n')).toEqual([]);
    });
  }
}

// The chooser shows its answers only once picked (or linked): check it with one shown, and with every answer shown as without JavaScript.
for (const theme of ['light', 'dark'] as const) {
  test(`the workflow chooser with an answer shown has no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
    await page.goto('/workflows/choose/#spa-own-form-several-domains-sensitive');
    await expect(page.locator('section#spa-own-form-several-domains-sensitive')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const report = violations(results);
    expect(report, report.join('\n')).toEqual([]);
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`the workflow chooser with every answer shown at once, as without JavaScript, has no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
    // axe runs as script in the page, so show what a reader without JavaScript sees: the list of situations and every answer.
    await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
    await page.goto('/workflows/choose/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.locator('[data-chooser]').evaluate((chooser) => {
      chooser.querySelector<HTMLElement>('[data-chooser-form]')!.hidden = true;
      for (const element of chooser.querySelectorAll<HTMLElement>('[data-chooser-index], [data-answer]')) element.hidden = false;
    });
    await expect(page.locator('section.choice-answer:visible')).not.toHaveCount(0);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const report = violations(results);
    expect(report, report.join('\n')).toEqual([]);
  });
}

test('the live lab, open and running, has no WCAG A/AA violations', async ({ page }) => {
  const lab = await LiveLab.open(page, '/workflows/spa/native-form-to-idp-same-domain-jwt-refresh-cookies/');
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.probe();
  const results = await new AxeBuilder({ page }).include('dialog.live-lab').withTags(WCAG).analyze();
  const report = violations(results);
  expect(report, report.join('\n')).toEqual([]);
});
