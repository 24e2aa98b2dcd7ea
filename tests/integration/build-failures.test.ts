/**
 * Broken sources must stop the build with a message that names the file
 * (and, for diagrams, the line) an author has to fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ProjectCopy } from '../../scripts/lib/project-copy.ts';

const ARTICLE = 'content/workflows/webapp/native-form-to-backend-jwt-refresh-cookies.mdx';
const DIAGRAM = 'diagrams/webapp/native-form-to-backend-jwt-refresh-cookies.mmd';

async function buildBroken(file: string, change: (text: string) => string): Promise<string> {
  const project = new ProjectCopy();
  try {
    project.edit(file, change);
    const { code, output } = await project.build();
    assert.notEqual(code, 0, `the build should have failed:\n${output.slice(-2000)}`);
    return output;
  } finally {
    project.remove();
  }
}

const appendToDiagram = (line: string) => (text: string) => `${text.trimEnd()}\n${line}\n`;

test('a wrong frontmatter field names the article and the field', async () => {
  const output = await buildBroken(ARTICLE, (text) => text.replace(/^appType: webapp$/m, 'appType: desktop'));
  assert.match(output, /native-form-to-backend-jwt-refresh-cookies/);
  assert.match(output, /appType/);
});

test('a missing frontmatter field names the article and the field', async () => {
  const output = await buildBroken(ARTICLE, (text) => text.replace(/^sso: false\n/m, ''));
  assert.match(output, /native-form-to-backend-jwt-refresh-cookies/);
  assert.match(output, /sso/);
});

test('frontmatter that contradicts the diagram names the article, the fact and the diagram', async () => {
  const output = await buildBroken(ARTICLE, (text) => text.replace(/^logout: false$/m, 'logout: true'));
  assert.match(output, new RegExp(`${ARTICLE}: its frontmatter and its diagram disagree: logout: true, but no arrow of ${DIAGRAM} logs out`));
});

test('a partial given no frontmatter, or used for a workflow it does not explain, names the partial', async () => {
  const missing = await buildBroken(ARTICLE, (text) => text.replace('<ServerRefresh client="Browser" cookies="access_token, refresh_token" workflow={frontmatter} />', '<ServerRefresh client="Browser" cookies="access_token, refresh_token" />'));
  assert.match(missing, /content\/partials\/steps\/server-refresh\.mdx needs the article's frontmatter/);
  const misused = await buildBroken(ARTICLE, (text) => text.replace('<ServerPageWithJwt client="Browser" app="Store"', '<ServerPageWithSession client="Browser" app="Store"').replace(/^(import ServerPageWithJwt .*)$/m, "$1\nimport ServerPageWithSession from '~partials/steps/server-page-with-session.mdx';"));
  assert.match(misused, /server-page-with-session\.mdx explains workflows whose login is "session", but tokenStorage "jwt-refresh-cookies"/);
});

test('importing a missing partial names the article and the partial', async () => {
  const output = await buildBroken(ARTICLE, (text) =>
    text.replace(/^import /m, "import Missing from '~partials/steps/no-such-partial.mdx';\nimport "),
  );
  assert.match(output, /no-such-partial\.mdx/);
  assert.match(output, /native-form-to-backend-jwt-refresh-cookies\.mdx/);
});

test('a step count that differs from the arrow count gives both counts and both files', async () => {
  const output = await buildBroken(ARTICLE, (text) => text.replace('</Steps>', '  <Step>One step too many.</Step>\n</Steps>'));
  assert.match(output, new RegExp(`${ARTICLE} explains 36 steps but its diagram ${DIAGRAM} draws 35 arrows`));
});

test('an unknown diagram fragment names the diagram file and line', async () => {
  const output = await buildBroken(DIAGRAM, appendToDiagram('  %% include no-such-fragment'));
  assert.match(output, new RegExp(`${DIAGRAM}:\\d+: unknown fragment "no-such-fragment"`));
});

test('an unfilled placeholder names the diagram file and line', async () => {
  const output = await buildBroken(DIAGRAM, appendToDiagram('  Browser->>Store: GET {{page}}'));
  assert.match(output, new RegExp(`${DIAGRAM}:\\d+: placeholder \\{\\{page\\}\\} is not filled`));
});

test('invalid mermaid syntax names the diagram file and line', async () => {
  const output = await buildBroken(DIAGRAM, appendToDiagram('  Browser->>: nobody to talk to'));
  assert.match(output, new RegExp(`${DIAGRAM}:\\d+: invalid mermaid: Parse error`));
});

test('a step partial with a step fewer than its fragment has arrows names the partial, the include and the arrows', async () => {
  const output = await buildBroken('content/partials/steps/server-login-form.mdx', (text) =>
    text.replace(/^<Step>The user fills in a login id.*\n/m, ''),
  );
  assert.match(output, /content\/partials\/steps\/server-login-form\.mdx explains steps 3–7, but "%% include server-login-form" at diagrams\/webapp\/native-form-to-backend-jwt-refresh-cookies\.mmd:\d+ draws arrows 3–8\. A step partial must have one step per arrow of its fragment/);
});

test('a step partial where the diagram draws the arrows itself names the steps and says what to do', async () => {
  // The same two arrows, written out instead of included: the article's <ServerHome app="Forums"> no longer explains a fragment.
  const output = await buildBroken(DIAGRAM, (text) =>
    text.replace('%% include server-home app=Forums', 'Browser->>Forums: GET /\n  Forums-->>Browser: 200 (home page with a login link)'),
  );
  assert.match(output, /steps \d+–\d+ come from content\/partials\/steps\/server-home\.mdx, but arrow \d+ of diagrams\/webapp\/native-form-to-backend-jwt-refresh-cookies\.mmd is drawn by the diagram itself, not a fragment\. Use the partial where the diagram has "%% include server-home"/);
});

test('a diagram too wide for a laptop names the file and says what to shorten', async () => {
  // One word with nowhere to break it, on an arrow between neighbouring lanes.
  const output = await buildBroken(DIAGRAM, appendToDiagram(`  Browser->>Store: GET /${'x'.repeat(120)}`));
  assert.match(output, new RegExp(`${DIAGRAM}:1: the diagram is \\d+ px wide, more than the 720 px that stay legible on a 1280-px screen\\. Shorten its longest arrow labels`));
});

test('a chooser answer that names no written article names the answer and the id', async () => {
  const typo = await buildBroken('src/data/choices.ts', (text) =>
    text.replace("formSession: 'spa/native-form-to-backend-session',", "formSession: 'spa/native-form-to-backend-sesion',"),
  );
  assert.match(typo, /answer "spa-own-form-sso", alternatives\[0\]: "spa\/native-form-to-backend-sesion" is no article \(content\/workflows\/spa\/native-form-to-backend-sesion\.mdx does not exist\) and not in PLANNED_ARTICLES/);
  assert.match(typo, /answer "spa-own-form-sso", alternatives\[0\]: none of "spa\/native-form-to-backend-sesion" exists yet/);
});

test('with every diagram in the committed cache, the site builds without any Chromium', async () => {
  const project = new ProjectCopy();
  try {
    const { code, output } = await project.build({ CHROMIUM_PATH: '/nonexistent/chromium' });
    assert.equal(code, 0, output.slice(-2000));
    assert.doesNotMatch(output, /rendered diagrams\//);
  } finally {
    project.remove();
  }
});

test('a cold rebuild of the diagram cache writes the committed files byte for byte', async () => {
  const project = new ProjectCopy();
  try {
    const cache = path.join(project.root, 'diagrams/.cache');
    const committed = new Map(readdirSync(cache).map((file) => [file, readFileSync(path.join(cache, file))]));
    rmSync(cache, { recursive: true });
    const { code, output } = await project.build();
    assert.equal(code, 0, output.slice(-2000));
    assert.match(output, /rendered diagrams\//);
    const rebuilt = readdirSync(cache).sort();
    assert.deepEqual(rebuilt, [...committed.keys()].sort());
    for (const file of rebuilt) assert.ok(readFileSync(path.join(cache, file)).equals(committed.get(file)!), `${file} differs after a cold rebuild`);
  } finally {
    project.remove();
  }
});

test('a changed diagram with no Chromium to render it fails the build in one clear sentence', async () => {
  const project = new ProjectCopy();
  try {
    project.edit(DIAGRAM, appendToDiagram('  Note over Browser,Store: one more note'));
    const { code, output } = await project.build({ CHROMIUM_PATH: '/nonexistent/chromium' });
    assert.notEqual(code, 0);
    assert.match(output, /Diagrams need rendering but no Chromium could be started: install Chromium \(e\.g\. `apt-get install chromium`\) or set CHROMIUM_PATH/);
  } finally {
    project.remove();
  }
});
