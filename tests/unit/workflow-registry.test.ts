import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stolenJwt, stolenSession } from '../../demo-server/hacker/attack-plans.ts';
import { loadWorkflows } from '../../demo-server/workflows/registry.ts';
import { defineWorkflow } from '../../demo-server/workflows/workflow.ts';

const WORKFLOWS = path.resolve(import.meta.dirname, '../../demo-server/workflows');
const DEFINE = pathToFileURL(path.join(WORKFLOWS, 'workflow.ts')).href;

/** A workflows folder holding one definition file, `spa/<name>.ts`, with `source`. */
async function loadingOne(name: string, source: string): Promise<Error> {
  const folder = mkdtempSync(path.join(tmpdir(), 'workflows-'));
  try {
    mkdirSync(path.join(folder, 'spa'));
    writeFileSync(path.join(folder, 'spa', `${name}.ts`), source);
    return await loadWorkflows(folder).then(
      () => assert.fail('loading should have failed'),
      (error: unknown) => error as Error,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

test('every definition file is a workflow, under the id its path gives', async () => {
  const workflows = await loadWorkflows();
  const files = readdirSync(WORKFLOWS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(path.join(WORKFLOWS, dir.name)).map((file) => `${dir.name}/${file.replace(/\.ts$/, '')}`));
  assert.deepEqual([...workflows.keys()].sort(), files.sort());
  for (const [id, workflow] of workflows) assert.equal(workflow.id, id);
});

test('a file that does not default-export a definition stops loading, naming the file and what to write', async () => {
  const error = await loadingOne('no-default', 'export const workflow = {};\n');
  assert.match(error.message, /spa\/no-default\.ts: a demo definition must `export default defineWorkflow\(\{ app, idpCookies, jumps, attacks \}\)`/);
});

test('a definition that fails to load or is refused stops loading, naming the file and why', async () => {
  const broken = await loadingOne('broken-import', "import { nothing } from './no-such-file.ts';\nexport default nothing;\n");
  assert.match(broken.message, /spa\/broken-import\.ts: the workflow's demo definition does not load: .*no-such-file/);
  const twice = await loadingOne(
    'twice',
    `import { defineWorkflow } from '${DEFINE}';\nexport default defineWorkflow({ app: () => { throw new Error(); }, idpCookies: 'host-only', jumps: ['jwt-expires', 'jwt-expires'], attacks: [] });\n`,
  );
  assert.match(twice.message, /spa\/twice\.ts: the workflow's demo definition does not load: the clock jump "jwt-expires" is listed twice/);
});

test('a definition offers each attack kind once', () => {
  const app = () => assert.fail('no app is built while declaring');
  assert.throws(
    () => defineWorkflow({ app, idpCookies: 'host-only', jumps: ['session-expires'], attacks: [stolenSession('page'), stolenSession('api')] }),
    /two attacks of kind "stolen-session": the panel offers each kind once/,
  );
  assert.doesNotThrow(() => defineWorkflow({ app, idpCookies: 'host-only', jumps: ['jwt-expires'], attacks: [stolenJwt('page')] }));
});
