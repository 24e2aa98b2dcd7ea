/**
 * Renders expanded diagrams to SVG with mermaid in ONE headless Chromium,
 * one diagram after another (mermaid's layout needs a real browser to
 * measure text; one browser for the whole build keeps that cheap).
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.ts';
import { postProcessSvg } from './post-process.ts';
import { DiagramSourceError, type ExpandedDiagram } from './source.ts';

const require = createRequire(import.meta.url);

/** Everything besides the source that decides what mermaid draws; part of the cache key. */
export const RENDER_CONFIG = {
  startOnLoad: false,
  theme: 'base',
  look: 'classic',
  securityLevel: 'strict',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif',
  sequence: {
    mirrorActors: true,
    showSequenceNumbers: true,
    messageFontSize: 14,
    noteFontSize: 14,
    actorFontSize: 15,
    actorMargin: 40,
    wrap: false,
  },
} as const;

export const MERMAID_VERSION: string = require('mermaid/package.json').version;

export class DiagramRenderer {
  #browser: Browser | undefined;
  #page: Page | undefined;
  #count = 0;

  async render(diagram: ExpandedDiagram): Promise<string> {
    const page = await this.#open();
    const id = `dg-${diagram.name.replace(/[^a-z0-9]+/gi, '-')}-${++this.#count}`;
    const result = await page.evaluate(
      async ({ id, text }) => {
        const mermaid = (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
        try {
          return { svg: (await mermaid.render(id, text)).svg };
        } catch (error) {
          // mermaid leaves its scratch element behind when parsing fails.
          document.getElementById(`d${id}`)?.remove();
          return { error: error instanceof Error ? error.message : String(error) };
        }
      },
      { id, text: diagram.text },
    );
    if (result.error !== undefined) throw mermaidError(diagram, result.error);
    return page.evaluate(postProcessSvg, { svg: result.svg!, sections: diagram.sections });
  }

  async close(): Promise<void> {
    await this.#browser?.close();
    this.#browser = undefined;
    this.#page = undefined;
  }

  async #open(): Promise<Page> {
    if (this.#page) return this.#page;
    const { chromium } = await import('playwright-core');
    try {
      this.#browser = await chromium.launch(chromiumLaunchOptions());
    } catch {
      throw new Error(
        'Diagrams need rendering but no Chromium could be started: install Chromium (e.g. `apt-get install chromium`) or set CHROMIUM_PATH, or build from a checkout whose diagrams/.cache holds every diagram.',
      );
    }
    this.#page = await this.#browser.newPage();
    await this.#page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await this.#page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await this.#page.evaluate((config) => {
      (globalThis as unknown as { mermaid: { initialize(c: unknown): void } }).mermaid.initialize(config);
    }, RENDER_CONFIG);
    return this.#page;
  }
}

/** Maps mermaid's "Parse error on line N" back to the file and line an author wrote. */
function mermaidError(diagram: ExpandedDiagram, message: string): Error {
  const line = /line (\d+)/i.exec(message)?.[1];
  const origin = line ? diagram.origins[Number(line) - 1] : undefined;
  const detail = message.split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ').trim();
  return new DiagramSourceError(origin ?? { file: diagram.file, line: 1 }, `invalid mermaid: ${detail}`);
}
