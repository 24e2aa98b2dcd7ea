/**
 * The "Which workflow should I use?" page with JavaScript: shows the questions, then only the
 * answer that fits what the reader picked, keeps the address on it (#<answer id>) and says so
 * in a live region. An address with an answer's id picks that answer's options on load. Without
 * this script the page lists every situation and shows every answer.
 */

interface AnswerSection {
  element: HTMLElement;
  heading: HTMLElement;
  when: Record<string, string>;
  recommend: string;
}

export function enhanceChooser(): void {
  const root = document.querySelector<HTMLElement>('[data-chooser]');
  if (!root) return;
  const form = root.querySelector<HTMLFormElement>('form[data-chooser-form]')!;
  const status = root.querySelector<HTMLElement>('[data-chooser-status]')!;
  const answers: AnswerSection[] = [...root.querySelectorAll<HTMLElement>('[data-answer]')].map((element) => ({
    element,
    heading: element.querySelector<HTMLElement>('h2')!,
    when: JSON.parse(element.dataset['when'] ?? '{}') as Record<string, string>,
    recommend: element.dataset['recommend'] ?? '',
  }));
  const fieldsets = [...form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')];
  const legendOf = (question: string) => fieldsets.find((fieldset) => fieldset.dataset['question'] === question)?.querySelector('legend')?.textContent ?? question;

  const picked = (): Record<string, string> => Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
  const fits = (answer: AnswerSection, choices: Record<string, string>, complete: boolean) =>
    Object.entries(answer.when).every(([question, option]) => choices[question] === option || (!complete && choices[question] === undefined));

  /** Shows the answer the picked options lead to, or what is left to answer. */
  function update(keepAddress: boolean): AnswerSection | undefined {
    const choices = picked();
    const chosen = answers.find((answer) => fits(answer, choices, true));
    const open = answers.filter((answer) => fits(answer, choices, false));
    const decisive = new Set(open.flatMap((answer) => Object.keys(answer.when)));
    for (const fieldset of fieldsets) {
      fieldset.querySelector<HTMLElement>('[data-moot]')!.hidden = decisive.has(fieldset.dataset['question']!);
    }
    for (const answer of answers) answer.element.hidden = answer !== chosen;
    status.dataset['state'] = chosen ? 'chosen' : 'open';
    if (chosen) {
      status.textContent = `Best fit: ${chosen.recommend}.`;
      if (keepAddress) history.replaceState(history.state, '', `#${chosen.element.id}`);
    } else {
      const left = [...decisive].filter((question) => choices[question] === undefined);
      status.textContent =
        left.length === 1 ? `One more question: ${legendOf(left[0]!)}` : `Answer the ${left.length === fieldsets.length ? '' : `${left.length} remaining `}questions to see which workflow to use.`;
      if (keepAddress && answers.some((answer) => `#${answer.element.id}` === location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
    }
    return chosen;
  }

  /** Picks the options of the answer the address names; false when it names none. */
  function followAddress(): boolean {
    const id = decodeURIComponent(location.hash.slice(1));
    const answer = answers.find((candidate) => candidate.element.id === id);
    if (!answer) return false;
    for (const [question, option] of Object.entries(answer.when)) {
      const radio = form.querySelector<HTMLInputElement>(`input[name="${question}"][value="${option}"]`);
      if (radio) radio.checked = true;
    }
    update(false);
    answer.element.scrollIntoView({ block: 'start' });
    return true;
  }

  form.addEventListener('change', () => update(true));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = update(true);
    if (chosen) {
      chosen.heading.focus();
    } else {
      // The first question still to answer.
      const open = fieldsets.find((fieldset) => !fieldset.querySelector('input:checked') && fieldset.querySelector<HTMLElement>('[data-moot]')!.hidden);
      open?.querySelector<HTMLInputElement>('input')?.focus();
    }
  });
  window.addEventListener('hashchange', followAddress);

  form.hidden = false;
  status.hidden = false;
  root.querySelector<HTMLElement>('[data-chooser-index]')!.hidden = true;
  root.classList.add('is-enhanced');
  if (!followAddress()) update(true);
}
