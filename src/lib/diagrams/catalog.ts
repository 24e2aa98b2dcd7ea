/**
 * The set of rendered diagrams for a build: every `diagrams/<app-type>/<slug>.mmd`,
 * expanded, then taken from the cache or rendered.
 *
 * The cache (`diagrams/.cache/`) is keyed by a hash of everything that decides
 * the picture: the expanded source, the mermaid version, the render config and
 * the post-processing code. It is committed, so a static host without Chromium
 * builds the site as long as no diagram changed since the last commit.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DiagramRenderer, MERMAID_VERSION, RENDER_CONFIG } from './renderer.ts';
import { DiagramSourceError, expandDiagram, type ArrowOrigin, type ExpandedDiagram } from './source.ts';

export interface RenderedDiagram {
  name: string;
  /** Source path relative to the project root, for error messages. */
  file: string;
  svg: string;
  messageCount: number;
  /** Arrow N of the picture is messages[N - 1]. */
  messages: DiagramMessage[];
}

export interface DiagramMessage {
  from: string;
  to: string;
  label: string;
  error: boolean;
  /** The fragment whose include drew this arrow, if any (see ArrowOrigin). */
  fragment?: ArrowOrigin['fragment'];
}

export type DiagramCatalog = Record<string, RenderedDiagram>;

export const CACHE_DIR = path.join('diagrams', '.cache');

export interface CatalogOptions {
  log?: (message: string) => void;
}

export async function buildCatalog(root: string, { log = () => {} }: CatalogOptions = {}): Promise<DiagramCatalog> {
  const diagrams = listDiagrams(root).map((name) => expandDiagram(root, name));
  // The code that shapes the picture in the browser is part of the key, like the config.
  const shapingSource = ['post-process.ts', 'label-layout.ts'].map((file) => readFileSync(path.join(root, 'src/lib/diagrams', file), 'utf8')).join('\n');
  const cacheDir = path.join(root, CACHE_DIR);
  mkdirSync(cacheDir, { recursive: true });

  const renderer = new DiagramRenderer();
  const catalog: DiagramCatalog = {};
  const fresh = new Set<string>();
  try {
    for (const diagram of diagrams) {
      const cacheFile = `${diagram.name.replaceAll('/', '--')}--${cacheKey(diagram, shapingSource)}.svg`;
      const cachePath = path.join(cacheDir, cacheFile);
      fresh.add(cacheFile);
      let svg: string;
      if (existsSync(cachePath)) {
        svg = readFileSync(cachePath, 'utf8');
      } else {
        const started = performance.now();
        svg = await renderer.render(diagram);
        writeFileSync(cachePath, svg);
        log(`rendered ${diagram.file} in ${Math.round(performance.now() - started)} ms`);
      }
      const messages = readMessages(svg, diagram);
      catalog[diagram.name] = { name: diagram.name, file: diagram.file, svg, messageCount: countMessages(svg), messages };
    }
  } finally {
    await renderer.close();
  }
  // Drop renders of sources that changed or vanished, so the committed cache stays small.
  for (const file of readdirSync(cacheDir)) {
    if (file.endsWith('.svg') && !fresh.has(file)) rmSync(path.join(cacheDir, file));
  }
  return catalog;
}

export function listDiagrams(root: string): string[] {
  const base = path.join(root, 'diagrams');
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.mmd') && !file.startsWith('fragments/') && !file.startsWith('.cache/'))
    .map((file) => file.slice(0, -'.mmd'.length))
    .sort();
}

export function countMessages(svg: string): number {
  return svg.match(/data-et="message"/g)?.length ?? 0;
}

const MESSAGE = /<g class="message( is-error)?" data-step="\d+" data-label="([^"]*)">[\s\S]*?data-from="([^"]*)" data-to="([^"]*)"/g;

function readMessages(svg: string, { participants, arrows, file }: ExpandedDiagram): DiagramMessage[] {
  const messages = [...svg.matchAll(MESSAGE)];
  if (messages.length !== arrows.length) {
    throw new DiagramSourceError({ file, line: 1 }, `mermaid drew ${messages.length} arrows where the source has ${arrows.length}; write each arrow as "From->>To: label" on one line`);
  }
  return messages.map(([, error, label = '', from = '', to = ''], index) => ({
    from: participants[from] ?? from,
    to: participants[to] ?? to,
    label: decodeXml(label),
    error: Boolean(error),
    ...(arrows[index]!.fragment ? { fragment: arrows[index]!.fragment } : {}),
  }));
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

function cacheKey(diagram: ExpandedDiagram, shapingSource: string): string {
  return createHash('sha256')
    .update(JSON.stringify([diagram.text, diagram.sections, MERMAID_VERSION, RENDER_CONFIG, shapingSource]))
    .digest('hex')
    .slice(0, 16);
}
