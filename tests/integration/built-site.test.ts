/**
 * The built site, file by file: every internal link and anchor resolves, and
 * every page is valid HTML. Failures name the page and the link or rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const pages = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html'))
  .map((file) => file.split(path.sep).join('/'));

/** URL path a reader uses for a built file: `workflows/index.html` → `/workflows/`. */
const urlOf = (file: string) => `/${file}`.replace(/index\.html$/, '');

function fileFor(urlPath: string): string | undefined {
  const decoded = decodeURIComponent(urlPath);
  const candidates = decoded.endsWith('/') ? [`${decoded}index.html`] : [decoded, `${decoded}/index.html`, `${decoded}.html`];
  return candidates.map((c) => path.join(DIST, c)).find((c) => existsSync(c) && statSync(c).isFile());
}

const idsCache = new Map<string, Set<string>>();
function idsIn(file: string): Set<string> {
  if (!idsCache.has(file)) idsCache.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
  return idsCache.get(file)!;
}

test('the build produced the pages a reader needs', () => {
  for (const page of ['index.html', 'workflows/index.html', '404.html']) assert.ok(pages.includes(page), page);
  assert.ok(pages.filter((p) => p.startsWith('workflows/') && p !== 'workflows/index.html').length >= 2);
});

test('every internal link and anchor resolves', () => {
  const broken: string[] = [];
  for (const page of pages) {
    const html = readFileSync(path.join(DIST, page), 'utf8');
    for (const [, attribute, value] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const target = new URL(value!.replace(/&amp;/g, '&'), `http://site${urlOf(page)}`);
      if (target.host !== 'site' || attribute === 'src' && value!.startsWith('data:')) continue;
      const file = fileFor(target.pathname);
      if (!file) broken.push(`${urlOf(page)}: ${value} (no such page or file)`);
      else if (target.hash && file.endsWith('.html') && !idsIn(file).has(decodeURIComponent(target.hash.slice(1)))) {
        broken.push(`${urlOf(page)}: ${value} (no element with id "${target.hash.slice(1)}")`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('every step anchor an article links to exists', () => {
  for (const page of pages.filter((p) => p.startsWith('workflows/') && p.split('/').length === 4)) {
    const ids = idsIn(path.join(DIST, page));
    const steps = [...ids].filter((id) => /^step-\d+$/.test(id)).length;
    assert.ok(steps > 0, `${urlOf(page)} has no step anchors`);
    for (let n = 1; n <= steps; n++) assert.ok(ids.has(`step-${n}`), `${urlOf(page)} lacks #step-${n}`);
  }
});

test('every page is valid HTML', async () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:standard'],
    rules: {
      // Starlight and Expressive Code write these by design; they are not errors in the HTML standard.
      'no-inline-style': 'off',
      'attribute-boolean-style': 'off',
      'attribute-empty-style': 'off',
      'no-trailing-whitespace': 'off',
      'long-title': 'off',
    },
  });
  const problems: string[] = [];
  for (const page of pages) {
    const report = await validator.validateFile(path.join(DIST, page));
    for (const result of report.results) {
      for (const message of result.messages) problems.push(`${urlOf(page)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the comparison page has a row for every article, each linking to it, the recommended ones first per app type', () => {
  const articles = readdirSync('content/workflows', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mdx') && /^appType: /m.test(readFileSync(path.join('content/workflows', file), 'utf8')))
    .map((file) => `/workflows/${file.replace(/\.mdx$/, '/').split(path.sep).join('/')}`)
    .sort();
  assert.ok(articles.length >= 10);
  const html = readFileSync(path.join(DIST, 'workflows/compare/index.html'), 'utf8');
  const rows = [...html.matchAll(/<tr data-verdict="(\w+)"><th scope="row">(?:<span[^>]*>([^<]*)<\/span>)?<a href="([^"#]+)"/g)].map((m) => ({ verdict: m[1]!, app: m[2]!, href: m[3]! }));
  assert.deepEqual(rows.map((row) => row.href).sort(), articles);
  const ranks = ['recommended', 'acceptable', 'discouraged'];
  for (const [index, row] of rows.entries()) {
    const previous = rows[index - 1];
    if (previous?.app === row.app) assert.ok(ranks.indexOf(previous.verdict) <= ranks.indexOf(row.verdict), `${row.href} is listed after a less recommended ${previous.href}`);
  }
});
