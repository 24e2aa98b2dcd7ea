/** Checks on dist/ itself: what every reader downloads, whatever their browser. */
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SEEDS } from './articles.ts';

const DIST = path.resolve(import.meta.dirname, '../../../dist');
const files = (extension: string) =>
  readdirSync(DIST, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension) && !file.startsWith('pagefind'))
    .map((file) => path.join(DIST, file));

test('each seed article ships its diagram as inline SVG with one message per step', () => {
  for (const seed of SEEDS) {
    const html = readFileSync(path.join(DIST, seed.url, 'index.html'), 'utf8');
    expect(html.match(/data-et="message"/g)?.length, seed.url).toBe(seed.steps);
    expect(html).toContain('<svg');
  }
});

test('no page loads mermaid or any diagram renderer', () => {
  for (const file of [...files('.html'), ...files('.js')]) {
    expect(readFileSync(file, 'utf8'), path.relative(DIST, file)).not.toMatch(/mermaid(\.min)?\.js|mermaidAPI|from\s*["'][^"']*mermaid/);
  }
});
