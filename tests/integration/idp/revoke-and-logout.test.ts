import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APPS, PASSWORD, USERS, rejection, startIdp, type TestIdp } from './harness.ts';

let t: TestIdp;
before(async () => {
  t = await startIdp();
});
after(() => t.close());

async function login(email: string = USERS.richard.email, applicationId: string = APPS.store.id) {
  const { response } = await t.client.login({ loginId: email, password: PASSWORD, applicationId });
  assert.ok(response.refreshToken && response.refreshTokenId);
  return { token: response.refreshToken, id: response.refreshTokenId };
}

const works = async (refreshToken: string) => (await t.anonymous.exchangeRefreshTokenForJWT({ refreshToken })).statusCode === 200;
const dead = (refreshToken: string) => rejection(t.anonymous.exchangeRefreshTokenForJWT({ refreshToken }), 400);

describe('DELETE /api/jwt/refresh (revokeRefreshToken*)', () => {
  test('by token (query parameter): 200 with an empty body; the token is dead, others live', async () => {
    const [a, b] = [await login(), await login()];
    const revoked = await t.client.revokeRefreshTokenByToken(a.token);
    assert.equal(revoked.statusCode, 200);
    assert.equal(revoked.response, undefined);
    await dead(a.token);
    assert.ok(await works(b.token));
  });

  test('by id (path segment)', async () => {
    const a = await login();
    assert.equal((await t.client.revokeRefreshTokenById(a.id)).statusCode, 200);
    await dead(a.token);
  });

  test('by user id: all of that user\'s tokens, nobody else\'s', async () => {
    const [mine, theirs] = [await login(), await login(USERS.monica.email)];
    assert.equal((await t.client.revokeRefreshTokensByUserId(USERS.richard.id)).statusCode, 200);
    await dead(mine.token);
    assert.ok(await works(theirs.token));
  });

  test('by application id: every token of that application only', async () => {
    const [store, forums] = [await login(), await login(USERS.richard.email, APPS.forums.id)];
    assert.equal((await t.client.revokeRefreshTokensByApplicationId(APPS.store.id)).statusCode, 200);
    await dead(store.token);
    assert.ok(await works(forums.token));
  });

  test('by user and application', async () => {
    const [store, forums] = [await login(), await login(USERS.richard.email, APPS.forums.id)];
    assert.equal((await t.client.revokeRefreshTokensByUserIdForApplication(USERS.richard.id, APPS.forums.id)).statusCode, 200);
    await dead(forums.token);
    assert.ok(await works(store.token));
  });

  test('with a JSON body (revokeRefreshTokensWithRequest)', async () => {
    const a = await login();
    assert.equal((await t.client.revokeRefreshTokensWithRequest({ token: a.token })).statusCode, 200);
    await dead(a.token);
    const b = await login();
    assert.equal((await t.client.revokeRefreshTokensWithRequest({ userId: USERS.richard.id })).statusCode, 200);
    await dead(b.token);
  });

  test('404 for unknown tokens, ids and users; 400 when nothing is named or an id is malformed', async () => {
    await rejection(t.client.revokeRefreshTokenByToken('never-issued'), 404);
    await rejection(t.client.revokeRefreshTokenById('55555555-0000-4000-8000-000000000000'), 404);
    await rejection(t.client.revokeRefreshTokensByUserId('55555555-0000-4000-8000-000000000000'), 404);
    await rejection(t.client.revokeRefreshTokensWithRequest({}), 400);
    const malformed = await rejection(t.client.revokeRefreshTokenById('not-a-uuid'), 400);
    assert.ok((malformed.exception as { fieldErrors: Record<string, unknown> }).fieldErrors.tokenId);
  });

  test('401 without the API key', async () => {
    const a = await login();
    await rejection(t.anonymous.revokeRefreshTokenByToken(a.token), 401);
    assert.ok(await works(a.token));
  });
});

describe('POST /api/logout (logoutWithRequest)', () => {
  test('revokes the given refresh token and expires both cookies; 200 with an empty body', async () => {
    const [a, b] = [await login(), await login()];
    const response = await t.anonymous.logoutWithRequest({ refreshToken: a.token });
    assert.equal(response.statusCode, 200);
    assert.equal(response.response, undefined);
    await dead(a.token);
    assert.ok(await works(b.token));
  });

  test('global: every refresh token of the user', async () => {
    const [a, b, other] = [await login(), await login(USERS.richard.email, APPS.forums.id), await login(USERS.monica.email)];
    assert.equal((await t.anonymous.logoutWithRequest({ global: true, refreshToken: a.token })).statusCode, 200);
    await dead(a.token);
    await dead(b.token);
    assert.ok(await works(other.token));
  });

  test('reads the refresh_token cookie and answers with expired cookies, no content type', async () => {
    const a = await login();
    const response = await fetch(`${t.url}/api/logout`, { method: 'POST', headers: { cookie: `refresh_token=${a.token}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), null);
    assert.equal(await response.text(), '');
    const cookies = response.headers.getSetCookie();
    assert.ok(cookies.some((c) => /^access_token=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/.test(c)), cookies.join('\n'));
    assert.ok(cookies.some((c) => /^refresh_token=; Max-Age=0;/.test(c)));
    await dead(a.token);
  });

  test('the legacy logout() form (query parameters, text/plain) works too', async () => {
    const a = await login();
    assert.equal((await t.anonymous.logout(false, a.token)).statusCode, 200);
    await dead(a.token);
  });

  test('an unknown token is not an error', async () => {
    assert.equal((await t.anonymous.logoutWithRequest({ refreshToken: 'unknown' })).statusCode, 200);
  });
});
