import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { APPS, PASSWORD, RSA_KEY_ID, TENANT_ID, USERS, claims, header, rejection, startIdp, type TestIdp } from './harness.ts';

let t: TestIdp;
before(async () => {
  t = await startIdp();
});
after(() => t.close());

const loginRichard = (applicationId: string = APPS.store.id) =>
  t.client.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId });

describe('POST /api/login (login)', () => {
  test('200 with user, JWT and refresh token; claims as FusionAuth issues them', async () => {
    const response = await loginRichard();
    assert.equal(response.statusCode, 200);
    const body = response.response;
    assert.ok(body.refreshToken && body.refreshTokenId);
    assert.equal(body.user?.id, USERS.richard.id);
    assert.equal(body.user?.email, USERS.richard.email);
    assert.equal(body.user?.tenantId, TENANT_ID);
    assert.ok(body.user?.registrations?.some((r) => r.applicationId === APPS.store.id && r.roles?.includes('user')));
    assert.equal((body.user as Record<string, unknown>).password, undefined);

    const jwt = claims(body.token);
    assert.deepEqual(header(body.token), { alg: 'RS256', typ: 'JWT', kid: RSA_KEY_ID });
    assert.equal(jwt.aud, APPS.store.id);
    assert.equal(jwt.applicationId, APPS.store.id);
    assert.equal(jwt.sub, USERS.richard.id);
    assert.equal(jwt.iss, 'https://idp.test');
    assert.equal(jwt.email, USERS.richard.email);
    assert.equal(jwt.authenticationType, 'PASSWORD');
    assert.deepEqual(jwt.roles, ['user']);
    assert.equal(jwt.sid, body.refreshTokenId);
    assert.equal(jwt.tid, TENANT_ID);
    assert.equal(typeof jwt.jti, 'string');
    assert.equal(jwt.exp! - jwt.iat!, 300);
    assert.equal(jwt.auth_time, jwt.iat);
    assert.equal(body.tokenExpirationInstant, jwt.exp! * 1000);
  });

  test('sets host-only HttpOnly SameSite=Lax cookies, Max-Age on the refresh token only', async () => {
    const response = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginId: USERS.richard.email, password: PASSWORD, applicationId: APPS.store.id }),
    });
    assert.equal(response.status, 200);
    const [access, refresh] = response.headers.getSetCookie();
    assert.match(access ?? '', /^access_token=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.match(refresh ?? '', /^refresh_token=[\w-]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  test('the tenant key signs HS256 tokens with a kid, for applications without their own JWT settings', async () => {
    const response = await loginRichard(APPS.locked.id);
    const head = header(response.response.token);
    assert.equal(head.alg, 'HS256');
    assert.ok(head.kid && head.kid !== RSA_KEY_ID);
    const jwt = claims(response.response.token);
    assert.equal(jwt.exp! - jwt.iat!, 3600);
  });

  test('without applicationId: a JWT with no audience or roles, and no refresh token', async () => {
    const response = await t.client.login({ loginId: USERS.richard.email, password: PASSWORD });
    assert.equal(response.statusCode, 200);
    assert.equal(response.response.refreshToken, undefined);
    const jwt = claims(response.response.token);
    assert.equal(jwt.aud, undefined);
    assert.equal(jwt.roles, undefined);
  });

  test('202 when the user is not registered for the application', async () => {
    const response = await t.client.login({ loginId: USERS.jared.email, password: PASSWORD, applicationId: APPS.store.id });
    assert.equal(response.statusCode, 202);
    assert.equal(response.response.refreshToken, undefined);
    assert.equal(response.response.user?.id, USERS.jared.id);
  });

  test('noJWT: the user only, no token, no cookies', async () => {
    const response = await t.client.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId: APPS.store.id, noJWT: true });
    assert.equal(response.statusCode, 200);
    assert.equal(response.response.token, undefined);
    assert.equal(response.response.refreshToken, undefined);
    assert.equal(response.response.user?.id, USERS.richard.id);
  });

  test('404 with an empty body for a wrong password and for an unknown user', async () => {
    const wrong = await rejection(t.client.login({ loginId: USERS.richard.email, password: 'not-the-password', applicationId: APPS.store.id }), 404);
    assert.equal(wrong.exception, undefined);
    const unknown = await rejection(t.client.login({ loginId: 'nobody@example.com', password: PASSWORD }), 404);
    assert.equal(unknown.exception, undefined);
  });

  test('400 with field errors for missing credentials and an unknown application', async () => {
    const missing = await rejection(t.client.login({ loginId: '' }), 400);
    const errors = missing.exception as { fieldErrors: Record<string, { code: string }[]> };
    assert.equal(errors.fieldErrors.loginId?.[0]?.code, '[blank]loginId');
    assert.equal(errors.fieldErrors.password?.[0]?.code, '[blank]password');
    const unknownApp = await rejection(
      t.client.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId: '99999999-0000-4000-8000-000000000000' }),
      400,
    );
    assert.ok((unknownApp.exception as { fieldErrors: Record<string, unknown> }).fieldErrors.applicationId);
  });

  test('401 without an API key when the application requires authentication, or with a wrong key', async () => {
    await rejection(t.anonymous.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId: APPS.locked.id }), 401);
    const anonymousOk = await t.anonymous.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId: APPS.store.id });
    assert.equal(anonymousOk.statusCode, 200);
    const { FusionAuthClient } = await import('@fusionauth/typescript-client');
    await rejection(new FusionAuthClient('wrong-key', t.url).login({ loginId: USERS.richard.email, password: PASSWORD }), 401);
  });

  test('423 after five wrong passwords, even with the right one; unlocked once the lock expires', async () => {
    const attempt = (password: string) => t.client.login({ loginId: USERS.monica.email, password, applicationId: APPS.store.id });
    for (let i = 0; i < 5; i++) await rejection(attempt('guess-number-' + i), 404);
    await rejection(attempt(PASSWORD), 423);
    t.clock.advance(181);
    assert.equal((await attempt(PASSWORD)).statusCode, 200);
  });

  test('failures spread beyond the reset window do not lock', async () => {
    const attempt = (password: string) => t.client.login({ loginId: USERS.monica.email, password, applicationId: APPS.store.id });
    for (let i = 0; i < 8; i++) {
      await rejection(attempt('slow-guess-' + i), 404);
      t.clock.advance(20);
    }
    assert.equal((await attempt(PASSWORD)).statusCode, 200);
  });
});

