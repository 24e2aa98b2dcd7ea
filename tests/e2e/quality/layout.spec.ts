/**
 * What a reader sees on real screens: on laptops every lane of every diagram is whole and legible
 * without sideways scrolling, in the article and in the open lab; on a phone the lab's parts stack
 * without covering each other and the page never scrolls sideways.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LiveLab } from '../demo/live-lab.ts';
import { SEEDS, workflowArticles } from '../site/articles.ts';
import { builtPages } from '../site/built-pages.ts';

const LAPTOPS = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];
const PHONE = { width: 390, height: 844 };
/** The smallest size at which a label may be drawn, in CSS px. */
const MIN_LABEL_PX = 12;

interface DiagramFit {
  /** Participant boxes not wholly inside the frame's visible area. */
  cutLanes: string[];
  /** How far the frame could scroll sideways. */
  sidewaysScroll: number;
  /** The size message labels are drawn at, in CSS px. */
  labelPx: number;
}

/** Measures the diagram inside `frame` (the article's `.diagram-scroll`, wherever it is). */
function diagramFit(frame: Locator): Promise<DiagramFit> {
  return frame.evaluate((scroller) => {
    const visible = scroller.getBoundingClientRect();
    const svg = scroller.querySelector('svg')!;
    const lanes = [...svg.querySelectorAll('rect.actor')];
    const cutLanes = lanes
      .map((lane) => ({ box: lane.getBoundingClientRect(), name: lane.parentElement?.textContent?.trim() ?? '?' }))
      .filter(({ box }) => box.left < visible.left - 0.5 || box.right > visible.right + 0.5)
      .map(({ name }) => name);
    const label = svg.querySelector('text.messageText')!;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return {
      cutLanes,
      sidewaysScroll: scroller.scrollWidth - scroller.clientWidth,
      labelPx: parseFloat(getComputedStyle(label).fontSize) * scale,
    };
  });
}

async function expectWholeDiagram(frame: Locator): Promise<void> {
  const fit = await diagramFit(frame);
  expect(fit.cutLanes, 'participant boxes cut off').toEqual([]);
  expect(fit.sidewaysScroll, 'sideways scroll inside the diagram frame').toBeLessThanOrEqual(1);
  expect(fit.labelPx, 'message label size in CSS px').toBeGreaterThanOrEqual(MIN_LABEL_PX);
}

async function pageScrollsSideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Articles whose framed app pages, between them, show every kind the demo has. */
const APP_PAGE_SAMPLES = new Set([
  ...SEEDS.map((seed) => seed.url),
  '/workflows/webapp/oauth-authorization-code-jwt-refresh-cookies/',
  '/workflows/spa/backend-for-frontend/',
]);

for (const article of workflowArticles()) {
  for (const viewport of LAPTOPS) {
    test(`${article.url} at ${viewport.width}×${viewport.height}: every lane whole and legible, in the article and the lab`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`http://example.localhost:4400${article.url}`);
      await expectWholeDiagram(page.locator('main .diagram-scroll'));
      expect(await pageScrollsSideways(page)).toBeLessThanOrEqual(0);

      const lab = await LiveLab.open(page, article.url);
      const frame = lab.dialog.locator('.diagram-scroll');
      await expectWholeDiagram(frame);
      // The arrow lit last is scrolled into view with both ends and its label.
      const lit = frame.locator('g.message.is-live-latest');
      await expect(lit).toHaveCount(1);
      const [arrow, visible] = await Promise.all([lit.boundingBox(), frame.boundingBox()]);
      expect(arrow!.y).toBeGreaterThanOrEqual(visible!.y);
      expect(arrow!.y + arrow!.height).toBeLessThanOrEqual(visible!.y + visible!.height);
      expect(arrow!.x).toBeGreaterThanOrEqual(visible!.x);
      expect(arrow!.x + arrow!.width).toBeLessThanOrEqual(visible!.x + visible!.width);
      // Logged in, the app in the frame shows its whole page without scrolling inside it: once per
      // kind of app page (a native form, the identity provider's page, an SPA of each pattern).
      if (viewport.width >= 1440 && APP_PAGE_SAMPLES.has(article.url)) {
        const logInLink = lab.app.getByRole('link', { name: 'Log in' });
        if (await logInLink.isVisible()) await logInLink.click();
        await lab.logInWithShownForm();
        await expect(lab.app.getByText(/cart of/i)).toBeVisible();
        const app = page.frame({ name: 'live-app' })!;
        const overflow = await app.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
        expect(overflow, 'the framed app scrolls').toBeLessThanOrEqual(0);
      }
      expect(await pageScrollsSideways(page)).toBeLessThanOrEqual(0);
    });
  }
}

test('on a phone the open lab stacks its parts without overlap and never scrolls sideways', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const lab = await LiveLab.open(page, '/workflows/spa/native-form-to-idp-jwt-local-storage/');
  await lab.logIn();
  await expect(lab.app.getByText(/cart of/i)).toBeVisible();
  await lab.probe();
  const parts = lab.dialog.locator(
    ':scope > header, :scope > .lab-status, .lab-diagram, .address-bar, .lab-quick-links, iframe, .lab-controls, .lab-side > details',
  );
  const boxes = await parts.evaluateAll((elements) =>
    elements.map((element) => {
      const { top, bottom, left, right } = element.getBoundingClientRect();
      return { name: element.className || element.tagName.toLowerCase(), top, bottom, left, right };
    }),
  );
  expect(boxes.length).toBeGreaterThanOrEqual(8);
  const overlaps = boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5 && a.left < b.right - 0.5 && b.left < a.right - 0.5)
      .map((b) => `${a.name} overlaps ${b.name}`),
  );
  expect(overlaps).toEqual([]);
  for (const box of boxes) expect(box.right, box.name).toBeLessThanOrEqual(PHONE.width);
  expect(await pageScrollsSideways(page)).toBeLessThanOrEqual(0);
});

test('on a phone no article scrolls sideways: a wide diagram scrolls inside its frame', async ({ page }) => {
  await page.setViewportSize(PHONE);
  for (const article of workflowArticles()) {
    await page.goto(article.url);
    expect(await pageScrollsSideways(page), article.url).toBeLessThanOrEqual(0);
    const fit = await diagramFit(page.locator('main .diagram-scroll'));
    expect(fit.labelPx, `${article.url}: label size`).toBeGreaterThanOrEqual(MIN_LABEL_PX - 0.01);
  }
});

for (const viewport of LAPTOPS) {
  test(`no page of the site is cut off at ${viewport.width} px: nothing scrolls sideways, tables included`, async ({ page }) => {
    // One test walks every built page: its time grows with the articles.
    test.setTimeout(15_000 + 3_000 * builtPages().length);
    await page.setViewportSize(viewport);
    for (const url of builtPages()) {
      await page.goto(url);
      expect(await pageScrollsSideways(page), url).toBeLessThanOrEqual(0);
      const cut = await page.locator('main table').evaluateAll((tables) =>
        tables.filter((table) => table.scrollWidth > table.clientWidth + 1 || table.getBoundingClientRect().right > window.innerWidth).length,
      );
      expect(cut, `${url}: tables wider than their box`).toBe(0);
    }
  });
}
