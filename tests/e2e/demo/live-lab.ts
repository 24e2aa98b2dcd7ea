/** Drives an article's live lab the way a reader does, and reads what it shows. */
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

/**
 * The demo world Playwright starts, as a reader's browser reaches it: http://example.localhost:4400
 * (playwright.config.ts), or the origin E2E_DEMO_ORIGIN names (playwright.https.config.ts puts it
 * behind a TLS-terminating proxy at https://example.localhost:4400).
 */
export const DEMO = process.env['E2E_DEMO_ORIGIN'] ?? 'http://example.localhost:4400';
const under = (subdomain: string) => DEMO.replace('://', `://${subdomain}.`);
export const STORE = under('store');
export const FORUMS = under('forums');
/** The identity provider's login host, under the apps' parent domain. */
export const IDP = under('login');

declare global {
  interface Window {
    litSteps: number[];
  }
}

export class LiveLab {
  readonly page: Page;
  readonly dialog: Locator;
  readonly app: FrameLocator;

  private constructor(page: Page) {
    this.page = page;
    this.dialog = page.locator('dialog.live-lab');
    this.app = page.frameLocator('iframe[name="live-app"]');
  }

  /** Opens the article on the demo server and starts a run. */
  static async open(page: Page, articleUrl: string): Promise<LiveLab> {
    // Record each arrow as it lights up, in order, by watching the diagram itself. A record only
    // carries the value before the change; the value after it is the next record's "before".
    await page.addInitScript(() => {
      window.litSteps = [];
      new MutationObserver((records) => {
        records.forEach((record, index) => {
          const element = record.target as Element;
          const next = records.slice(index + 1).find((later) => later.target === element);
          const after = next ? (next.oldValue ?? '') : (element.getAttribute('class') ?? '');
          if (after.includes('is-live-latest') && !(record.oldValue ?? '').includes('is-live-latest')) {
            window.litSteps.push(Number(element.getAttribute('data-step')));
          }
        });
      }).observe(document, { attributes: true, attributeFilter: ['class'], attributeOldValue: true, subtree: true });
    });
    await page.goto(`${DEMO}${articleUrl}`);
    await page.getByRole('button', { name: /run this workflow live/i }).click();
    const lab = new LiveLab(page);
    await expect(lab.dialog.locator('[data-credential="email"]')).toBeVisible();
    return lab;
  }

  async credentials(): Promise<{ email: string; password: string }> {
    return {
      email: (await this.dialog.locator('[data-credential="email"]').textContent())!,
      password: (await this.dialog.locator('[data-credential="password"]').textContent())!,
    };
  }

  /** Waits until exactly these arrows have lit up since the last call, in this order. */
  async expectLit(steps: number[]): Promise<void> {
    // Arrows light within a few hundred milliseconds of the request: poll often.
    await expect.poll(() => this.page.evaluate(() => window.litSteps.slice()), { timeout: 10_000, intervals: [50, 100, 100, 250] }).toEqual(steps);
    await this.page.evaluate(() => window.litSteps.splice(0));
  }

  /** The summary line of every trace entry, top to bottom. */
  traceSummaries(): Locator {
    return this.dialog.locator('.trace > li > details > summary');
  }

  /** What "Cookies and tokens in the browser" shows for the host of `origin`. */
  jarOf(origin: string): Locator {
    return this.dialog.locator(`.browser-state [data-host="${new URL(origin).hostname}"]`);
  }

  /** The trace entry of the latest exchange the diagram draws as `step`. */
  traceEntry(step: number): Locator {
    return this.dialog.locator(`.trace > li[data-step="${step}"]`).last();
  }

  /** Its one-line summary: step, participants, method and URL, status. */
  traceLine(step: number): Locator {
    return this.traceEntry(step).locator(':scope > details > summary');
  }

  async logIn(): Promise<void> {
    const { email, password } = await this.credentials();
    await this.app.getByLabel('Email').fill(email);
    await this.app.getByLabel('Password').fill(password);
    await this.app.getByRole('button', { name: 'Log in' }).click();
  }

  /** Logs in with whichever form the framed browser shows: the app's own, or the identity provider's page. */
  async logInWithShownForm(): Promise<void> {
    const signIn = this.app.getByRole('button', { name: 'Sign in' });
    await expect(signIn.or(this.app.getByRole('button', { name: 'Log in' }))).toBeVisible();
    if (await signIn.isVisible()) await this.signInAtIdp();
    else await this.logIn();
  }

  /** Signs in on the identity provider's own login page, which the framed browser was sent to. */
  async signInAtIdp(): Promise<void> {
    const { email, password } = await this.credentials();
    await this.app.getByLabel('Email or username').fill(email);
    await this.app.getByLabel('Password').fill(password);
    await this.app.getByRole('button', { name: 'Sign in' }).click();
  }

  async go(url: string): Promise<void> {
    await this.dialog.getByLabel('Address').fill(url);
    await this.dialog.getByRole('button', { name: 'Go', exact: true }).click();
  }

  /** The lab's Reload button: the framed page loads again, as after a browser's reload. */
  async reload(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Reload', exact: true }).click();
  }

  /** Which of these arrows are marked as having gone differently from the diagram, in ascending order. */
  async failedAmong(steps: number[]): Promise<number[]> {
    return this.page.evaluate(
      (wanted) => [...new Set(wanted)].filter((step) => document.querySelector(`g.message[data-step="${step}"]`)?.classList.contains('is-live-failed')).sort((a, b) => a - b),
      steps,
    );
  }

  async jump(label: RegExp): Promise<void> {
    await this.dialog.getByRole('button', { name: label }).click();
    await expect(this.dialog.locator('[data-clock-note]')).toContainText('ahead of real time');
  }

  /** Runs an attack and resolves with whether it got the victim's data. */
  async attack(label: RegExp): Promise<boolean> {
    const result = this.dialog.locator('[data-attack-result]');
    await this.dialog.locator('button[data-attack]', { hasText: label }).click();
    await expect(result).toHaveAttribute('data-succeeded', /true|false/);
    return (await result.getAttribute('data-succeeded')) === 'true';
  }

  /** What script on the app's page can read, as the probe reports it. */
  async probe(): Promise<string> {
    await this.dialog.getByRole('button', { name: /try to read the tokens/i }).click();
    const result = this.dialog.locator('.probe-result');
    await expect(result.locator('[data-probe="document.cookie"]')).toBeVisible();
    return (await result.textContent())!;
  }
}
