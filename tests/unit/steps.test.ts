import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberSteps } from '../../src/lib/steps.ts';

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
