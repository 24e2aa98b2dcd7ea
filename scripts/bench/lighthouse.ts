/**
 * Lighthouse scores (performance, accessibility, best practices, SEO) for the
 * landing page, the index and the seed articles, in Debian's Chromium, against
 * the built site served statically.
 */
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../src/lib/chromium.ts';
import { startPreview } from '../lib/preview-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGES = [
  '/',
  '/workflows/',
  '/workflows/webapp/native-form-to-backend-jwt-refresh-cookies/',
  '/workflows/spa/native-form-to-idp-same-domain-jwt-refresh-cookies/',
];
const SITE_PORT = 4398;
const DEBUG_PORT = 9333;

export async function benchLighthouse(): Promise<string[]> {
  const server = await startPreview(ROOT, SITE_PORT);
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({ args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`], ...(executablePath ? { executablePath } : {}) });
  try {
    const lines = ['page                                                               perf  a11y  best  seo'];
    for (const page of PAGES) {
      const result = await lighthouse(`http://127.0.0.1:${SITE_PORT}${page}`, { port: DEBUG_PORT, output: 'json', logLevel: 'error' });
      const categories = result?.lhr.categories ?? {};
      const score = (id: string) => String(Math.round((categories[id]?.score ?? 0) * 100)).padStart(4);
      lines.push(`${page.padEnd(66)} ${score('performance')}  ${score('accessibility')}  ${score('best-practices')}  ${score('seo')}`);
    }
    return lines;
  } finally {
    await browser.close();
    server.kill();
  }
}

if (import.meta.main) console.log((await benchLighthouse()).join('\n'));
