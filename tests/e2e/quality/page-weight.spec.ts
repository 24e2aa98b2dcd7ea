/** Each workflow article and the workflow chooser stay within the page-weight budgets recorded in tests/page-budgets.json. */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { measurePageWeight, type PageWeight } from '../../../scripts/lib/page-weight.ts';
import { workflowArticles } from '../site/articles.ts';

const budgets = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../page-budgets.json'), 'utf8')) as {
  diagramIsland: number;
  workflowArticle: { js: number; css: number; htmlBase: number; htmlPerStep: number };
  chooser: PageWeight;
  chooserIsland: number;
};

const overBudget = (url: string, weight: PageWeight, budget: PageWeight) =>
  (Object.keys(budget) as (keyof PageWeight)[])
    .filter((kind) => weight[kind] > budget[kind])
    .map((kind) => `${url}: ${kind} is ${weight[kind]} gzip bytes, budget ${budget[kind]}`);

for (const article of workflowArticles()) {
  test(`${article.url} stays within its page-weight budget`, async ({ page }) => {
    const weight = await measurePageWeight(page, article.url);
    // The HTML carries the diagram and one explanation per arrow, so its budget grows with the steps.
    const steps = await page.locator('li[data-step][id^="step-"]').count();
    const { js, css, htmlBase, htmlPerStep } = budgets.workflowArticle;
    const budget: PageWeight = { js, css, html: htmlBase + htmlPerStep * steps };
    const over = (Object.keys(budget) as (keyof PageWeight)[])
      .filter((kind) => weight[kind] > budget[kind])
      .map((kind) => `${article.url}: ${kind} is ${weight[kind]} gzip bytes, budget ${budget[kind]}${kind === 'html' ? ` for ${steps} steps` : ''}`);
    expect(over, over.join('\n')).toEqual([]);
  });
}

test('the diagram adds at most its budget of JavaScript to an article', async ({ browser }) => {
  const weigh = async (url: string) => {
    const page = await browser.newPage();
    const { js } = await measurePageWeight(page, url);
    await page.close();
    return js;
  };
  const article = workflowArticles()[0]!.url;
  const added = (await weigh(article)) - (await weigh('/workflows/'));
  expect(added, `${article} loads ${added} gzip bytes of JavaScript more than /workflows/, budget ${budgets.diagramIsland}`).toBeLessThanOrEqual(budgets.diagramIsland);
});

test('the workflow chooser stays within its page-weight budget, and its script within its own', async ({ browser }) => {
  const weigh = async (url: string) => {
    const page = await browser.newPage();
    const weight = await measurePageWeight(page, url);
    await page.close();
    return weight;
  };
  const chooser = await weigh('/workflows/choose/');
  const over = overBudget('/workflows/choose/', chooser, budgets.chooser);
  expect(over, over.join('\n')).toEqual([]);
  // /workflows/compare/ has the same frame (no table of contents) and no script of its own.
  const added = chooser.js - (await weigh('/workflows/compare/')).js;
  expect(added, `/workflows/choose/ loads ${added} gzip bytes of JavaScript more than /workflows/compare/, budget ${budgets.chooserIsland}`).toBeLessThanOrEqual(budgets.chooserIsland);
});
