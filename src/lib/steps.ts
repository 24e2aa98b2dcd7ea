/**
 * Numbers the <li data-workflow-step> items that partials and inline steps
 * rendered, in document order, and heads each with the arrow it explains.
 */
import type { DiagramMessage } from './diagrams/catalog.ts';

const STEP = /<li data-workflow-step(?: data-fragment="([^"]*)"( data-fragment-start)?)?(?=[\s>])([^>]*)>/g;

/** The steps one use of a step partial rendered: it explains `diagrams/fragments/<fragment>.mmd`. */
export interface PartialUse {
  fragment: string;
  first: number;
  last: number;
}

export function numberSteps(html: string, messages: DiagramMessage[]): { html: string; count: number; partials: PartialUse[] } {
  let count = 0;
  const partials: PartialUse[] = [];
  const numbered = html.replace(STEP, (_match, fragment: string | undefined, start: string | undefined, attributes: string) => {
    count += 1;
    if (fragment && (start || partials.at(-1)?.fragment !== fragment)) partials.push({ fragment, first: count, last: count });
    else if (fragment) partials.at(-1)!.last = count;
    const message = messages[count - 1];
    const arrow = message
      ? `<span class="step-arrow${message.error ? ' is-error' : ''}"><span class="step-actors">${escapeHtml(message.from)} → ${escapeHtml(message.to)}</span> <code>${escapeHtml(message.label)}</code></span> `
      : '';
    return `<li id="step-${count}" data-step="${count}"${attributes}>${arrow}`;
  });
  return { html: numbered, count, partials };
}

/**
 * Where a step partial does not explain, one for one, the arrows its fragment draws at that point of
 * the diagram: each problem names the steps, the partial, the arrows and what to do.
 */
export function misplacedPartials(partials: PartialUse[], messages: DiagramMessage[], diagramFile: string): string[] {
  const span = (first: number, last: number) => (first === last ? `${first}` : `${first}–${last}`);
  return partials.flatMap(({ fragment, first, last }) => {
    const partial = `content/partials/steps/${fragment}.mdx`;
    const site = messages[first - 1]?.fragment;
    if (!site || site.name !== fragment) {
      const drawnBy = site ? `the fragment ${site.name} (${site.includedAt.file}:${site.includedAt.line})` : 'the diagram itself, not a fragment';
      return [`steps ${span(first, last)} come from ${partial}, but arrow ${first} of ${diagramFile} is drawn by ${drawnBy}. Use the partial where the diagram has "%% include ${fragment}", or explain this arrow with a <Step> of its own.`];
    }
    const sameInclude = (index: number) => {
      const other = messages[index]?.fragment;
      return other?.name === site.name && other.includedAt.line === site.includedAt.line && other.includedAt.file === site.includedAt.file;
    };
    let arrowsFirst = first;
    while (sameInclude(arrowsFirst - 2)) arrowsFirst -= 1;
    let arrowsLast = first;
    while (sameInclude(arrowsLast)) arrowsLast += 1;
    if (arrowsFirst === first && arrowsLast === last) return [];
    return [`${partial} explains steps ${span(first, last)}, but "%% include ${fragment}" at ${site.includedAt.file}:${site.includedAt.line} draws arrows ${span(arrowsFirst, arrowsLast)}. A step partial must have one step per arrow of its fragment: add or remove steps in the partial or the fragment so the two agree.`];
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
