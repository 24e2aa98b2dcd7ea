import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workflowSchema } from '../../src/schemas/workflow.ts';

const valid = {
  title: 'Web app: native login form to the backend',
  description: 'A server-rendered app posts its own login form to its backend, which logs in through the identity provider.',
  appType: 'webapp',
  loginMethod: 'native-form-to-backend',
  tokenStorage: 'jwt-refresh-cookies',
  sso: false,
  logout: false,
  verdict: { rating: 'acceptable', reason: 'Tokens never reach page script.' },
  diagram: 'webapp/native-form-to-backend-jwt-refresh-cookies',
  apis: ['login', 'jwt-refresh'],
  comparison: Object.fromEntries(
    ['tokens', 'scriptCanSteal', 'stolenTokenBuys', 'sso', 'logout', 'password'].map((key) => [key, { text: `The ${key} fact.`, step: 3 }]),
  ),
};

function issuesOf(data: unknown): string[] {
  const result = workflowSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

test('accepts a complete article frontmatter', () => {
  assert.deepEqual(issuesOf(valid), []);
});

test('names each wrong or missing field', () => {
  assert.deepEqual(issuesOf({ ...valid, appType: 'desktop' }), ['appType']);
  assert.deepEqual(issuesOf({ ...valid, verdict: { rating: 'great', reason: 'x' } }), ['verdict.rating', 'verdict.reason']);
  const { sso: _sso, ...withoutSso } = valid;
  assert.deepEqual(issuesOf(withoutSso), ['sso']);
  assert.deepEqual(issuesOf({ ...valid, apis: ['teleport'] }), ['apis.0']);
  assert.deepEqual(issuesOf({ ...valid, tokenStorage: 'jwt-cookie-jar' }), ['tokenStorage']);
});

test('every article says whether its workflow logs out, and is told what that means when it does not', () => {
  const { logout: _logout, ...silent } = valid;
  const result = workflowSchema.safeParse(silent);
  assert.equal(result.success, false);
  assert.deepEqual(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]), [
    ['logout', 'say whether the workflow logs out: true when its diagram draws a logout, false otherwise'],
  ]);
  assert.deepEqual(issuesOf({ ...valid, logout: 'yes' }), ['logout']);
});

test('refuses a diagram that has no source file', () => {
  assert.deepEqual(issuesOf({ ...valid, diagram: 'webapp/not-there' }), ['diagram']);
});

test('refuses unknown fields, so a typo cannot hide', () => {
  assert.deepEqual(issuesOf({ ...valid, ssso: true }), ['']);
});

test('every article says where it stands on every compared property, linking a step or one of its proofs', () => {
  const { comparison: _comparison, ...uncompared } = valid;
  assert.deepEqual(issuesOf(uncompared), ['comparison']);
  assert.deepEqual(issuesOf({ ...uncompared, loginMethod: 'oauth-authorization-code' }), ['comparison']);
  assert.deepEqual(issuesOf({ ...valid, comparison: { ...valid.comparison, sso: undefined } }), ['comparison.sso']);
  const proven = { ...valid, proofs: { 'no-sso': 20 }, comparison: { ...valid.comparison, sso: { text: 'None.', proof: 'no-sso' } } };
  assert.deepEqual(issuesOf(proven), []);
  assert.deepEqual(issuesOf({ ...proven, proofs: {} }), ['comparison.sso.proof']);
  assert.deepEqual(issuesOf({ ...proven, comparison: { ...valid.comparison, sso: { text: 'None.', proof: 'no-sso', step: 20 } } }), ['comparison.sso']);
});

test('takes a one-line reason for having no live demo, and nothing shorter or longer', () => {
  assert.deepEqual(issuesOf({ ...valid, noLiveDemo: 'A mobile app cannot run in a browser frame.' }), []);
  assert.deepEqual(issuesOf({ ...valid, noLiveDemo: 'none' }), ['noLiveDemo']);
  assert.deepEqual(issuesOf({ ...valid, noLiveDemo: 'A mobile app cannot run\nin a browser frame.' }), ['noLiveDemo']);
});
