/**
 * Turns the chooser's answers (src/data/choices.ts) into what the page shows, against the articles
 * that exist: the first written pick of each list, its verdict, and the step of each proof it cites,
 * read from the article's frontmatter so the links follow the steps when they move. Anything that
 * can't be resolved stops the build with one line per problem, naming the answer and the fix.
 */
import {
  ANSWERS,
  PLANNED_ARTICLES,
  PROOF_PHRASES,
  QUESTIONS,
  type Answer,
  type Choice,
  type OptionalChoice,
  type ProofName,
  type QuestionId,
  type Situation,
} from '../data/choices.ts';
import type { Verdict } from '../data/taxonomy.ts';

/** What the chooser needs to know of one written article. */
export interface ArticleFacts {
  id: string;
  title: string;
  rating: Verdict;
  proofs: Readonly<Record<string, number>>;
}

export interface ProofLink {
  name: string;
  phrase: string;
  step: number;
  href: string;
}

export interface ResolvedPick {
  article: ArticleFacts;
  href: string;
  note: string;
  proofs: ProofLink[];
}

export interface ResolvedAnswer {
  id: string;
  when: Situation;
  /** The situation in words: "Single-page app, own login form, …". */
  situation: string;
  /** The same without the kind of app, for a list grouped by it. */
  situationWithinApp: string;
  /** Questions whose answer doesn't change this one. */
  ignored: QuestionId[];
  why: string;
  recommend: ResolvedPick;
  alternatives: ResolvedPick[];
  avoid?: { text: string; picks: ResolvedPick[] };
}

const QUESTION_IDS = Object.keys(QUESTIONS) as QuestionId[];
const DEFAULT_PROOFS = 3;
const SOURCE = 'src/data/choices.ts';

export class ChoiceProblems extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`The workflow chooser (${SOURCE}) does not fit the articles:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ChoiceProblems';
    this.problems = problems;
  }
}

const optionsOf = (question: QuestionId) => QUESTIONS[question].options as Record<string, { label: string; short: string }>;

/** Every full set of answers to the questions. */
export function allSituations(): Required<Record<QuestionId, string>>[] {
  return QUESTION_IDS.reduce<Record<string, string>[]>(
    (partial, question) => partial.flatMap((situation) => Object.keys(optionsOf(question)).map((option) => ({ ...situation, [question]: option }))),
    [{}],
  ) as Required<Record<QuestionId, string>>[];
}

export const answersTo = (situation: Record<string, string>, answers: readonly Answer[] = ANSWERS): Answer[] =>
  answers.filter((answer) => Object.entries(answer.when).every(([question, option]) => situation[question] === option));

/** Problems with the answers themselves, whatever articles exist: ids, options, and one answer per situation. */
export function answerProblems(answers: readonly Answer[] = ANSWERS): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const answer of answers) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(answer.id)) problems.push(`answer "${answer.id}": its id must be kebab-case, it becomes /workflows/choose/#${answer.id}`);
    if (seen.has(answer.id)) problems.push(`answer "${answer.id}": two answers have this id`);
    seen.add(answer.id);
    for (const [question, option] of Object.entries(answer.when)) {
      if (!(question in QUESTIONS)) problems.push(`answer "${answer.id}": when.${question}: there is no such question (${QUESTION_IDS.join(', ')})`);
      else if (!(option in optionsOf(question as QuestionId))) problems.push(`answer "${answer.id}": when.${question}: "${option}" is not one of ${Object.keys(optionsOf(question as QuestionId)).join(', ')}`);
    }
  }
  for (const situation of allSituations()) {
    const matching = answersTo(situation, answers);
    const words = QUESTION_IDS.map((question) => `${question}=${situation[question]}`).join(' ');
    if (matching.length === 0) problems.push(`no answer covers ${words}: add one, or widen the "when" of a neighbour`);
    if (matching.length > 1) problems.push(`answers ${matching.map((answer) => `"${answer.id}"`).join(' and ')} both cover ${words}: narrow their "when"`);
  }
  return problems;
}

export function situationWords(when: Situation, questions: readonly QuestionId[] = QUESTION_IDS): string {
  const words = questions.flatMap((question) => {
    const option = when[question];
    return option === undefined ? [] : [optionsOf(question)[option]!.short];
  });
  return words.join(', ');
}

