import { test } from 'node:test';
import assert from 'node:assert/strict';
import { misplacedPartials, numberSteps } from '../../src/lib/steps.ts';

const messages = [
  { from: 'Browser', to: 'Store', label: 'GET /', error: false },
  { from: 'Store', to: 'Browser', label: '404', error: true },
];

test('numbers steps in document order and heads each with its arrow', () => {
  const { html, count } = numberSteps('<li data-workflow-step>one</li><li data-workflow-step class="x">two</li>', messages);
  assert.equal(count, 2);
  assert.match(html, /^<li id="step-1" data-step="1"><span class="step-arrow">.*Browser → Store.*<code>GET \/<\/code>.*one<\/li>/);
  assert.match(html, /<li id="step-2" data-step="2" class="x"><span class="step-arrow is-error">/);
});

test('leaves other list items alone', () => {
  const { html, count } = numberSteps('<li>plain</li><li data-workflow-steps>not a step</li>', messages);
  assert.equal(count, 0);
  assert.equal(html, '<li>plain</li><li data-workflow-steps>not a step</li>');
});

test('escapes arrow labels', () => {
  const { html } = numberSteps('<li data-workflow-step>x</li>', [{ from: 'A', to: 'B', label: '<b>&', error: false }]);
  assert.match(html, /<code>&#60;b&#62;&#38;<\/code>/);
});

const included = (line: number) => ({ name: 'server-home', includedAt: { file: 'diagrams/webapp/x.mmd', line } });
const drawn = [
  { from: 'Browser', to: 'Store', label: 'GET /', error: false, fragment: included(7) },
  { from: 'Store', to: 'Browser', label: '200', error: false, fragment: included(7) },
  { from: 'Browser', to: 'Forums', label: 'GET /', error: false, fragment: included(9) },
  { from: 'Forums', to: 'Browser', label: '200', error: false, fragment: included(9) },
];

test('a step partial is recognised at each use, and the marks do not reach the page', () => {
  const part = '<li data-workflow-step data-fragment="server-home" data-fragment-start>a</li><li data-workflow-step data-fragment="server-home">b</li>';
  const { html, partials } = numberSteps(part + part, drawn);
  assert.deepEqual(partials, [
    { fragment: 'server-home', first: 1, last: 2 },
    { fragment: 'server-home', first: 3, last: 4 },
  ]);
  assert.doesNotMatch(html, /data-fragment/);
  assert.deepEqual(misplacedPartials(partials, drawn, 'diagrams/webapp/x.mmd'), []);
});

test('a step partial off its fragment\'s arrows is named with the include and the arrows', () => {
  const [problem] = misplacedPartials([{ fragment: 'server-home', first: 2, last: 3 }], drawn, 'diagrams/webapp/x.mmd');
  assert.match(problem!, /server-home\.mdx explains steps 2–3, but "%% include server-home" at diagrams\/webapp\/x\.mmd:7 draws arrows 1–2/);
  const [other] = misplacedPartials([{ fragment: 'server-login-form', first: 1, last: 2 }], drawn, 'diagrams/webapp/x.mmd');
  assert.match(other!, /arrow 1 of diagrams\/webapp\/x\.mmd is drawn by the fragment server-home \(diagrams\/webapp\/x\.mmd:7\)/);
});
