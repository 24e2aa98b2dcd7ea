/**
 * The import rules in .dependency-cruiser.cjs, run as `npm test` runs them (`npm run layers`) on a
 * copy of the project: it passes as it is, and one added import that breaks a rule makes it fail,
 * naming the rule. A rule set that missed type-only imports, say, would fail the first back-import.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectCopy } from '../../scripts/lib/project-copy.ts';

const prepend = (line: string) => (text: string) => `${line}\n${text}`;

async function checkLayers(edits: Record<string, (text: string) => string>): Promise<{ code: number; output: string }> {
  const project = new ProjectCopy();
  try {
    for (const [file, change] of Object.entries(edits)) project.edit(file, change);
    return await project.npmRun('layers');
  } finally {
    project.remove();
  }
}

test('the project as it is follows every rule', async () => {
  const { code, output } = await checkLayers({});
  assert.equal(code, 0, output);
  assert.match(output, /no dependency violations found/);
});

test('a type-only back-import from runs to workflows closes a circle and is refused', async () => {
  const { code, output } = await checkLayers({
    'demo-server/runs/run.ts': prepend("import type { Workflow } from '../workflows/workflow.ts';"),
  });
  assert.notEqual(code, 0, output);
  assert.match(output, /error no-circular: .*demo-server\/runs\//);
  assert.match(output, /error runs-imports-only-lower-layers: demo-server\/runs\/run\.ts → demo-server\/workflows\/workflow\.ts/);
});

test('the vocabulary importing a package is refused', async () => {
  const { code, output } = await checkLayers({ 'demo-server/vocabulary.ts': prepend("import type { Context } from 'hono';") });
  assert.notEqual(code, 0, output);
  assert.match(output, /error vocabulary-imports-only-vocabulary: demo-server\/vocabulary\.ts → /);
});

test("the reader's browser code importing build-time code is refused", async () => {
  const { code, output } = await checkLayers({ 'src/scripts/live-demo/dom.ts': prepend("import type { DiagramMessage } from '../../lib/diagrams/catalog.ts';") });
  assert.notEqual(code, 0, output);
  assert.match(output, /error browser-code-imports-only-browser-code: src\/scripts\/live-demo\/dom\.ts → src\/lib\/diagrams\/catalog\.ts/);
});
