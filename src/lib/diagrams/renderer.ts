/**
 * Renders expanded diagrams to SVG with mermaid in ONE headless Chromium,
 * one diagram after another, each on a page of its own (mermaid's layout
 * needs a real browser to measure text; one browser for the whole build
 * keeps that cheap).
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.ts';
import { layoutLabels, type LabelLayoutInput } from './label-layout.ts';
import { postProcessSvg } from './post-process.ts';
import { DiagramSourceError, type ExpandedDiagram } from './source.ts';

const require = createRequire(import.meta.url);

/**
 * The widest picture (in SVG px) a diagram may have. The article's diagram frame is 630 px wide on a
 * 1280-px screen, and labels drawn at 14 px may shrink to 12 px there: 630 × 14 / 12 ≈ 735, less a
 * margin for readers' fonts, which measure a little differently from the build's.
 */
export const MAX_DIAGRAM_WIDTH = 720;

const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif';

/** Everything besides the source that decides what mermaid draws; part of the cache key. */
export const RENDER_CONFIG = {
  startOnLoad: false,
  theme: 'base',
  look: 'classic',
  securityLevel: 'strict',
  fontFamily: FONT_FAMILY,
  // Mermaid applies the top-level size to every sequence label, over the per-kind sizes.
  fontSize: 14,
  sequence: {
    mirrorActors: true,
    showSequenceNumbers: true,
    messageFontSize: 14,
    // Narrow lanes; label-layout.ts widens each gap only as far as its own labels need.
    width: 92,
    actorMargin: 12,
    wrapPadding: 8,
    diagramMarginX: 6,
    // Wraps participant names; arrow labels arrive already broken into lines.
    wrap: true,
  },
} as const;

const LABEL_LAYOUT: Omit<LabelLayoutInput, 'text'> = {
  font: `${RENDER_CONFIG.sequence.messageFontSize}px ${FONT_FAMILY}`,
  laneWidth: RENDER_CONFIG.sequence.width,
  laneMargin: RENDER_CONFIG.sequence.actorMargin,
  labelPadding: RENDER_CONFIG.sequence.wrapPadding,
  diagramMargin: RENDER_CONFIG.sequence.diagramMarginX,
  maxWidth: MAX_DIAGRAM_WIDTH,
};

export const MERMAID_VERSION: string = require('mermaid/package.json').version;

export class DiagramRenderer {
  #browser: Browser | undefined;

  async render(diagram: ExpandedDiagram): Promise<string> {
    // A fresh page for every diagram: mermaid numbers some elements from counters it never resets
    // (actor ids), so on a shared page a diagram's bytes would depend on how many diagrams the same
    // build happened to render before it, and a cold rebuild would not reproduce the committed cache.
    const page = await this.#newPage();
    try {
      return await this.#renderOn(page, diagram);
    } finally {
      await page.close();
    }
  }

  async #renderOn(page: Page, diagram: ExpandedDiagram): Promise<string> {
    // Named after the diagram alone, so the same source always renders to the same bytes.
    const id = `dg-${diagram.name.replace(/[^a-z0-9]+/gi, '-')}`;
    const layout = await page.evaluate(layoutLabels, { ...LABEL_LAYOUT, text: diagram.text });
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
      { id, text: layout.text },
    );
    if (result.error !== undefined) throw mermaidError(diagram, result.error);
    const svg = await page.evaluate(postProcessSvg, { svg: result.svg!, sections: diagram.sections, labels: layout.labels });
    const width = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    if (width > MAX_DIAGRAM_WIDTH) throw tooWide(diagram, width);
    return svg;
  }

  async close(): Promise<void> {
    await this.#browser?.close();
    this.#browser = undefined;
  }

  /** A page with mermaid loaded and configured, in the build's one browser (started on first use). */
  async #newPage(): Promise<Page> {
    if (!this.#browser) {
      const { chromium } = await import('playwright-core');
      try {
        this.#browser = await chromium.launch(chromiumLaunchOptions());
      } catch {
        throw new Error(
          'Diagrams need rendering but no Chromium could be started: install Chromium (e.g. `apt-get install chromium`) or set CHROMIUM_PATH, or build from a checkout whose diagrams/.cache holds every diagram.',
        );
      }
    }
    const page = await this.#browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate((config) => {
      (globalThis as unknown as { mermaid: { initialize(c: unknown): void } }).mermaid.initialize(config);
    }, RENDER_CONFIG);
    return page;
  }
}

function tooWide(diagram: ExpandedDiagram, width: number): Error {
  return new DiagramSourceError(
    { file: diagram.file, line: 1 },
    `the diagram is ${width} px wide, more than the ${MAX_DIAGRAM_WIDTH} px that stay legible on a 1280-px screen. ` +
      'Shorten its longest arrow labels, or break them with <br/> where a line may end.',
  );
}

/** Maps mermaid's "Parse error on line N" back to the file and line an author wrote. */
function mermaidError(diagram: ExpandedDiagram, message: string): Error {
  const line = /line (\d+)/i.exec(message)?.[1];
  const origin = line ? diagram.origins[Number(line) - 1] : undefined;
  const detail = message.split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ').trim();
  return new DiagramSourceError(origin ?? { file: diagram.file, line: 1 }, `invalid mermaid: ${detail}`);
}
