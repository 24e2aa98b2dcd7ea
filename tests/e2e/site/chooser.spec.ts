/** "Which workflow should I use?": every answer reachable by keyboard, by link and without JavaScript, and every link on it sound. */
import { expect, test, type Page } from '@playwright/test';
import { ANSWERS, QUESTIONS, type QuestionId } from '../../../src/data/choices.ts';

const PAGE = '/workflows/choose/';
const QUESTION_IDS = Object.keys(QUESTIONS) as QuestionId[];

interface Focus {
  tag: string;
  type: string;
  name: string;
  value: string;
  checked: boolean;
}

const focus = (page: Page): Promise<Focus> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { tag: el?.tagName ?? '', type: el?.type ?? '', name: el?.name ?? '', value: el?.value ?? '', checked: el?.checked ?? false };
  });

const visibleAnswers = (page: Page) => page.locator('section.choice-answer:visible');

for (const answer of ANSWERS) {
  test(`keyboard alone, from the top of the page, reaches the answer #${answer.id}`, async ({ page }) => {
    await page.goto(PAGE);
    // Tab from the top until the first question has focus.
    for (let i = 0; i < 80 && (await focus(page)).name !== 'app'; i++) await page.keyboard.press('Tab');
    for (const question of QUESTION_IDS) {
      const here = await focus(page);
      expect(here, `focus on the question "${question}"`).toMatchObject({ tag: 'INPUT', type: 'radio', name: question });
      const wanted = answer.when[question];
      // Arrow keys move through the options and pick them; Space picks the one with focus.
      for (let moves = 0; wanted !== undefined && moves < 6; moves++) {
        const now = await focus(page);
        if (now.value === wanted && now.checked) break;
        await page.keyboard.press(now.value === wanted ? 'Space' : 'ArrowDown');
      }
      if (wanted !== undefined) expect(await focus(page)).toMatchObject({ name: question, value: wanted, checked: true });
      await page.keyboard.press('Tab');
    }
    // Past the questions: the button that takes the reader to the answer.
    await expect(page.getByRole('button', { name: 'Go to the answer' })).toBeFocused();
    const section = page.locator(`section#${answer.id}`);
    await expect(section).toBeVisible();
    await expect(visibleAnswers(page)).toHaveCount(1);
    await expect(page).toHaveURL(new RegExp(`#${answer.id}$`));
    await expect(page.locator('[data-chooser-status]')).toHaveText(/^Best fit: .+\.$/);
    await page.keyboard.press('Enter');
    await expect(section.locator('h2')).toBeFocused();
    // The next Tab lands on the recommended workflow's article.
    await page.keyboard.press('Tab');
    await expect(section.locator('.choice-recommended a').first()).toBeFocused();
  });
}

for (const answer of ANSWERS) {
  test(`a link to #${answer.id} opens the page with that answer shown and its options picked`, async ({ page }) => {
    await page.goto(`${PAGE}#${answer.id}`);
    const section = page.locator(`section#${answer.id}`);
    await expect(section).toBeVisible();
    await expect(visibleAnswers(page)).toHaveCount(1);
    await expect(section.locator('h2')).toBeInViewport();
    for (const question of QUESTION_IDS) {
      const wanted = answer.when[question];
      const checked = page.locator(`input[name="${question}"]:checked`);
      if (wanted === undefined) await expect(checked, question).toHaveCount(0);
      else await expect(checked, question).toHaveValue(wanted);
    }
    const recommended = (await section.locator('.choice-recommended .choice-article a').textContent())!;
    await expect(page.locator('[data-chooser-status]')).toHaveText(`Best fit: ${recommended}.`);
  });
}

