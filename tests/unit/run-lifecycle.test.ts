import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endedNotice, openingPlan, type EndCause } from '../../src/scripts/live-demo/run-lifecycle.ts';

test('opening the lab joins the browser’s run of the same article, and replaces a run of another', () => {
  assert.equal(openingPlan(undefined, 'spa/a'), 'start');
  assert.equal(openingPlan({ workflow: 'spa/a' }, 'spa/a'), 'join');
  assert.equal(openingPlan({ workflow: 'webapp/b' }, 'spa/a'), 'replace');
});

test('every way a run can end without its tab says why, and names one way on', () => {
  const causes: EndCause[] = ['reset', 'closed', 'replaced', 'expired', 'evicted', 'shutdown', 'lost'];
  const notices = causes.map(endedNotice);
  for (const [index, { message, action }] of notices.entries()) {
    assert.match(message, /\.$/, `${causes[index]}: a full sentence`);
    assert.match(action, /^(Join|Start) /, `${causes[index]}: a way on`);
  }
  assert.equal(new Set(notices.map((n) => n.message)).size, causes.length, 'each cause has its own explanation');
  for (const cause of ['reset', 'closed', 'replaced'] as const) assert.match(endedNotice(cause).message, /another tab or window/);
  assert.equal(endedNotice('reset').action, 'Join the new run');
  assert.match(endedNotice('evicted').message, /idle .* another reader/, 'a run ended to make room says so');
});
