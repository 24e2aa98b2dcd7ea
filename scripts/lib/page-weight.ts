/**
 * What a reader downloads for one page, in gzip bytes, measured in a real browser:
 * JavaScript loaded up to network idle (everything before the reader opens the
 * live demo), CSS, and the HTML document (which carries the inline diagram SVG).
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export interface PageWeight {
  js: number;
  css: number;
  html: number;
}

export async function measurePageWeight(page: Page, url: string): Promise<PageWeight> {
  const bodies: Record<keyof PageWeight, Buffer[]> = { js: [], css: [], html: [] };
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const kind = { script: 'js', stylesheet: 'css', document: 'html' }[response.request().resourceType()] as keyof PageWeight | undefined;
    if (kind) pending.push(response.body().then((body) => void bodies[kind].push(body)));
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const inline = await page.evaluate(() => ({
    js: [...document.querySelectorAll('script:not([src])')].map((el) => el.textContent ?? ''),
    css: [...document.querySelectorAll('style')].map((el) => el.textContent ?? ''),
  }));
  bodies.js.push(...inline.js.filter(Boolean).map((text) => Buffer.from(text)));
  const gzipped = (list: Buffer[]) => list.reduce((sum, body) => sum + gzipSync(body).length, 0);
  return { js: gzipped(bodies.js), css: gzipped(bodies.css), html: gzipped(bodies.html) };
}