test('picking options shows the answer as soon as it is decided, keeps the address on it, and says what is left until then', async ({ page }) => {
  await page.goto(PAGE);
  const status = page.locator('[data-chooser-status]');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toHaveText('Answer the questions to see which workflow to use.');
  await expect(visibleAnswers(page)).toHaveCount(0);

  await page.getByLabel('A mobile or desktop app').check();
  await expect(status).toHaveText('Answer the 2 remaining questions to see which workflow to use.');
  // For a native app the domains and what is at stake don't change the answer, and the page says so.
  await expect(page.locator('fieldset[data-question="domains"] [data-moot]')).toBeVisible();
  await expect(page.locator('fieldset[data-question="loginPage"] [data-moot]')).toBeHidden();

  await page.getByLabel("On the identity provider's own login page (it can carry your branding)").check();
  await expect(visibleAnswers(page)).toHaveCount(1);
  await expect(page.locator('section#native-hosted')).toBeVisible();
  await expect(page).toHaveURL(/#native-hosted$/);

  // Taking a decisive answer back hides the answer and takes the address off it.
  await page.getByLabel("Only in the app's own login form").check();
  await expect(visibleAnswers(page)).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
  await expect(status).toHaveText(/^One more question: Should one login carry over/);
  await page.getByRole('button', { name: 'Go to the answer' }).click();
  await expect(page.locator('input[name="sso"]').first()).toBeFocused();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page lists every situation, links each to its answer, and shows every answer', async ({ page }) => {
    await page.goto(PAGE);
    await expect(page.locator('form[data-chooser-form]')).toBeHidden();
    const index = page.getByRole('navigation', { name: 'Find your situation' });
    await expect(index).toBeVisible();
    await expect(index.locator('a')).toHaveCount(ANSWERS.length);
    for (const answer of ANSWERS) {
      await expect(index.locator(`a[href="#${answer.id}"]`), answer.id).toHaveCount(1);
      await expect(page.locator(`section#${answer.id}`), answer.id).toBeVisible();
    }
    await index.locator(`a[href="#${ANSWERS[5]!.id}"]`).click();
    await expect(page.locator(`section#${ANSWERS[5]!.id} h2`)).toBeInViewport();
  });
});

test("every link of every answer leads to a page that exists, and every proof to a step of that page", async ({ page, request }) => {
  await page.goto(PAGE);
  const links = await page.locator('section.choice-answer a[href]').evaluateAll((anchors) =>
    anchors.map((a) => ({ href: a.getAttribute('href')!, text: a.textContent!.trim(), answer: a.closest('section')!.id, proof: a.hasAttribute('data-proof') })),
  );
  expect(links.length).toBeGreaterThan(ANSWERS.length * 2);
  const idsOf = new Map<string, Set<string>>();
  for (const link of links) {
    const url = new URL(link.href, 'http://site');
    if (!idsOf.has(url.pathname)) {
      const response = await request.get(url.pathname);
      expect(response.status(), `${link.answer}: ${link.href}`).toBe(200);
      idsOf.set(url.pathname, new Set([...(await response.text()).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
    }
    if (url.hash) expect(idsOf.get(url.pathname)!.has(url.hash.slice(1)), `${link.answer}: ${link.href} has no element ${url.hash}`).toBe(true);
    if (link.proof) {
      const step = /#step-(\d+)$/.exec(link.href)?.[1];
      expect(step, `${link.answer}: a proof links to a step: ${link.href}`).toBeDefined();
      expect(link.text).toMatch(new RegExp(`^✓ proof: .+, step ${step}$`));
    }
  }
  // Every answer recommends an article and links at least one live proof.
  for (const answer of ANSWERS) {
    const own = links.filter((link) => link.answer === answer.id);
    expect(own.some((link) => /^\/workflows\/[a-z]+\/[a-z0-9-]+\/$/.test(link.href)), answer.id).toBe(true);
    expect(own.some((link) => link.proof), answer.id).toBe(true);
  }
});

test('the sidebar and the list of all workflows lead to the chooser', async ({ page }) => {
  await page.goto('/workflows/');
  await page.locator('main').getByRole('link', { name: 'Which workflow should I use?', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which workflow should I use?');
  const sidebar = page.locator('nav[aria-label="Main"]');
  await expect(sidebar.getByRole('link', { name: 'Which workflow should I use?', exact: true })).toHaveAttribute('aria-current', 'page');
});
