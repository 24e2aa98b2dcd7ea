import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contradictionsWithDiagram, factsOf } from '../../src/lib/workflow-facts.ts';
import { duration } from '../../src/data/token-lifetimes.ts';

test('the facts follow from the token storage, so a session workflow has no JWT to expire', () => {
  assert.deepEqual(factsOf({ tokenStorage: 'session', loginMethod: 'native-form-to-backend', logout: true }, 'p.mdx'), { login: 'session', cookie: 'SessionId', refreshToken: false, separateApi: false, backendSession: true, logout: true, oauth: false, refreshesAt: 'jwt-api' });
  assert.deepEqual(factsOf({ tokenStorage: 'jwt-cookie', loginMethod: 'native-form-to-backend', logout: false }, 'p.mdx'), { login: 'jwt', cookie: 'access_token', refreshToken: false, separateApi: false, backendSession: false, logout: false, oauth: false, refreshesAt: 'jwt-api' });
  assert.equal(factsOf({ tokenStorage: 'jwt-local-storage', loginMethod: 'native-form-to-backend', logout: false }, 'p.mdx').cookie, null);
});

test('a partial given no frontmatter names itself and the fix', () => {
  assert.throws(() => factsOf(undefined, 'content/partials/steps/spa-start.mdx'), /spa-start\.mdx needs the article's frontmatter: write <… workflow=\{frontmatter\} \/>/);
  assert.throws(() => factsOf({ tokenStorage: 'session' }, 'p.mdx'), /needs the article's frontmatter/);
});

test('a partial used in a workflow it does not explain stops the build', () => {
  assert.throws(
    () => factsOf({ tokenStorage: 'session', loginMethod: 'native-form-to-backend', logout: true }, 'server-refresh.mdx', { refreshToken: true }),
    /server-refresh\.mdx explains workflows whose refreshToken is true, but tokenStorage "session"/,
  );
  assert.doesNotThrow(() => factsOf({ tokenStorage: 'session-refresh-cookie', loginMethod: 'native-form-to-backend', logout: true }, 'server-refresh.mdx', { refreshToken: true }));
});

const sessionWithLogout = ['GET /', '302 → /shopping-cart [SessionId on store.example.com]', 'POST /logout [SessionId]', '302 → / [SessionId removed]'];

test('frontmatter and diagram that agree raise nothing', () => {
  assert.deepEqual(contradictionsWithDiagram({ tokenStorage: 'session', loginMethod: 'native-form-to-backend', logout: true }, sessionWithLogout, 'd.mmd'), []);
  const refreshing = ['POST /api/login (loginId, password)', '200 (user) [access_token, refresh_token on store.example.com]', 'POST /api/refresh [access_token, refresh_token]'];
  assert.deepEqual(contradictionsWithDiagram({ tokenStorage: 'jwt-refresh-cookies', loginMethod: 'native-form-to-backend', logout: false }, refreshing, 'd.mmd'), []);
});

test('each disagreement is named with the arrow that shows it', () => {
  assert.deepEqual(contradictionsWithDiagram({ tokenStorage: 'session', loginMethod: 'native-form-to-backend', logout: false }, sessionWithLogout, 'd.mmd'), ['logout: false, but arrow 3 of d.mmd logs out']);
  assert.deepEqual(contradictionsWithDiagram({ tokenStorage: 'session-refresh-cookie', loginMethod: 'native-form-to-backend', logout: true }, sessionWithLogout, 'd.mmd'), [
    'tokenStorage "session-refresh-cookie" renews with a refresh token, but no arrow of d.mmd refreshes',
  ]);
  assert.deepEqual(contradictionsWithDiagram({ tokenStorage: 'jwt-cookie', loginMethod: 'native-form-to-backend', logout: true }, sessionWithLogout, 'd.mmd'), [
    'tokenStorage "jwt-cookie" keeps no server session, but arrow 2 of d.mmd sends a SessionId',
  ]);
});

test('lifetimes read as a reader says them', () => {
  assert.equal(duration(3600), 'an hour');
  assert.equal(duration(300), '5 minutes');
  assert.equal(duration(30 * 24 * 3600), '30 days');
  assert.equal(duration(8 * 3600), '8 hours');
});

test('an OAuth workflow refreshes at the token endpoint, and its code exchange is not a refresh', () => {
  const facts = factsOf({ tokenStorage: 'session', loginMethod: 'oauth-authorization-code', logout: true }, 'p.mdx');
  assert.equal(facts.refreshesAt, 'token-endpoint');
  assert.equal(facts.oauth, true);
  const labels = ['GET /oauth-redirect {code, state}', 'POST /oauth2/token (code, code_verifier, client_secret)', '302 → / [SessionId on store.example.com]', 'POST /logout [SessionId]'];
  assert.deepEqual(contradictionsWithDiagram({ tokenStorage: 'session', loginMethod: 'oauth-authorization-code', logout: true }, labels, 'd.mmd'), []);
  assert.match(contradictionsWithDiagram({ tokenStorage: 'session', loginMethod: 'oauth-authorization-code', logout: true }, [...labels, 'POST /oauth2/token (refresh_token, client_secret)'], 'd.mmd')[0]!, /has no refresh token, but arrow 5/);
});
