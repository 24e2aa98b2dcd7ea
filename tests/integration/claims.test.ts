/**
 * Every security claim an article marks is proven by a step of its walkthrough, and every proof a
 * walkthrough declares backs a claim; the e2e stage then runs those steps for real.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkClaims } from '../../scripts/lib/claims.ts';
import { ProjectCopy } from '../../scripts/lib/project-copy.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

test('every claim the articles mark is proven by their walkthroughs, and every proof is claimed', async () => {
  const reports = await checkClaims(ROOT);
  for (const { article, marked, proven } of reports) console.log(`${article}: ${proven}/${marked} claims proven`);
  assert.deepEqual(reports.flatMap((report) => report.problems), []);
});

test('a claim no walkthrough proves is named, with what to do', async () => {
  const project = new ProjectCopy();
  try {
    const article = 'content/workflows/webapp/native-form-to-backend-jwt-refresh-cookies.mdx';
    project.edit(article, (text) =>
      text
        .replace('proofs:\n', 'proofs:\n  tokens-never-leak: 8\n')
        .replace('## Security considerations\n', '## Security considerations\n\nIn short, <Claim proof="tokens-never-leak">no token ever leaks</Claim>.\n'),
    );
    const { code, output } = await project.build();
    assert.equal(code, 0, output.slice(-2000));
    const problems = (await checkClaims(project.root)).flatMap((report) => report.problems);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /content\/workflows\/webapp\/native-form-to-backend-jwt-refresh-cookies\.mdx: the claim "no token ever leaks" \(proof "tokens-never-leak"\) is proven by no step of tests\/e2e\/walkthroughs\/webapp\/native-form-to-backend-jwt-refresh-cookies\.ts/);
  } finally {
    project.remove();
  }
});
