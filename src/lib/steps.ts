/**
 * Numbers the <li data-workflow-step> items that partials and inline steps
 * rendered, in document order, and heads each with the arrow it explains.
 */
import type { DiagramMessage } from './diagrams/catalog.ts';

const STEP = /<li data-workflow-step(?=[\s>])([^>]*)>/g;

export function numberSteps(html: string, messages: DiagramMessage[]): { html: string; count: number } {
  let count = 0;
  const numbered = html.replace(STEP, (_match, attributes: string) => {
    count += 1;
    const message = messages[count - 1];
    const arrow = message
      ? `<span class="step-arrow${message.error ? ' is-error' : ''}"><span class="step-actors">${escapeHtml(message.from)} → ${escapeHtml(message.to)}</span> <code>${escapeHtml(message.label)}</code></span> `
      : '';
    return `<li id="step-${count}" data-step="${count}"${attributes}>${arrow}`;
  });
  return { html: numbered, count };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
