import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { APPS, PASSWORD, REDIRECT_URI, RSA_KEY_ID, USERS, authorize, claims, pkcePair, rejection, startIdp, type TestIdp } from './harness.ts';

let t: TestIdp;
before(async () => {
  t = await startIdp();
});
after(() => t.close());

const richard = { loginId: USERS.richard.email, password: PASSWORD };
const oauthError = (exception: unknown) => exception as { error: string; error_reason: string; error_description: string };

describe('GET/POST /oauth2/authorize (hosted login page)', () => {
  test('shows a login page under a strict CSP, with labelled fields and no script', async () => {
    const query = new URLSearchParams({ client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'code', state: 'abc' });
    const response = await fetch(`${t.url}/oauth2/authorize?${query}`);
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'self' http:\/\/app\.test/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await response.text();
    assert.match(html, /<label for="loginId">/);
    assert.match(html, /<label for="password">/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /name="state" value="abc"/);
  });

  test('redirects back with code, state and userState=Authenticated, and sets the SSO cookie', async () => {
    const result = await authorize(t.url, { client_id: APPS.store.id, state: 'state-123' }, richard);
    assert.equal(`${result.location.origin}${result.location.pathname}`, REDIRECT_URI);
    assert.equal(result.location.searchParams.get('state'), 'state-123');
    assert.equal(result.location.searchParams.get('userState'), 'Authenticated');
    assert.ok(result.code && result.ssoCookie);
  });

  test('wrong password: the form again with 401 and an alert, no redirect', async () => {
    const query = { client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'code', loginId: USERS.richard.email, password: 'nope' };
    const response = await fetch(`${t.url}/oauth2/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams(query) });
    assert.equal(response.status, 401);
    assert.match(await response.text(), /role="alert"[^>]*>Invalid login credentials/);
  });

  test('a sign-in form posted from another site is refused (login CSRF)', async () => {
    const form = new URLSearchParams({ client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'code', ...richard });
    for (const site of ['cross-site', 'same-site']) {
      const response = await fetch(`${t.url}/oauth2/authorize`, { method: 'POST', redirect: 'manual', headers: { 'sec-fetch-site': site }, body: form });
      assert.equal(response.status, 403);
      assert.equal(response.headers.getSetCookie().length, 0);
    }
  });

  test('an unknown client or unregistered redirect URI gets an error page, never a redirect', async () => {
    for (const query of [
      { client_id: '55555555-0000-4000-8000-000000000000', redirect_uri: REDIRECT_URI, response_type: 'code' },
      { client_id: APPS.store.id, redirect_uri: 'http://evil.test/steal', response_type: 'code' },
      { client_id: APPS.store.id, redirect_uri: `${REDIRECT_URI}/extra`, response_type: 'code' },
    ]) {
      const response = await fetch(`${t.url}/oauth2/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
    }
  });

  test('PKCE plain is refused; a required challenge must be present', async () => {
    const plain = await authorize(t.url, { client_id: APPS.store.id, code_challenge: 'x'.repeat(43), code_challenge_method: 'plain', state: 's' }, null);
    assert.equal(plain.location.searchParams.get('error_reason'), 'invalid_pkce_code_challenge_method');
    assert.equal(plain.location.searchParams.get('state'), 's');
    const missing = await authorize(t.url, { client_id: APPS.spa.id }, null);
    assert.equal(missing.location.searchParams.get('error_reason'), 'missing_code_challenge');
  });
});

