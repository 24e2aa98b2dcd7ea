import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_KEY, APPS, PASSWORD, REDIRECT_URI, USERS, authorize, claims, rejection, startIdp, type TestIdp } from './harness.ts';

let t: TestIdp;
let plain: TestIdp;
before(async () => {
  t = await startIdp();
  plain = await startIdp({ demoMode: false });
});
after(async () => {
  await t.close();
  await plain.close();
});

async function clock(idp: TestIdp, method: 'GET' | 'POST', body?: unknown, query = '') {
  const response = await fetch(`${idp.url}/api/demo/clock${query}`, {
    method,
    headers: { authorization: API_KEY, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
const advance = (idp: TestIdp, userId: string, advanceBySeconds: unknown) => clock(idp, 'POST', { userId, advanceBySeconds });
const login = async (idp: TestIdp, email: string = USERS.richard.email) =>
  (await idp.client.login({ loginId: email, password: PASSWORD, applicationId: APPS.store.id })).response;

describe('/api/demo/clock', () => {
  test('offsets start at zero and only ever grow', async () => {
    assert.deepEqual((await clock(t, 'GET', undefined, `?userId=${USERS.monica.id}`)).body, { userId: USERS.monica.id, offsetSeconds: 0 });
    assert.deepEqual((await advance(t, USERS.monica.id, 100)).body, { userId: USERS.monica.id, offsetSeconds: 100 });
    assert.deepEqual((await advance(t, USERS.monica.id, 50)).body, { userId: USERS.monica.id, offsetSeconds: 150 });
    for (const bad of [0, -60, 1.5, '60', 365 * 24 * 3600 + 1, null]) {
      const response = await advance(t, USERS.monica.id, bad);
      assert.equal(response.status, 400, `advanceBySeconds=${String(bad)}`);
      assert.ok((response.body as { fieldErrors: Record<string, unknown> }).fieldErrors.advanceBySeconds);
    }
    assert.equal((await clock(t, 'GET', undefined, `?userId=${USERS.monica.id}`)).body?.offsetSeconds, 150);
  });

  test('404 for unknown users, 400 for malformed ids, 401 without the API key', async () => {
    assert.equal((await advance(t, '55555555-0000-4000-8000-000000000000', 10)).status, 404);
    assert.equal((await advance(t, 'nope', 10)).status, 400);
    assert.equal((await clock(t, 'GET', undefined, '?userId=nope')).status, 400);
    const anonymous = await fetch(`${t.url}/api/demo/clock?userId=${USERS.richard.id}`);
    assert.equal(anonymous.status, 401);
  });

  test('the user\'s JWT expires on the shifted clock; other users are unaffected', async () => {
    const mine = await login(t, USERS.richard.email);
    const theirs = await login(t, USERS.monica.email);
    await advance(t, USERS.richard.id, 301);
    await rejection(t.anonymous.validateJWT(mine.token!), 401);
    assert.equal((await t.anonymous.validateJWT(theirs.token!)).statusCode, 200);
    // Tokens issued from now on are dated on the shifted clock and are valid on it.
    const fresh = await login(t, USERS.richard.email);
    assert.ok(claims(fresh.token).iat! >= Math.floor(t.clock.now() / 1000) + 301);
    assert.equal((await t.anonymous.validateJWT(fresh.token!)).statusCode, 200);
  });

  test('the refresh token expires on the shifted clock: 400', async () => {
    const { refreshToken } = await login(t, USERS.richard.email);
    assert.equal((await t.anonymous.exchangeRefreshTokenForJWT({ refreshToken })).statusCode, 200);
    await advance(t, USERS.richard.id, 3600);
    await rejection(t.anonymous.exchangeRefreshTokenForJWT({ refreshToken }), 400);
  });

  test('authorization codes expire on the shifted clock', async () => {
    const { code } = await authorize(t.url, { client_id: APPS.store.id }, { loginId: USERS.richard.email, password: PASSWORD });
    await advance(t, USERS.richard.id, 31);
    await rejection(t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI), 400);
  });

  test('with demo mode off the routes do not exist (404, empty)', async () => {
    const response = await advance(plain, USERS.richard.id, 60);
    assert.deepEqual(response, { status: 404, body: null });
    assert.equal((await clock(plain, 'GET', undefined, `?userId=${USERS.richard.id}`)).status, 404);
  });
});
