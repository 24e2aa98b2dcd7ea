/**
 * Makes a workflow's diagram and its numbered explanation one thing:
 * pointing at step N lights arrow N and the reverse, a step-through control
 * walks both, and `#step-N` links open on that step.
 */

const ACTIVE = 'is-active';

interface Elements {
  figure: HTMLElement;
  scroller: HTMLElement;
  arrows: SVGGElement[];
  steps: HTMLLIElement[];
  status: HTMLElement;
}

export function enhanceDiagrams(): void {
  const figure = document.querySelector<HTMLElement>('[data-workflow-diagram]');
  const list = document.querySelector<HTMLElement>('[data-workflow-steps]');
  if (!figure || !list) return;
  const elements: Elements = {
    figure,
    scroller: figure.querySelector<HTMLElement>('.diagram-scroll')!,
    arrows: [...figure.querySelectorAll<SVGGElement>('g.message[data-step]')],
    steps: [...list.querySelectorAll<HTMLLIElement>(':scope > li[data-step]')],
    status: figure.querySelector<HTMLElement>('[data-step-status]')!,
  };
  new StepLinker(elements).start();
}

class StepLinker {
  #el: Elements;
  #current = 0;

  constructor(elements: Elements) {
    this.#el = elements;
  }

  get count(): number {
    return this.#el.arrows.length;
  }

  start(): void {
    const { figure, arrows, steps } = this.#el;
    arrows.forEach((arrow, index) => {
      const n = index + 1;
      arrow.setAttribute('tabindex', n === 1 ? '0' : '-1');
      arrow.setAttribute('role', 'button');
      arrow.setAttribute('aria-label', `Step ${n}: ${arrow.dataset['label'] ?? ''}`);
      arrow.addEventListener('mouseenter', () => this.show(n, { from: 'hover' }));
      arrow.addEventListener('focus', () => this.show(n, { from: 'hover' }));
      arrow.addEventListener('click', () => this.show(n, { from: 'arrow' }));
      arrow.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.show(n, { from: 'arrow' });
        }
      });
    });
    steps.forEach((step, index) => {
      const n = index + 1;
      step.tabIndex = 0;
      step.addEventListener('mouseenter', () => this.show(n, { from: 'step' }));
      step.addEventListener('focus', () => this.show(n, { from: 'step' }));
      step.addEventListener('click', () => this.show(n, { from: 'step' }));
    });
    figure.querySelector('[data-step-prev]')!.addEventListener('click', () => this.move(-1));
    figure.querySelector('[data-step-next]')!.addEventListener('click', () => this.move(1));
    const fit = figure.querySelector<HTMLButtonElement>('[data-diagram-fit]')!;
    fit.addEventListener('click', () => {
      const fitted = figure.classList.toggle('is-fit');
      fit.setAttribute('aria-pressed', String(fitted));
    });
    // "Fit" only helps where the picture is wider than its frame (a phone); elsewhere it would do nothing.
    const { scroller } = this.#el;
    new ResizeObserver(() => {
      fit.hidden = !figure.classList.contains('is-fit') && scroller.scrollWidth <= scroller.clientWidth;
    }).observe(scroller);
    figure.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowRight' || event.key === 'ArrowDown') this.move(1, event);
      if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') this.move(-1, event);
    });
    figure.querySelector<HTMLElement>('[data-step-through]')!.hidden = false;
    // The live demo announces each arrow it lights; follow along in the explanation.
    figure.addEventListener('workflow:step', (event) => this.show((event as CustomEvent<number>).detail, { from: 'live' }));
    window.addEventListener('hashchange', () => this.#followHash());
    this.#followHash();
  }

  move(delta: number, event?: KeyboardEvent): void {
    event?.preventDefault();
    const next = Math.min(this.count, Math.max(1, (this.#current || (delta > 0 ? 0 : this.count + 1)) + delta));
    this.show(next, { from: 'stepper' });
    if (event && event.target instanceof SVGGElement) this.#el.arrows[next - 1]?.focus();
  }

  show(n: number, { from }: { from: 'hover' | 'arrow' | 'step' | 'stepper' | 'hash' | 'live' }): void {
    const { arrows, steps, status } = this.#el;
    this.#current = n;
    arrows.forEach((arrow, i) => {
      arrow.classList.toggle(ACTIVE, i === n - 1);
      arrow.setAttribute('tabindex', i === n - 1 ? '0' : '-1');
    });
    steps.forEach((step, i) => step.classList.toggle(ACTIVE, i === n - 1));
    const step = steps[n - 1];
    const arrow = arrows[n - 1];
    if ((from === 'stepper' || from === 'hash' || from === 'live') && step) {
      status.textContent = `Step ${n} of ${this.count}: ${describe(step)}`;
    }
    if (from !== 'hover' && arrow) this.#revealArrow(arrow);
    if ((from === 'arrow' || from === 'hash') && step) step.scrollIntoView({ behavior: scrollBehavior(), block: 'center' });
    if (from === 'stepper' || from === 'arrow') history.replaceState(null, '', `#step-${n}`);
  }

  /** Scrolls the diagram's own frame (never the page) until the arrow is in view. */
  #revealArrow(arrow: SVGGElement): void {
    const { scroller } = this.#el;
    const frame = scroller.getBoundingClientRect();
    const box = arrow.getBoundingClientRect();
    const top = scroller.scrollTop + box.top - frame.top - frame.height / 2 + box.height / 2;
    // Centre an arrow that fits; otherwise show where it starts.
    const offset = box.width < frame.width ? frame.width / 2 - box.width / 2 : 16;
    const left = scroller.scrollLeft + box.left - frame.left - offset;
    scroller.scrollTo({ top, left, behavior: scrollBehavior() });
  }

  #followHash(): void {
    const n = Number(/^#step-(\d+)$/.exec(location.hash)?.[1]);
    if (n >= 1 && n <= this.count) this.show(n, { from: 'hash' });
  }
}

/** "Browser → Store GET / — what the step says", for the status line and screen readers. */
function describe(step: HTMLLIElement): string {
  const arrow = step.querySelector('.step-arrow')?.textContent?.trim() ?? '';
  const text = [...step.childNodes]
    .filter((node) => !(node instanceof HTMLElement && node.classList.contains('step-arrow')))
    .map((node) => node.textContent)
    .join('')
    .trim();
  return arrow ? `${arrow} — ${text}` : text;
}

function scrollBehavior(): ScrollBehavior {
  return matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}
