import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registrationProblems, type WorkflowUnits } from '../../src/lib/registration/problems.ts';

const ID = 'spa/some-workflow';

interface EditableUnits extends WorkflowUnits {
  articles: Map<string, { noLiveDemo?: string }>;
  diagrams: Set<string>;
  demos: Set<string>;
  walkthroughs: Set<string>;
}

/** One complete workflow, with `change` applied. */
function units(change: (units: EditableUnits) => void = () => {}): EditableUnits {
  const all: EditableUnits = { articles: new Map([[ID, {}]]), diagrams: new Set([ID]), demos: new Set([ID]), walkthroughs: new Set([ID]) };
  change(all);
  return all;
}

test('a workflow with its article, diagram, demo definition and walkthrough is registered', () => {
  assert.deepEqual(registrationProblems(units()), []);
});

test('each missing part is named with its file and what to do', () => {
  const [diagram] = registrationProblems(units((u) => u.diagrams.clear()));
  assert.match(diagram!, /^spa\/some-workflow: no diagram\. Create diagrams\/spa\/some-workflow\.mmd: compose it from diagrams\/fragments\//);
  assert.doesNotMatch(diagram!, /noLiveDemo/);
  const [demo] = registrationProblems(units((u) => u.demos.clear()));
  assert.match(demo!, /^spa\/some-workflow: no demo definition\. Create demo-server\/workflows\/spa\/some-workflow\.ts: `export default defineWorkflow/);
  assert.match(demo!, /noLiveDemo: '<one sentence>'/);
  const [walkthrough] = registrationProblems(units((u) => u.walkthroughs.clear()));
  assert.match(walkthrough!, /^spa\/some-workflow: no walkthrough\. Create tests\/e2e\/walkthroughs\/spa\/some-workflow\.ts/);
});

test('an article that says why it has no live demo needs only its diagram', () => {
  const noDemo = units((u) => {
    u.articles.set(ID, { noLiveDemo: 'A mobile app cannot run in a browser frame.' });
    u.demos.clear();
    u.walkthroughs.clear();
  });
  assert.deepEqual(registrationProblems(noDemo), []);
  noDemo.diagrams.clear();
  assert.equal(registrationProblems(noDemo).length, 1);
});

test('a live-demo part beside an article that says it has none is a contradiction', () => {
  const problems = registrationProblems(units((u) => u.articles.set(ID, { noLiveDemo: 'A mobile app cannot run in a browser frame.' })));
  assert.deepEqual(problems, [
    'spa/some-workflow: content/workflows/spa/some-workflow.mdx says it has no live demo (noLiveDemo), but demo-server/workflows/spa/some-workflow.ts exists. Remove noLiveDemo from the frontmatter, or remove the file.',
    'spa/some-workflow: content/workflows/spa/some-workflow.mdx says it has no live demo (noLiveDemo), but tests/e2e/walkthroughs/spa/some-workflow.ts exists. Remove noLiveDemo from the frontmatter, or remove the file.',
  ]);
});

test('a demo definition or walkthrough without an article is named', () => {
  const problems = registrationProblems(units((u) => {
    u.demos.add('webapp/orphan');
    u.walkthroughs.add('webapp/orphan');
  }));
  assert.deepEqual(problems, [
    'webapp/orphan: demo-server/workflows/webapp/orphan.ts has no article. Write content/workflows/webapp/orphan.mdx, or remove the demo definition.',
    'webapp/orphan: tests/e2e/walkthroughs/webapp/orphan.ts has no article. Write content/workflows/webapp/orphan.mdx, or remove the walkthrough.',
  ]);
});
