import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWERS, type Answer } from '../../src/data/choices.ts';
import { allSituations, answerProblems, answersTo, ChoiceProblems, resolveAnswers, type ArticleFacts } from '../../src/lib/choices.ts';

const article = (id: string, proofs: Record<string, number> = {}, rating: ArticleFacts['rating'] = 'acceptable'): [string, ArticleFacts] => [
  id,
  { id, title: `Title of ${id}`, rating, proofs },
];

const base: Answer = {
  id: 'webapp-hosted',
  when: { app: 'webapp', loginPage: 'hosted' },
  why: 'Because.',
  recommend: [
    { article: 'webapp/oauth-authorization-code-session', note: 'Preferred once written.' },
    { article: 'webapp/oauth-authorization-code-jwt-refresh-cookies', note: 'Written today.', cite: ['password-goes-only-to-the-idp'] },
  ],
  alternatives: [],
};

test('every situation the questions allow has exactly one answer, and the ids are unique and stable-looking', () => {
  assert.deepEqual(answerProblems(), []);
  assert.equal(allSituations().length, 3 * 2 * 2 * 2 * 2);
  for (const situation of allSituations()) assert.equal(answersTo(situation).length, 1, JSON.stringify(situation));
  assert.equal(new Set(ANSWERS.map((answer) => answer.id)).size, ANSWERS.length);
});

test('an overlap or a gap between answers is named with the situation', () => {
  const overlapping = [...ANSWERS, { ...ANSWERS[0]!, id: 'another' }];
  assert.match(answerProblems(overlapping).join('\n'), /answers "webapp-hosted-sensitive" and "another" both cover app=webapp loginPage=hosted/);
  const gap = ANSWERS.filter((answer) => answer.id !== 'native-hosted');
  assert.match(answerProblems(gap).join('\n'), /no answer covers app=native loginPage=hosted domains=one-domain sso=yes data=sensitive/);
});

test('the first written pick of a list wins, so a planned article takes over the day it is written', () => {
  const today = new Map([article('webapp/oauth-authorization-code-jwt-refresh-cookies', { 'password-goes-only-to-the-idp': 7 }, 'recommended')]);
  const later = new Map([...today, article('webapp/oauth-authorization-code-session', { 'page-script-reads-no-token': 13, 'password-goes-only-to-the-idp': 7, 'unnamed-claim': 3 }, 'recommended')]);
  const only = (articles: Map<string, ArticleFacts>) => resolveAnswers(articles, [base], { checkCoverage: false })[0]!;
  assert.equal(only(today).recommend.article.id, 'webapp/oauth-authorization-code-jwt-refresh-cookies');
  assert.deepEqual(only(today).recommend.proofs, [
    { name: 'password-goes-only-to-the-idp', phrase: 'the password goes only to the identity provider', step: 7, href: '/workflows/webapp/oauth-authorization-code-jwt-refresh-cookies/#step-7' },
  ]);
  const taken = only(later).recommend;
  assert.equal(taken.article.id, 'webapp/oauth-authorization-code-session');
  // Without `cite`, the proofs the chooser has words for, most telling first.
  assert.deepEqual(taken.proofs.map((proof) => proof.name), ['password-goes-only-to-the-idp', 'page-script-reads-no-token']);
});

test('an answer whose articles are all unwritten names the answer and every id', () => {
  const error = (() => {
    try {
      resolveAnswers(new Map(), [base], { checkCoverage: false });
    } catch (caught) {
      return caught as ChoiceProblems;
    }
    return undefined;
  })();
  assert.ok(error instanceof ChoiceProblems);
  assert.match(error.message, /src\/data\/choices\.ts/);
  assert.match(error.message, /answer "webapp-hosted", recommend: none of "webapp\/oauth-authorization-code-session", "webapp\/oauth-authorization-code-jwt-refresh-cookies" exists yet/);
});

test('an id that is neither an article nor planned fails even when a later pick exists', () => {
  const articles = new Map([article('webapp/oauth-authorization-code-jwt-refresh-cookies', { 'password-goes-only-to-the-idp': 7 })]);
  const typo: Answer = { ...base, recommend: [{ article: 'webapp/oauth-authorisation-code-session', note: 'Typo.' }, base.recommend[1]!] };
  assert.throws(() => resolveAnswers(articles, [typo], { checkCoverage: false }), /answer "webapp-hosted", recommend: "webapp\/oauth-authorisation-code-session" is no article \(content\/workflows\/webapp\/oauth-authorisation-code-session\.mdx does not exist\) and not in PLANNED_ARTICLES/);
});

test('a cited proof the article does not list names the answer, the proof and the proofs it has', () => {
  const articles = new Map([article('webapp/oauth-authorization-code-jwt-refresh-cookies', { 'page-script-reads-no-token': 13 })]);
  assert.throws(
    () => resolveAnswers(articles, [base], { checkCoverage: false }),
    /answer "webapp-hosted", recommend: cites the proof "password-goes-only-to-the-idp", which content\/workflows\/webapp\/oauth-authorization-code-jwt-refresh-cookies\.mdx does not list \(its proofs: page-script-reads-no-token\)/,
  );
});

test('an optional alternative waits for its article; a discouraged workflow cannot be the recommendation', () => {
  const articles = new Map([
    article('webapp/oauth-authorization-code-jwt-refresh-cookies', { 'password-goes-only-to-the-idp': 7 }, 'discouraged'),
  ]);
  const withOptional: Answer = { ...base, alternatives: [{ optional: true, picks: [{ article: 'spa/backend-for-frontend', note: 'Later.' }] }] };
  assert.throws(() => resolveAnswers(articles, [withOptional], { checkCoverage: false }), /is rated discouraged/);
  articles.set('webapp/oauth-authorization-code-jwt-refresh-cookies', { ...articles.get('webapp/oauth-authorization-code-jwt-refresh-cookies')!, rating: 'recommended' });
  assert.deepEqual(resolveAnswers(articles, [withOptional], { checkCoverage: false })[0]!.alternatives, []);
});

test('an alternative that resolves to the recommended article is not shown twice', () => {
  const articles = new Map([article('webapp/oauth-authorization-code-jwt-refresh-cookies', { 'password-goes-only-to-the-idp': 7 }, 'recommended')]);
  const twice: Answer = { ...base, alternatives: [{ picks: [base.recommend[1]!] }] };
  assert.deepEqual(resolveAnswers(articles, [twice], { checkCoverage: false })[0]!.alternatives, []);
});
