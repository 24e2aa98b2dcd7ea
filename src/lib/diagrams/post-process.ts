/**
 * Runs inside the rendering browser, right after mermaid has drawn a diagram,
 * and turns mermaid's SVG into the one the site ships:
 *  - mermaid's own <style> and colour attributes give way to the site's CSS
 *    (custom properties), so one SVG follows the light/dark toggle;
 *  - every message (label, arrow, number) is grouped as `g.message[data-step=N]`
 *    so the page can link arrow N to step N;
 *  - 4xx/5xx responses are marked as errors from their label, dividers from
 *    their `%% section` origin, never from their position;
 *  - unused symbols and markers are dropped to keep the page light.
 *
 * It must stay self-contained: Playwright serialises it into the page.
 */
export interface PostProcessInput {
  svg: string;
  sections: string[];
  /** Each arrow's label as the author wrote it (mermaid draws it broken into lines). */
  labels: string[];
}

export function postProcessSvg({ svg, sections, labels }: PostProcessInput): string {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  root.querySelectorAll('style').forEach((el) => el.remove());
  root.removeAttribute('style');
  // Natural size, so labels keep their font size; the page scrolls the frame or fits it on request.
  const [, , width, height] = (root.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
  root.setAttribute('width', String(Math.ceil(width ?? 0)));
  root.setAttribute('height', String(Math.ceil(height ?? 0)));
  root.setAttribute('style', `--natural-width: ${Math.ceil(width ?? 0)}px`);
  root.setAttribute('class', 'sequence-diagram');
  // Mermaid numbers lanes with a counter that runs on across the diagrams one page renders, so a
  // diagram drawn alone and the same diagram drawn after others would differ: number them afresh.
  for (const prefix of ['actor', 'root-']) {
    [...root.querySelectorAll('[id]')].filter((el) => new RegExp(`^${prefix}\\d+$`).test(el.id)).forEach((el, index) => el.setAttribute('id', `${prefix}${index}`));
  }

  const isLabel = (el: Element | null) => el?.tagName === 'text' && el.classList.contains('messageText');
  root.querySelectorAll('[data-et="message"]').forEach((arrow, index) => {
    const parts: Element[] = [];
    for (let el = arrow.previousElementSibling; isLabel(el); el = el!.previousElementSibling) parts.unshift(el!);
    parts.push(arrow);
    for (let el = arrow.nextElementSibling; el && !el.hasAttribute('data-et') && !isLabel(el); el = el.nextElementSibling) {
      parts.push(el);
      // The number's circle is a marker on a zero-length line; give the line a class so CSS can size it.
      if (el.getAttribute('marker-start')?.includes('sequencenumber')) el.setAttribute('class', 'number-anchor');
      if (el.classList.contains('sequenceNumber')) break;
    }
    const group = doc.createElementNS('http://www.w3.org/2000/svg', 'g');
    const label = labels[index] ?? parts.filter(isLabel).map((el) => el.textContent ?? '').join(' ').trim();
    group.setAttribute('class', /^\s*[45]\d\d\b/.test(label) ? 'message is-error' : 'message');
    group.setAttribute('data-step', String(index + 1));
    group.setAttribute('data-label', label);
    arrow.before(group);
    // A wide invisible copy of the arrow makes a thin line easy to point at or tap.
    const hitArea = arrow.cloneNode() as Element;
    [...hitArea.attributes].forEach((attr) => attr.name.startsWith('data-') || attr.name.startsWith('marker') || attr.name === 'style' ? hitArea.removeAttribute(attr.name) : undefined);
    hitArea.setAttribute('class', 'hit-area');
    group.append(hitArea);
    parts.forEach((el) => group.append(el));
  });

  root.querySelectorAll('g[data-et="note"]').forEach((note) => {
    if (sections.includes((note.textContent ?? '').trim())) note.classList.add('section');
  });

  // Drop paint attributes so the stylesheet decides every colour.
  root.querySelectorAll('[fill], [stroke]').forEach((el) => {
    if (el.closest('marker') || el.tagName === 'rect' || el.tagName === 'line' || el.tagName === 'path') {
      if (el.getAttribute('fill') !== 'none') el.removeAttribute('fill');
      if (el.getAttribute('stroke') !== 'none') el.removeAttribute('stroke');
    }
  });

  const serialized = new XMLSerializer().serializeToString(root);
  root.querySelectorAll('symbol, marker').forEach((def) => {
    if (!serialized.includes(`#${def.id})`) && !serialized.includes(`#${def.id}"`)) def.remove();
  });
  root.querySelectorAll('defs').forEach((defs) => {
    if (defs.children.length === 0) defs.remove();
  });
  root.querySelectorAll('g').forEach((g) => {
    if (g.children.length === 0 && g.attributes.length === 0) g.remove();
  });
  return new XMLSerializer().serializeToString(root);
}