describe('POST /oauth2/token, authorization_code grant', () => {
  test('client_secret_post (exchangeOAuthCodeForAccessToken): tokens, id token and claims', async () => {
    const { code } = await authorize(t.url, { client_id: APPS.store.id, nonce: 'n-1' }, richard);
    const { statusCode, response } = await t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI);
    assert.equal(statusCode, 200);
    assert.equal(response.token_type, 'Bearer');
    assert.equal(response.expires_in, 300);
    assert.equal(response.scope, 'openid offline_access');
    assert.equal(response.userId, USERS.richard.id);
    assert.ok(response.refresh_token && response.refresh_token_id);
    const access = claims(response.access_token);
    assert.equal(access.aud, APPS.store.id);
    assert.equal(access.scope, 'openid offline_access');
    assert.equal(access.sid, response.refresh_token_id);
    const id = claims(response.id_token);
    assert.equal(id.nonce, 'n-1');
    assert.equal(id.aud, APPS.store.id);
    const digest = createHash('sha256').update(response.access_token!).digest();
    assert.equal(id.at_hash, digest.subarray(0, 16).toString('base64url'));
  });

  test('client_secret_basic, with PKCE (exchangeOAuthCodeForAccessTokenUsingPKCE-equivalent over Basic)', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await authorize(t.url, { client_id: APPS.store.id, code_challenge: challenge, code_challenge_method: 'S256' }, richard);
    const response = await fetch(`${t.url}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${APPS.store.id}:${APPS.store.secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  test('public client: no secret, PKCE (exchangeOAuthCodeForAccessTokenUsingPKCE)', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await authorize(t.url, { client_id: APPS.spa.id, code_challenge: challenge, code_challenge_method: 'S256' }, richard);
    const result = await t.anonymous.exchangeOAuthCodeForAccessTokenUsingPKCE(code!, APPS.spa.id, undefined as unknown as string, REDIRECT_URI, verifier);
    assert.equal(result.statusCode, 200);
    assert.ok(result.response.refresh_token);
    // Its refresh token works without a secret too, because it was obtained with PKCE.
    const refreshed = await t.anonymous.exchangeRefreshTokenForAccessToken(result.response.refresh_token!, APPS.spa.id, undefined as unknown as string, undefined as unknown as string, undefined as unknown as string);
    assert.equal(refreshed.statusCode, 200);
  });

  test('a wrong PKCE verifier: 400 invalid_grant invalid_pkce_code_verifier', async () => {
    const { challenge } = pkcePair();
    const { code } = await authorize(t.url, { client_id: APPS.store.id, code_challenge: challenge, code_challenge_method: 'S256' }, richard);
    const rejected = await rejection(t.anonymous.exchangeOAuthCodeForAccessTokenUsingPKCE(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI, pkcePair().verifier), 400);
    assert.equal(oauthError(rejected.exception).error, 'invalid_grant');
    assert.equal(oauthError(rejected.exception).error_reason, 'invalid_pkce_code_verifier');
  });

  test('a PKCE downgrade (challenge sent, verifier left out) is refused', async () => {
    const { challenge } = pkcePair();
    const { code } = await authorize(t.url, { client_id: APPS.store.id, code_challenge: challenge, code_challenge_method: 'S256' }, richard);
    const rejected = await rejection(t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI), 400);
    assert.equal(oauthError(rejected.exception).error_reason, 'missing_code_verifier');
  });

  test('a redirect_uri differing from the authorize request: 400 invalid_redirect_uri', async () => {
    const { code } = await authorize(t.url, { client_id: APPS.store.id }, richard);
    const rejected = await rejection(t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, 'http://app.test/other'), 400);
    assert.equal(oauthError(rejected.exception).error_reason, 'invalid_redirect_uri');
  });

  test('a bad client secret: 401 invalid_client; a missing one for a confidential client too', async () => {
    const { code } = await authorize(t.url, { client_id: APPS.store.id }, richard);
    const bad = await rejection(t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, 'wrong-secret', REDIRECT_URI), 401);
    assert.equal(oauthError(bad.exception).error, 'invalid_client');
    const missing = await rejection(t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, undefined as unknown as string, REDIRECT_URI), 401);
    assert.equal(oauthError(missing.exception).error_reason, 'client_authentication_missing');
  });

  test('codes are single use', async () => {
    const { code } = await authorize(t.url, { client_id: APPS.store.id }, richard);
    await t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI);
    const again = await rejection(t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI), 400);
    assert.equal(oauthError(again.exception).error_reason, 'auth_code_not_found');
  });

  test('codes expire after 30 seconds', async () => {
    const { code } = await authorize(t.url, { client_id: APPS.store.id }, richard);
    t.clock.advance(31);
    const expired = await rejection(t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI), 400);
    assert.equal(oauthError(expired.exception).error_reason, 'auth_code_not_found');
  });

  test('another client cannot redeem the code', async () => {
    const { code } = await authorize(t.url, { client_id: APPS.store.id }, richard);
    await rejection(t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.forums.id, APPS.forums.secret, REDIRECT_URI), 400);
  });
});

describe('SSO across applications', () => {
  test('a second application\'s authorize redirects straight back with a code, no form', async () => {
    const first = await authorize(t.url, { client_id: APPS.store.id }, richard);
    const second = await authorize(t.url, { client_id: APPS.forums.id, state: 'forums' }, null, first.ssoCookie);
    assert.equal(second.location.searchParams.get('userState'), 'Authenticated');
    assert.equal(second.location.searchParams.get('state'), 'forums');
    const tokens = await t.anonymous.exchangeOAuthCodeForAccessToken(second.code!, APPS.forums.id, APPS.forums.secret, REDIRECT_URI);
    assert.equal(claims(tokens.response.access_token).aud, APPS.forums.id);
    assert.equal(claims(tokens.response.id_token).auth_time, claims(tokens.response.access_token).auth_time);
  });

  test('prompt=none without a session: error=login_required; prompt=login shows the form despite one', async () => {
    const none = await authorize(t.url, { client_id: APPS.store.id, prompt: 'none' }, null);
    assert.equal(none.location.searchParams.get('error'), 'login_required');
    const { ssoCookie } = await authorize(t.url, { client_id: APPS.store.id }, richard);
    const query = new URLSearchParams({ client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'code', prompt: 'login' });
    const page = await fetch(`${t.url}/oauth2/authorize?${query}`, { headers: { cookie: `fusionauth.sso=${ssoCookie}` } });
    assert.equal(page.status, 200);
  });

  test('/oauth2/logout ends the SSO session but leaves refresh tokens alone', async () => {
    const { code, ssoCookie } = await authorize(t.url, { client_id: APPS.store.id }, richard);
    const tokens = (await t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI)).response;
    const logout = await fetch(`${t.url}/oauth2/logout?client_id=${APPS.store.id}&post_logout_redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=bye`, {
      redirect: 'manual',
      headers: { cookie: `fusionauth.sso=${ssoCookie}` },
    });
    assert.equal(logout.status, 302);
    assert.equal(logout.headers.get('location'), `${REDIRECT_URI}?state=bye`);
    assert.ok(logout.headers.getSetCookie().some((c) => c.startsWith('fusionauth.sso=; Max-Age=0')));
    const query = new URLSearchParams({ client_id: APPS.forums.id, redirect_uri: REDIRECT_URI, response_type: 'code' });
    const page = await fetch(`${t.url}/oauth2/authorize?${query}`, { redirect: 'manual', headers: { cookie: `fusionauth.sso=${ssoCookie}` } });
    assert.equal(page.status, 200);
    const refreshed = await t.anonymous.exchangeRefreshTokenForAccessToken(tokens.refresh_token!, APPS.store.id, APPS.store.secret, undefined as unknown as string, undefined as unknown as string);
    assert.equal(refreshed.statusCode, 200);
  });
});

describe('POST /oauth2/token, refresh_token grant (exchangeRefreshTokenForAccessToken)', () => {
  async function tokensFor(app: { id: string; secret: string }) {
    const { code } = await authorize(t.url, { client_id: app.id }, richard);
    return (await t.anonymous.exchangeOAuthCodeForAccessToken(code!, app.id, app.secret, REDIRECT_URI)).response;
  }
  const none = undefined as unknown as string;

  test('new access token; rotation for OneTimeUse applications, with reuse detection', async () => {
    const tokens = await tokensFor(APPS.rotating);
    const next = await t.anonymous.exchangeRefreshTokenForAccessToken(tokens.refresh_token!, APPS.rotating.id, APPS.rotating.secret, none, none);
    assert.equal(next.statusCode, 200);
    assert.ok(next.response.refresh_token && next.response.refresh_token !== tokens.refresh_token);
    assert.equal(claims(next.response.access_token).authenticationType, 'REFRESH_TOKEN');
    assert.ok(next.response.id_token);
    const reuse = await rejection(t.anonymous.exchangeRefreshTokenForAccessToken(tokens.refresh_token!, APPS.rotating.id, APPS.rotating.secret, none, none), 400);
    assert.equal(oauthError(reuse.exception).error_reason, 'refresh_token_not_found');
    await rejection(t.anonymous.exchangeRefreshTokenForAccessToken(next.response.refresh_token!, APPS.rotating.id, APPS.rotating.secret, none, none), 400);
  });

  test('scope can narrow, not widen', async () => {
    const tokens = await tokensFor(APPS.store);
    const narrowed = await t.anonymous.exchangeRefreshTokenForAccessToken(tokens.refresh_token!, APPS.store.id, APPS.store.secret, 'offline_access', none);
    assert.equal(narrowed.response.scope, 'offline_access');
    assert.equal(narrowed.response.id_token, undefined);
    const widened = await rejection(t.anonymous.exchangeRefreshTokenForAccessToken(tokens.refresh_token!, APPS.store.id, APPS.store.secret, 'openid admin', none), 400);
    assert.equal(oauthError(widened.exception).error, 'invalid_scope');
  });

  test('expired, unknown or other clients\' refresh tokens: 400 invalid_grant; bad secret: 401', async () => {
    const tokens = await tokensFor(APPS.store);
    await rejection(t.anonymous.exchangeRefreshTokenForAccessToken(tokens.refresh_token!, APPS.forums.id, APPS.forums.secret, none, none), 400);
    await rejection(t.anonymous.exchangeRefreshTokenForAccessToken('unknown', APPS.store.id, APPS.store.secret, none, none), 400);
    await rejection(t.anonymous.exchangeRefreshTokenForAccessToken(tokens.refresh_token!, APPS.store.id, 'wrong', none, none), 401);
    t.clock.advance(3600);
    await rejection(t.anonymous.exchangeRefreshTokenForAccessToken(tokens.refresh_token!, APPS.store.id, APPS.store.secret, none, none), 400);
  });
});

describe('userinfo, discovery and keys', () => {
  test('GET /oauth2/userinfo (retrieveUserInfoFromAccessToken)', async () => {
    const { code } = await authorize(t.url, { client_id: APPS.store.id }, richard);
    const tokens = (await t.anonymous.exchangeOAuthCodeForAccessToken(code!, APPS.store.id, APPS.store.secret, REDIRECT_URI)).response;
    const { statusCode, response } = await t.anonymous.retrieveUserInfoFromAccessToken(tokens.access_token!);
    assert.equal(statusCode, 200);
    assert.equal(response.sub, USERS.richard.id);
    assert.equal(response.email, USERS.richard.email);
    assert.equal(response.email_verified, true);
    assert.equal(response.given_name, 'richard');
    assert.equal(response.family_name, 'Tester');
    const rejected = await rejection(t.anonymous.retrieveUserInfoFromAccessToken('forged.token.here'), 401);
    assert.equal(oauthError(rejected.exception).error, 'invalid_token');
  });

  test('/.well-known/openid-configuration (retrieveOpenIdConfiguration)', async () => {
    const { response } = await t.anonymous.retrieveOpenIdConfiguration();
    assert.equal(response.issuer, 'https://idp.test');
    assert.equal(response.authorization_endpoint, `${t.url}/oauth2/authorize`);
    assert.equal(response.token_endpoint, `${t.url}/oauth2/token`);
    assert.equal(response.userinfo_endpoint, `${t.url}/oauth2/userinfo`);
    assert.equal(response.end_session_endpoint, `${t.url}/oauth2/logout`);
    assert.equal(response.jwks_uri, `${t.url}/.well-known/jwks.json`);
    assert.deepEqual(response.token_endpoint_auth_methods_supported, ['client_secret_basic', 'client_secret_post', 'none']);
    assert.deepEqual(response.code_challenge_methods_supported, ['S256']);
  });

  test('/.well-known/jwks.json (retrieveJsonWebKeySet): the RSA key only, usable to verify our tokens', async () => {
    const { response } = await t.anonymous.retrieveJsonWebKeySet();
    assert.deepEqual(response.keys?.map((k) => [k.kid, k.kty, k.alg]), [[RSA_KEY_ID, 'RSA', 'RS256']]);
    assert.ok(response.keys?.every((k) => k.d === undefined && k.k === undefined));
    const login = await t.client.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId: APPS.store.id });
    const verified = await jwtVerify(login.response.token!, createLocalJWKSet({ keys: response.keys as never }), {
      issuer: 'https://idp.test',
      currentDate: new Date(t.clock.now()),
    });
    assert.equal(verified.payload.sub, USERS.richard.id);
  });
});
