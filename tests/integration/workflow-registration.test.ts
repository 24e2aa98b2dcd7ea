/**
 * A workflow is its article, diagram, demo definition and walkthrough: the build refuses a project
 * where one is missing or stands alone, naming the workflow, the file and what to do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ProjectCopy } from '../../scripts/lib/project-copy.ts';
import { checkRegistration } from '../../src/lib/registration/units.ts';

const ID = 'spa/native-form-to-backend-session';
const ARTICLE = `content/workflows/${ID}.mdx`;
const DEMO = `demo-server/workflows/${ID}.ts`;
const WALKTHROUGH = `tests/e2e/walkthroughs/${ID}.ts`;

async function buildWith(change: (project: ProjectCopy) => void): Promise<{ code: number; output: string; project: ProjectCopy }> {
  const project = new ProjectCopy();
  change(project);
  return { ...(await project.build()), project };
}

test('every workflow of the project is registered everywhere', () => {
  assert.deepEqual(checkRegistration(path.resolve(import.meta.dirname, '../..')), []);
});

test('an article without its walkthrough fails the build, naming the workflow and the file to create', async () => {
  const { code, output, project } = await buildWith((copy) => copy.delete(WALKTHROUGH));
  project.remove();
  assert.notEqual(code, 0);
  assert.match(output, new RegExp(`${ID}: no walkthrough\\. Create ${WALKTHROUGH}`));
  assert.doesNotMatch(output, /no demo definition|no diagram/);
});

test('a demo definition without an article fails the build, naming the file and the article to write', async () => {
  const { code, output, project } = await buildWith((copy) => copy.write('demo-server/workflows/spa/orphan.ts', copy.read(DEMO)));
  project.remove();
  assert.notEqual(code, 0);
  assert.match(output, /spa\/orphan: demo-server\/workflows\/spa\/orphan\.ts has no article\. Write content\/workflows\/spa\/orphan\.mdx, or remove the demo definition/);
});

test('an article that says why it has no live demo builds without one, and its live-demo box gives the reason', async () => {
  const reason = 'This variant needs a second browser profile, which the lab cannot frame.';
  const { code, output, project } = await buildWith((copy) => {
    copy.edit(ARTICLE, (text) => text.replace(/^apis: /m, `noLiveDemo: '${reason}'\napis: `));
    copy.delete(DEMO);
    copy.delete(WALKTHROUGH);
  });
  try {
    assert.equal(code, 0, output.slice(-2000));
    const html = project.read(`dist/workflows/${ID}/index.html`);
    const box = /<div class="live-demo"[^>]*data-no-live-demo[^>]*>([\s\S]*?)<\/div>/.exec(html);
    assert.ok(box, 'the article has a live-demo box saying it has no live demo');
    assert.match(box[1]!, new RegExp(`No live demo:</strong> ${reason}`));
    assert.doesNotMatch(html, /data-live-open/);
  } finally {
    project.remove();
  }
});