describe('GET /api/jwt/validate (validateJWT)', () => {
  test('200 with the claims of a valid JWT', async () => {
    const { response } = await loginRichard();
    const validated = await t.anonymous.validateJWT(response.token!);
    assert.equal(validated.statusCode, 200);
    assert.equal(validated.response.jwt?.sub, USERS.richard.id);
    assert.equal(validated.response.jwt?.aud, APPS.store.id);
  });

  test('401 with an empty body for forged, tampered, foreign and expired JWTs', async () => {
    const { response } = await loginRichard();
    const token = response.token!;
    const [head, payload] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims(token), roles: ['admin'] })).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: RSA_KEY_ID })).toString('base64url')}.${payload}.`;
    const foreign = await new SignJWT(claims(token)).setProtectedHeader({ alg: 'HS256', kid: RSA_KEY_ID }).sign(new TextEncoder().encode('attacker-secret-attacker-secret!!'));
    for (const bad of [none, `${head}.${forgedPayload}.${token.split('.')[2]}`, foreign, 'not-a-jwt', `${token}x`]) {
      const rejected = await rejection(t.anonymous.validateJWT(bad), 401);
      assert.equal(rejected.exception, undefined);
    }
    t.clock.advance(301);
    await rejection(t.anonymous.validateJWT(token), 401);
  });
});

describe('POST /api/jwt/refresh (exchangeRefreshTokenForJWT)', () => {
  test('200 with a new JWT; the reusable refresh token comes back unchanged', async () => {
    const login = (await loginRichard()).response;
    t.clock.advance(10);
    const refreshed = await t.anonymous.exchangeRefreshTokenForJWT({ refreshToken: login.refreshToken });
    assert.equal(refreshed.statusCode, 200);
    assert.equal(refreshed.response.refreshToken, login.refreshToken);
    assert.equal(refreshed.response.refreshTokenId, login.refreshTokenId);
    const jwt = claims(refreshed.response.token);
    assert.equal(jwt.authenticationType, 'REFRESH_TOKEN');
    assert.equal(jwt.sub, USERS.richard.id);
    assert.equal(jwt.auth_time, claims(login.token).auth_time);
    assert.ok(jwt.iat! > claims(login.token).iat!);
  });

  test('the refresh_token cookie is read, and wins over the body', async () => {
    const login = (await loginRichard()).response;
    const response = await fetch(`${t.url}/api/jwt/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `refresh_token=${login.refreshToken}` },
      body: JSON.stringify({ refreshToken: 'garbage' }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.getSetCookie()[0] ?? '', /^access_token=/);
  });

  test('400 for an expired refresh token', async () => {
    const login = (await loginRichard()).response;
    t.clock.advance(3600);
    const rejected = await rejection(t.anonymous.exchangeRefreshTokenForJWT({ refreshToken: login.refreshToken }), 400);
    assert.equal((rejected.exception as { fieldErrors: Record<string, { code: string }[]> }).fieldErrors.refreshToken?.[0]?.code, '[invalid]refreshToken');
  });

  test('400 for a revoked, an unknown and a missing refresh token', async () => {
    const login = (await loginRichard()).response;
    await t.client.revokeRefreshTokenByToken(login.refreshToken!);
    await rejection(t.anonymous.exchangeRefreshTokenForJWT({ refreshToken: login.refreshToken }), 400);
    await rejection(t.anonymous.exchangeRefreshTokenForJWT({ refreshToken: 'made-up' }), 400);
    await rejection(t.anonymous.exchangeRefreshTokenForJWT({}), 400);
  });

  test('403 when the application does not allow token refresh', async () => {
    const login = (await loginRichard(APPS.spa.id)).response;
    await rejection(t.anonymous.exchangeRefreshTokenForJWT({ refreshToken: login.refreshToken }), 403);
  });
});
