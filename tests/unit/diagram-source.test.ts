import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expandDiagram } from '../../src/lib/diagrams/source.ts';

/** A throwaway project root holding the given files. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'diagram-source-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const CAST = '  participant Browser\n  participant Store\n';

test('includes a fragment and fills its placeholders', () => {
  const root = project({
    'diagrams/fragments/cast.mmd': CAST,
    'diagrams/fragments/home.mmd': '  Browser->>{{app}}: GET /\n  {{app}}-->>Browser: 200 ({{what}})\n',
    'diagrams/web/a.mmd': 'sequenceDiagram\n  %% include cast\n  %% include home app=Store what="home page"\n',
  });
  const diagram = expandDiagram(root, 'web/a');
  assert.match(diagram.text, /Browser->>Store: GET \/\n {2}Store-->>Browser: 200 \(home page\)/);
  assert.deepEqual(diagram.participants, { Browser: 'Browser', Store: 'Store' });
  assert.deepEqual(diagram.origins.at(-1), { file: 'diagrams/fragments/home.mmd', line: 2 });
});

test('turns a section directive into a divider across all participants', () => {
  const root = project({
    'diagrams/fragments/cast.mmd': CAST,
    'diagrams/web/a.mmd': 'sequenceDiagram\n  %% include cast\n  %% section Login\n  Browser->>Store: GET /\n',
  });
  const diagram = expandDiagram(root, 'web/a');
  assert.match(diagram.text, /Note over Browser,Store: Login/);
  assert.deepEqual(diagram.sections, ['Login']);
});

test('an unknown fragment names the including file and line', () => {
  const root = project({ 'diagrams/web/a.mmd': 'sequenceDiagram\n  %% include nope\n' });
  assert.throws(() => expandDiagram(root, 'web/a'), /^DiagramSourceError: diagrams\/web\/a\.mmd:2: unknown fragment "nope"/);
});

test('an unfilled placeholder names the fragment line and where it was included', () => {
  const root = project({
    'diagrams/fragments/home.mmd': '  Browser->>{{app}}: GET /\n',
    'diagrams/web/a.mmd': 'sequenceDiagram\n\n  %% include home\n',
  });
  assert.throws(
    () => expandDiagram(root, 'web/a'),
    /diagrams\/fragments\/home\.mmd:1: placeholder \{\{app\}\} is not filled \(included from diagrams\/web\/a\.mmd:3\)/,
  );
});

test('a placeholder in a diagram itself is an error too', () => {
  const root = project({ 'diagrams/web/a.mmd': 'sequenceDiagram\n  Browser->>{{app}}: GET /\n' });
  assert.throws(() => expandDiagram(root, 'web/a'), /diagrams\/web\/a\.mmd:2: placeholder \{\{app\}\} is not filled/);
});

test('an argument the fragment does not use is reported as a likely typo', () => {
  const root = project({
    'diagrams/fragments/home.mmd': '  Browser->>{{app}}: GET /\n',
    'diagrams/web/a.mmd': 'sequenceDiagram\n  %% include home app=Store ap=Forums\n',
  });
  assert.throws(() => expandDiagram(root, 'web/a'), /a\.mmd:2: fragment diagrams\/fragments\/home\.mmd has no placeholder for "ap"/);
});

test('an include cycle is refused', () => {
  const root = project({
    'diagrams/fragments/x.mmd': '  %% include y\n',
    'diagrams/fragments/y.mmd': '  %% include x\n',
    'diagrams/web/a.mmd': 'sequenceDiagram\n  %% include x\n',
  });
  assert.throws(() => expandDiagram(root, 'web/a'), /include cycle/);
});

test('a missing diagram is named', () => {
  const root = project({ 'diagrams/fragments/cast.mmd': CAST });
  assert.throws(() => expandDiagram(root, 'web/missing'), /diagrams\/web\/missing\.mmd:1: diagram "web\/missing" does not exist/);
});

test('the seed diagrams expand without errors', () => {
  for (const name of ['webapp/native-form-to-backend-jwt-refresh-cookies', 'spa/native-form-to-idp-same-domain-jwt-refresh-cookies']) {
    const diagram = expandDiagram(process.cwd(), name);
    assert.doesNotMatch(diagram.text, /\{\{|%% include/);
    assert.ok(diagram.sections.includes('Attack vectors'));
  }
});

test('a placeholder may give the value most includes want, which an argument overrides', () => {
  const root = project({
    'diagrams/fragments/cast.mmd': CAST,
    'diagrams/fragments/back.mmd': '  Store-->>Browser: 302 → {{host}}{{path=/oauth-redirect}}\n',
    'diagrams/web/a.mmd': 'sequenceDiagram\n  %% include cast\n  %% include back host=store.example.com\n  %% include back host=store.example.com path=/callback\n',
  });
  const diagram = expandDiagram(root, 'web/a');
  assert.match(diagram.text, /302 → store\.example\.com\/oauth-redirect\n.*302 → store\.example\.com\/callback\n/);
});
