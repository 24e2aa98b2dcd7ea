/**
 * Site benchmark: what a reader downloads for a workflow article, and how long
 * builds take, against the same article drawn by client-side mermaid.
 *
 * Works in a throwaway copy of the project so the checkout's diagram cache is untouched.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../../src/lib/chromium.ts';
import { measurePageWeight, type PageWeight } from '../lib/page-weight.ts';
import { startPreview } from '../lib/preview-server.ts';
import { expandDiagram } from '../../src/lib/diagrams/source.ts';
import { ProjectCopy } from '../lib/project-copy.ts';

const ARTICLE = '/workflows/spa/native-form-to-idp-same-domain-jwt-refresh-cookies/';
const DIAGRAM = 'spa/native-form-to-idp-same-domain-jwt-refresh-cookies';
const PORT = 4399;
const ROOT = path.resolve(import.meta.dirname, '../..');

export async function benchSite(): Promise<string[]> {
  const project = new ProjectCopy();
  try {
    rmSync(path.join(project.root, 'diagrams/.cache'), { recursive: true, force: true });
    const cold = await timedBuild(project);
    const warm = await timedBuild(project);
    writeBaselinePage(project.root);
    const server = await startPreview(project.root, PORT);
    try {
      const browser = await chromium.launch(chromiumLaunchOptions());
      const ours = await measurePage(browser, ARTICLE);
      const baseline = await measurePage(browser, '/_baseline/');
      await browser.close();
      return [
        `article ${ARTICLE}`,
        `  JS (gzip):              ${kb(ours.js)} (all of it, Starlight's included)`,
        `  CSS (gzip):             ${kb(ours.css)}`,
        `  HTML + inline SVG:      ${kb(ours.html)}`,
        `  diagram SVG (gzip):     ${kb(ours.svgGzip)}`,
        `  diagram drawn after:    ${ours.diagramMs.toFixed(0)} ms`,
        `client-side mermaid baseline (same diagram, bare page)`,
        `  JS (gzip):              ${kb(baseline.js)}`,
        `  diagram drawn after:    ${baseline.diagramMs.toFixed(0)} ms`,
        `  ratio JS baseline/ours: ${(baseline.js / Math.max(ours.js, 1)).toFixed(1)}×`,
        `build of the whole site`,
        `  cold (no diagram cache): ${(cold / 1000).toFixed(1)} s`,
        `  warm (cache hit):        ${(warm / 1000).toFixed(1)} s`,
      ];
    } finally {
      server.kill();
    }
  } finally {
    project.remove();
  }
}

async function timedBuild(project: ProjectCopy): Promise<number> {
  const started = performance.now();
  const { code, output } = await project.build();
  if (code !== 0) throw new Error(`build failed:\n${output.slice(-3000)}`);
  return performance.now() - started;
}

/** The article's diagram drawn the usual client-side way: mermaid loaded and run in the page. */
function writeBaselinePage(root: string): void {
  const out = path.join(root, 'dist/_baseline');
  mkdirSync(out, { recursive: true });
  const mermaidDist = path.join(ROOT, 'node_modules/mermaid/dist');
  cpSync(path.join(mermaidDist, 'mermaid.esm.min.mjs'), path.join(out, 'mermaid.esm.min.mjs'));
  cpSync(path.join(mermaidDist, 'chunks/mermaid.esm.min'), path.join(out, 'chunks/mermaid.esm.min'), { recursive: true });
  const source = expandDiagram(root, DIAGRAM).text;
  writeFileSync(
    path.join(out, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body>
<pre class="mermaid">${source.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>
<script type="module">
  import mermaid from './mermaid.esm.min.mjs';
  mermaid.initialize({ startOnLoad: false, theme: 'base', look: 'classic' });
  await mermaid.run();
</script></body></html>`,
  );
}

interface PageFigures extends PageWeight {
  svgGzip: number;
  diagramMs: number;
}

async function measurePage(browser: Browser, url: string): Promise<PageFigures> {
  const page = await browser.newPage();
  // Time from navigation start until the diagram's first arrow exists, whoever draws it.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('svg [data-et="message"]')) return;
      (window as unknown as { diagramAt: number }).diagramAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const weight = await measurePageWeight(page, `http://127.0.0.1:${PORT}${url}`);
  const diagramMs = await page.waitForFunction(() => (window as unknown as { diagramAt?: number }).diagramAt).then((h) => h.jsonValue() as Promise<number>);
  const svg = await page.locator('svg:has([data-et="message"])').first().evaluate((el) => el.outerHTML);
  await page.close();
  return { ...weight, svgGzip: gzipSync(svg).length, diagramMs };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.main) console.log((await benchSite()).join('\n'));
