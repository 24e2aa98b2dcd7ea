/**
 * Runs one declared walkthrough (tests/e2e/walkthroughs/<app-type>/<slug>.ts) from its article's
 * live lab, step by step, and then requires that every arrow of the diagram was lit by a real exchange.
 */
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { LiveLab } from './live-lab.ts';
import { range, type Walk, type Walkthrough } from '../walkthroughs/walkthrough.ts';

export const WALKTHROUGHS = path.resolve(import.meta.dirname, '../walkthroughs');

/** Walks article `id` as its walkthrough says; returns the lab it walked in. */
export async function walkThrough(page: Page, context: BrowserContext, id: string): Promise<LiveLab> {
  const file = path.join(WALKTHROUGHS, `${id}.ts`);
  const { default: walkthrough } = (await import(file)) as { default: Walkthrough };
  expect(walkthrough.article, `${file} walks another article`).toBe(id);
  const lab = await LiveLab.open(page, `/workflows/${id}/`);
  const walk: Walk = { lab, context, memory: new Map() };
  const lit = new Set<number>();
  for (const [index, step] of walkthrough.steps.entries()) {
    await test.step(`${index + 1}. ${step.says}`, async () => {
      await step.do(walk);
      if (step.shows) await expect(step.shows(lab.app)).toBeVisible();
      const lights = step.lights ?? [];
      await lab.expectLit(lights);
      lights.forEach((arrow) => lit.add(arrow));
      // An answer that contradicts its arrow must be one the script expects (a refused replay), and vice versa.
      expect(await lab.failedAmong(lights), 'arrows that went differently from the diagram').toEqual([...new Set(step.fails ?? [])].sort((a, b) => a - b));
      await step.check?.(walk);
    });
  }
  const arrows = await page.locator('g.message[data-step]').count();
  const unlit = range(1, arrows).filter((arrow) => !lit.has(arrow));
  console.log(`${id}: ${arrows - unlit.length}/${arrows} arrows lit`);
  expect(unlit, 'arrows no step of the walkthrough lit').toEqual([]);
  return lab;
}