/** Phrase of a proof the chooser has no words for: its name, read aloud. */
const spokenName = (name: string) =>
  name
    .split('-')
    .map((word) => ({ idp: 'identity provider', jwt: 'JWT', sso: 'SSO', csrf: 'CSRF', pkce: 'PKCE', uri: 'URI' })[word] ?? word)
    .join(' ');

/**
 * Resolves every answer against the written articles (`articles`, by id). Throws ChoiceProblems
 * listing every problem when one of them can't be shown as written. `checkCoverage: false` skips
 * the check that the answers cover every situation once, for trying out a few answers alone.
 */
export function resolveAnswers(
  articles: ReadonlyMap<string, ArticleFacts>,
  answers: readonly Answer[] = ANSWERS,
  { checkCoverage = true }: { checkCoverage?: boolean } = {},
): ResolvedAnswer[] {
  const problems = checkCoverage ? answerProblems(answers) : [];
  const planned = new Set<string>(PLANNED_ARTICLES);

  const resolvePicks = (answer: Answer, where: string, picks: Choice, optional: boolean): ResolvedPick | undefined => {
    for (const pick of picks) {
      if (!articles.has(pick.article) && !planned.has(pick.article)) {
        problems.push(
          `answer "${answer.id}", ${where}: "${pick.article}" is no article (content/workflows/${pick.article}.mdx does not exist) and not in PLANNED_ARTICLES: fix the id, or add it there if the article is on its way`,
        );
      }
    }
    const pick = picks.find((candidate) => articles.has(candidate.article));
    if (!pick) {
      if (!optional) {
        problems.push(
          `answer "${answer.id}", ${where}: none of ${picks.map((candidate) => `"${candidate.article}"`).join(', ')} exists yet: add a pick whose article is written (content/workflows/<id>.mdx) at the end of the list`,
        );
      }
      return undefined;
    }
    const article = articles.get(pick.article)!;
    const href = `/workflows/${article.id}/`;
    const cited: readonly string[] =
      pick.cite ??
      (() => {
        const known = (Object.keys(PROOF_PHRASES) as ProofName[]).filter((name) => article.proofs[name] !== undefined);
        return (known.length > 0 ? known : Object.keys(article.proofs)).slice(0, DEFAULT_PROOFS);
      })();
    const proofs = cited.flatMap((name) => {
      const step = article.proofs[name];
      if (step === undefined) {
        const listed = Object.keys(article.proofs);
        problems.push(
          `answer "${answer.id}", ${where}: cites the proof "${name}", which content/workflows/${article.id}.mdx does not list (its proofs: ${listed.length > 0 ? listed.join(', ') : 'none'})`,
        );
        return [];
      }
      return [{ name, phrase: PROOF_PHRASES[name as ProofName] ?? spokenName(name), step, href: `${href}#step-${step}` }];
    });
    return { article, href, note: pick.note, proofs };
  };

  const resolved = answers.map((answer): ResolvedAnswer | undefined => {
    const recommend = resolvePicks(answer, 'recommend', answer.recommend, false);
    if (recommend?.article.rating === 'discouraged') {
      problems.push(`answer "${answer.id}", recommend: "${recommend.article.id}" is rated discouraged: recommend another workflow, or list it under avoid`);
    }
    const shown = new Set(recommend ? [recommend.article.id] : []);
    const distinct = (choices: readonly OptionalChoice[], where: string) =>
      choices.flatMap((choice, index) => {
        const pick = resolvePicks(answer, `${where}[${index}]`, choice.picks, choice.optional === true);
        if (!pick || shown.has(pick.article.id)) return [];
        shown.add(pick.article.id);
        return [pick];
      });
    const alternatives = distinct(answer.alternatives, 'alternatives');
    const avoid = answer.avoid && { text: answer.avoid.text, picks: distinct(answer.avoid.choices ?? [], 'avoid.choices') };
    if (!recommend) return undefined;
    const ignored = QUESTION_IDS.filter((question) => answer.when[question] === undefined);
    return {
      id: answer.id,
      when: answer.when,
      situation: situationWords(answer.when).replace(/^./, (first) => first.toUpperCase()),
      situationWithinApp: situationWords(answer.when, QUESTION_IDS.filter((question) => question !== 'app')).replace(/^./, (first) => first.toUpperCase()),
      ignored,
      why: answer.why,
      recommend,
      alternatives,
      ...(avoid ? { avoid } : {}),
    };
  });

  if (problems.length > 0) throw new ChoiceProblems(problems);
  return resolved.filter((answer): answer is ResolvedAnswer => answer !== undefined);
}
