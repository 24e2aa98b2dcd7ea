import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT, exportSPKI, importJWK, type JWK } from 'jose';
import { API_KEY, APPS, PASSWORD, REDIRECT_URI, RSA_KEY_ID, USERS, claims, startIdp, type TestIdp } from './harness.ts';

// Throws a few hundred malformed requests at every endpoint. Each answer must be a 4xx in the
// endpoint's own error shape (or FusionAuth's empty body), never a 5xx, and the server must stay up.

let t: TestIdp;
before(async () => {
  t = await startIdp();
});
after(() => t.close());

type Shape =
  | 'api' // FusionAuth errors JSON, or an empty body without a content type
  | 'oauth' // { error, error_description, error_reason }
  | 'page' // the IdP's HTML error/login page
  | 'oauth-redirect'; // 302 back to the (valid) client with ?error=…

interface Case {
  name: string;
  method: string;
  path: string;
  shape: Shape;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

const GARBAGE_COOKIES = [
  'refresh_token=%%%; access_token=a.b.c',
  'fusionauth.sso=\u00ff\u00fe; refresh_token=',
  `access_token=${'x'.repeat(3000)}`,
  '=;;;=;;refresh_token="unterminated',
  'refresh_token=%E0%A4%A; fusionauth.sso=%',
];
const BROKEN_JSON = ['{"loginId":', '{', '[1,2', '{"a":undefined}', "{'single':'quotes'}", '\u0000\u0001', '{"a":1}}', 'nul'];
const NOT_OBJECTS = ['[]', '"text"', 'null', '123', 'true', '[{"loginId":"x"}]'];
const BAD_IDS = ['not-a-uuid', '12345', '44444444-0000-4000-8000-00000000000Z', '..%2F..%2Fetc', '%zz', "1' OR '1'='1", '%00'];

async function forgedTokens(): Promise<Record<string, string>> {
  const { response } = await t.client.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId: APPS.store.id });
  const token = response.token!;
  const [head, payload, signature] = token.split('.') as [string, string, string];
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = claims(token);
  const jwk = (await t.anonymous.retrieveJsonWebKeySet()).response.keys![0] as JWK;
  const publicPem = await exportSPKI((await importJWK(jwk, 'RS256')) as CryptoKey);
  const expired = await t.idp.context.keys.sign(RSA_KEY_ID, { ...body, iat: body.iat! - 7200, exp: body.iat! - 3600 });
  return {
    'alg none': `${b64({ alg: 'none', typ: 'JWT', kid: RSA_KEY_ID })}.${payload}.`,
    'alg none, no signature part': `${b64({ alg: 'none' })}.${payload}`,
    'wrong key': await new SignJWT(body).setProtectedHeader({ alg: 'HS256', kid: RSA_KEY_ID }).sign(new TextEncoder().encode('x'.repeat(32))),
    'algorithm confusion (public key as HMAC secret)': await new SignJWT(body)
      .setProtectedHeader({ alg: 'HS256', kid: RSA_KEY_ID })
      .sign(new TextEncoder().encode(publicPem)),
    'tampered payload': `${head}.${b64({ ...body, roles: ['admin'] })}.${signature}`,
    'unknown kid': `${b64({ alg: 'RS256', typ: 'JWT', kid: 'nope' })}.${payload}.${signature}`,
    expired,
    'wrong issuer': await t.idp.context.keys.sign(RSA_KEY_ID, { ...body, iss: 'https://evil.test' }),
    'no exp': await t.idp.context.keys.sign(RSA_KEY_ID, { sub: body.sub!, iat: body.iat!, iss: body.iss! }),
    garbage: 'a.b.c',
    empty: '',
    huge: 'x'.repeat(6000),
  };
}

function cases(forged: Record<string, string>): Case[] {
  const list: Case[] = [];
  const json = { 'content-type': 'application/json' };
  const key = { authorization: API_KEY };
  const jsonEndpoints: { method: string; path: string; headers: Record<string, string> }[] = [
    { method: 'POST', path: '/api/login', headers: json },
    { method: 'POST', path: '/api/logout', headers: json },
    { method: 'POST', path: '/api/jwt/refresh', headers: json },
    { method: 'DELETE', path: '/api/jwt/refresh', headers: { ...json, ...key } },
    { method: 'POST', path: '/api/user/registration', headers: { ...json, ...key } },
    { method: 'POST', path: `/api/user/registration/${USERS.jared.id}`, headers: { ...json, ...key } },
    { method: 'POST', path: '/api/demo/clock', headers: { ...json, ...key } },
  ];
  for (const endpoint of jsonEndpoints) {
    const at = `${endpoint.method} ${endpoint.path}`;
    for (const body of BROKEN_JSON) list.push({ name: `${at} broken JSON ${body}`, ...endpoint, shape: 'api', body });
    for (const body of NOT_OBJECTS) list.push({ name: `${at} JSON ${body}`, ...endpoint, shape: 'api', body });
    list.push({ name: `${at} huge body`, ...endpoint, shape: 'api', body: JSON.stringify({ loginId: 'x'.repeat(200_000) }) });
    list.push({ name: `${at} deep nesting`, ...endpoint, shape: 'api', body: '['.repeat(30_000) + ']'.repeat(30_000) });
    list.push({ name: `${at} binary`, ...endpoint, shape: 'api', body: new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x22]) });
    for (const cookie of GARBAGE_COOKIES) {
      list.push({ name: `${at} garbage cookie ${cookie.slice(0, 20)}`, ...endpoint, headers: { ...endpoint.headers, cookie }, shape: 'api', body: '{"refreshToken": 42}' });
    }
  }

  // Wrong content types and wrong field types on the login API.
  const login = (body: unknown, headers: Record<string, string> = json) =>
    ({ method: 'POST', path: '/api/login', headers, shape: 'api' as const, body: JSON.stringify(body) });
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx']) {
    list.push({ name: `login as ${contentType}`, ...login({ loginId: USERS.richard.email, password: PASSWORD }, { 'content-type': contentType }) });
  }
  const loginBodies: unknown[] = [
    {}, { loginId: USERS.richard.email }, { password: PASSWORD }, { loginId: 123, password: PASSWORD }, { loginId: USERS.richard.email, password: {} },
    { loginId: USERS.richard.email, password: PASSWORD, applicationId: 'not-a-uuid' }, { loginId: USERS.richard.email, password: PASSWORD, noJWT: 'yes' },
    { loginId: USERS.richard.email, password: PASSWORD, applicationId: '55555555-0000-4000-8000-000000000000' },
    { loginId: USERS.richard.email, password: 'x'.repeat(300) }, { loginId: ['a'], password: [PASSWORD] }, { loginId: null, password: null },
    { loginId: USERS.richard.email, password: 'wrong-password' }, { loginId: 'nobody@example.com', password: PASSWORD },
  ];
  loginBodies.forEach((body, i) => list.push({ name: `login body #${i}`, ...login(body) }));
  list.push({ name: 'login with a bad API key', ...login({ loginId: USERS.richard.email, password: PASSWORD }, { ...json, authorization: 'nope' }) });
  list.push({ name: 'login for a key-only app without key', ...login({ loginId: USERS.richard.email, password: PASSWORD, applicationId: APPS.locked.id }) });
  list.push({ name: 'login with a foreign tenant header', ...login({ loginId: USERS.richard.email, password: PASSWORD }, { ...json, 'x-fusionauth-tenantid': 'nope' }) });

  // Refresh, revoke, logout with wrong types and unknown tokens.
  for (const body of [{ refreshToken: 'unknown' }, { refreshToken: 12 }, { refreshToken: '' }, { refreshToken: 'x'.repeat(5000) }, { token: ['a'] }]) {
    list.push({ name: `refresh ${JSON.stringify(body).slice(0, 30)}`, method: 'POST', path: '/api/jwt/refresh', headers: json, shape: 'api', body: JSON.stringify(body) });
  }
  for (const body of [{ global: 'yes' }, { refreshToken: 5 }]) {
    list.push({ name: `logout ${JSON.stringify(body)}`, method: 'POST', path: '/api/logout', headers: json, shape: 'api', body: JSON.stringify(body) });
  }
  for (const query of ['', '?token=', '?token=unknown', '?userId=undefined', '?applicationId=nope', '?userId=55555555-0000-4000-8000-000000000000', '?userId=%zz']) {
    list.push({ name: `revoke ${query}`, method: 'DELETE', path: `/api/jwt/refresh${query}`, headers: key, shape: 'api' });
    list.push({ name: `revoke ${query} without key`, method: 'DELETE', path: `/api/jwt/refresh${query}`, shape: 'api' });
  }
  for (const body of [{ userId: 'x' }, { applicationId: 7 }, { token: '' }]) {
    list.push({ name: `revoke body ${JSON.stringify(body)}`, method: 'DELETE', path: '/api/jwt/refresh', headers: { ...json, ...key }, shape: 'api', body: JSON.stringify(body) });
  }

  // Ids in paths and queries.
  for (const id of BAD_IDS) {
    list.push({ name: `user ${id}`, method: 'GET', path: `/api/user/${id}`, headers: key, shape: 'api' });
    list.push({ name: `revoke id ${id}`, method: 'DELETE', path: `/api/jwt/refresh/${id}`, headers: key, shape: 'api' });
    list.push({ name: `register ${id}`, method: 'POST', path: `/api/user/registration/${id}`, headers: { ...json, ...key }, shape: 'api', body: JSON.stringify({ registration: { applicationId: APPS.store.id } }) });
    list.push({ name: `clock ${id}`, method: 'GET', path: `/api/demo/clock?userId=${id}`, headers: key, shape: 'api' });
  }
  for (const query of ['', '?email=', '?email=nobody@example.com', '?loginId=%E0%A4%A', `?email=${'a'.repeat(5000)}`, '?email=a&email=b']) {
    list.push({ name: `user search ${query.slice(0, 30)}`, method: 'GET', path: `/api/user${query}`, headers: key, shape: 'api' });
  }
  list.push({ name: 'user without key', method: 'GET', path: `/api/user/${USERS.richard.id}`, shape: 'api' });
  list.push({ name: 'user with bearer JWT instead of key', method: 'GET', path: `/api/user/${USERS.richard.id}`, headers: { authorization: `Bearer ${forged.expired}` }, shape: 'api' });

  // Registration bodies.
  const registrations: unknown[] = [
    {}, { registration: {} }, { registration: { applicationId: 'nope' } }, { user: { email: 'a@b.c' }, registration: { applicationId: APPS.store.id } },
    { user: { email: 'new@example.com', password: 'short' }, registration: { applicationId: APPS.store.id } },
    { user: { email: 'new@example.com', password: PASSWORD }, registration: { applicationId: APPS.store.id, roles: 'admin' } },
    { user: { email: 'new@example.com', password: PASSWORD, firstName: 'x'.repeat(500) }, registration: { applicationId: APPS.store.id } },
    { user: 'me', registration: { applicationId: APPS.store.id } },
  ];
  registrations.forEach((body, i) =>
    list.push({ name: `register body #${i}`, method: 'POST', path: '/api/user/registration', headers: { ...json, ...key }, shape: 'api', body: JSON.stringify(body) }));

  // Demo clock bodies.
  for (const body of [{}, { userId: USERS.richard.id }, { userId: USERS.richard.id, advanceBySeconds: -1 }, { userId: USERS.richard.id, advanceBySeconds: 1e12 }, { userId: USERS.richard.id, advanceBySeconds: 'NaN' }]) {
    list.push({ name: `clock ${JSON.stringify(body)}`, method: 'POST', path: '/api/demo/clock', headers: { ...json, ...key }, shape: 'api', body: JSON.stringify(body) });
  }

  // Forged JWTs wherever a JWT is read.
  for (const [name, token] of Object.entries(forged)) {
    list.push({ name: `validate: ${name}`, method: 'GET', path: '/api/jwt/validate', headers: { authorization: `Bearer ${token}` }, shape: 'api' });
    list.push({ name: `validate cookie: ${name}`, method: 'GET', path: '/api/jwt/validate', headers: { cookie: `access_token=${token}` }, shape: 'api' });
    list.push({ name: `userinfo: ${name}`, method: 'GET', path: '/oauth2/userinfo', headers: { authorization: `Bearer ${token}` }, shape: 'oauth' });
    list.push({ name: `logout global with cookie: ${name}`, method: 'POST', path: '/api/logout', headers: { ...json, cookie: `access_token=${token}` }, shape: 'api', body: '{"global": "yes"}' });
  }
  for (const authorization of ['', 'Bearer', 'Basic abc', 'Bearer a b c', `Bearer ${'x'.repeat(7000)}`]) {
    list.push({ name: `validate with "${authorization.slice(0, 12)}"`, method: 'GET', path: '/api/jwt/validate', headers: { authorization }, shape: 'api' });
    list.push({ name: `userinfo with "${authorization.slice(0, 12)}"`, method: 'POST', path: '/oauth2/userinfo', headers: { authorization }, shape: 'oauth' });
  }

  // The token endpoint.
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const basic = (value: string) => ({ ...form, authorization: `Basic ${Buffer.from(value).toString('base64')}` });
  const tokenForms: [Record<string, string>, Record<string, string>][] = [
    [{}, form], [{ grant_type: 'authorization_code' }, form], [{ client_id: APPS.store.id }, form],
    [{ client_id: 'nope', grant_type: 'authorization_code', code: 'x' }, form],
    [{ client_id: APPS.store.id, client_secret: 'wrong', grant_type: 'authorization_code', code: 'x' }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'password', username: 'a', password: 'b' }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'client_credentials' }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'implicit' }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'authorization_code' }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'authorization_code', code: 'made-up', redirect_uri: REDIRECT_URI }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'authorization_code', code: 'made-up', code_verifier: 'short' }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'refresh_token' }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'refresh_token', refresh_token: 'made-up' }, form],
    [{ client_id: APPS.spa.id, grant_type: 'refresh_token', refresh_token: 'made-up' }, form],
    [{ client_id: APPS.store.id, client_secret: APPS.store.secret, grant_type: 'refresh_token', refresh_token: 'x'.repeat(5000) }, form],
    [{ grant_type: 'authorization_code', code: 'x' }, basic('no-colon')],
    [{ grant_type: 'authorization_code', code: 'x' }, basic(`${APPS.store.id}:wrong`)],
    [{ grant_type: 'authorization_code', code: 'x' }, basic('%zz:%zz')],
    [{ grant_type: 'authorization_code', code: 'x', client_id: APPS.forums.id }, basic(`${APPS.store.id}:${APPS.store.secret}`)],
    [{ grant_type: 'authorization_code', code: 'x' }, { ...form, authorization: 'Bearer abc' }],
    [{ grant_type: 'authorization_code', code: 'x' }, { ...form, authorization: 'Basic !!!' }],
  ];
  tokenForms.forEach(([fields, headers], i) =>
    list.push({ name: `token form #${i}`, method: 'POST', path: '/oauth2/token', headers, shape: 'oauth', body: new URLSearchParams(fields).toString() }));
  for (const [name, headers, body] of [
    ['JSON instead of a form', json, JSON.stringify({ grant_type: 'authorization_code', client_id: APPS.store.id })],
    ['broken multipart', { 'content-type': 'multipart/form-data; boundary=zzz' }, '--zzz\r\nContent-Disposition: form-data\r\n\r\nx'],
    ['multipart without boundary', { 'content-type': 'multipart/form-data' }, 'abc'],
    ['no content type', {}, 'grant_type=authorization_code'],
    ['huge form', form, `grant_type=${'x'.repeat(100_000)}`],
    ['bad percent-encoding', form, 'grant_type=%zz&client_id=%E0%A4%A'],
  ] as const) {
    list.push({ name: `token ${name}`, method: 'POST', path: '/oauth2/token', headers, shape: 'oauth', body });
  }

  // The browser endpoints: invalid clients and redirect URIs get an error page; after those are
  // vetted, the error goes back to the client as a redirect.
  const authorizeQueries: [Record<string, string>, Shape][] = [
    [{}, 'page'], [{ client_id: 'nope' }, 'page'], [{ client_id: APPS.store.id }, 'page'],
    [{ client_id: APPS.store.id, redirect_uri: 'http://evil.test/' }, 'page'],
    [{ client_id: APPS.store.id, redirect_uri: 'javascript:alert(1)' }, 'page'],
    [{ client_id: APPS.store.id, redirect_uri: REDIRECT_URI, state: 'x'.repeat(3000) }, 'page'],
    [{ client_id: APPS.store.id, redirect_uri: REDIRECT_URI }, 'oauth-redirect'],
    [{ client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'token' }, 'oauth-redirect'],
    [{ client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'code', code_challenge: 'short', code_challenge_method: 'S256' }, 'oauth-redirect'],
    [{ client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'code', code_challenge: 'x'.repeat(43) }, 'oauth-redirect'],
    [{ client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'code', prompt: 'none' }, 'oauth-redirect'],
    [{ client_id: APPS.spa.id, redirect_uri: REDIRECT_URI, response_type: 'code' }, 'oauth-redirect'],
  ];
  authorizeQueries.forEach(([query, shape], i) => {
    list.push({ name: `authorize GET #${i}`, method: 'GET', path: `/oauth2/authorize?${new URLSearchParams(query)}`, shape, headers: { cookie: GARBAGE_COOKIES[i % GARBAGE_COOKIES.length]! } });
    // A posted form is a sign-in attempt: prompt=none has no meaning there, the form comes back.
    const posted = query.prompt === 'none' ? 'page' : shape;
    list.push({ name: `authorize POST #${i}`, method: 'POST', path: '/oauth2/authorize', shape: posted, headers: form, body: new URLSearchParams(query).toString() });
  });
  const validAuthorize = { client_id: APPS.store.id, redirect_uri: REDIRECT_URI, response_type: 'code' };
  const attempts: Record<string, string>[] = [{}, { loginId: USERS.richard.email }, { loginId: USERS.richard.email, password: 'wrong' }, { loginId: 'x'.repeat(400), password: 'y' }];
  for (const credentials of attempts) {
    list.push({ name: `authorize POST credentials ${Object.keys(credentials).join(',')}`, method: 'POST', path: '/oauth2/authorize', shape: 'page', headers: form, body: new URLSearchParams({ ...validAuthorize, ...credentials }).toString() });
  }
  list.push({ name: 'authorize POST broken multipart', method: 'POST', path: '/oauth2/authorize', shape: 'page', headers: { 'content-type': 'multipart/form-data; boundary=q' }, body: '--q\r\nbroken' });
  list.push({ name: 'authorize POST huge', method: 'POST', path: '/oauth2/authorize', shape: 'oauth', headers: form, body: 'a='.padEnd(100_000, 'b') });
  for (const query of [`?post_logout_redirect_uri=${encodeURIComponent('http://evil.test/')}`, `?client_id=${APPS.store.id}&post_logout_redirect_uri=http://evil.test/`, '?id_token_hint=garbage', `?id_token_hint=${forged['alg none']}&post_logout_redirect_uri=http://evil.test/`]) {
    list.push({ name: `oauth logout ${query.slice(0, 40)}`, method: 'GET', path: `/oauth2/logout${query}`, shape: 'page' });
  }

  // Unknown routes and wrong methods.
  for (const [method, path] of [
    ['PUT', '/api/login'], ['GET', '/api/login'], ['PATCH', '/api/user/registration'], ['POST', '/.well-known/jwks.json'], ['DELETE', '/api/status'],
    ['GET', '/api/nope'], ['GET', '/api/user/registration/x/y'], ['GET', '/oauth2/nope'], ['POST', '/oauth2/logout'], ['GET', '/%2e%2e/%2e%2e/etc/passwd'],
  ] as const) {
    list.push({ name: `${method} ${path}`, method, path, shape: 'api' });
  }
  return list;
}

async function assertShape(c: Case, response: Response): Promise<void> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const label = `${c.name}: ${response.status} ${type} ${text.slice(0, 200)}`;
  assert.ok(response.status < 500, label);
  if (c.shape === 'oauth-redirect') {
    assert.equal(response.status, 302, label);
    assert.ok(new URL(response.headers.get('location') ?? '').searchParams.get('error'), label);
    return;
  }
  assert.ok(response.status >= 400 && response.status < 500, label);
  if (c.shape === 'page') {
    assert.match(type, /^text\/html/, label);
    assert.match(text, /role="alert"/, label);
  } else if (c.shape === 'oauth') {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const field of ['error', 'error_description', 'error_reason']) assert.equal(typeof body[field], 'string', label);
  } else if (text === '') {
    assert.equal(type, '', label);
  } else {
    assert.match(type, /^application\/json/, label);
    const body = JSON.parse(text) as { fieldErrors: Record<string, unknown[]>; generalErrors: unknown[] };
    assert.equal(typeof body.fieldErrors, 'object', label);
    assert.ok(Array.isArray(body.generalErrors), label);
    assert.ok(Object.values(body.fieldErrors).flat().length + body.generalErrors.length > 0, label);
  }
}

test('hundreds of malformed requests: always a 4xx in the right shape, never a 5xx; the server stays up', async () => {
  const all = cases(await forgedTokens());
  assert.ok(all.length >= 200, `only ${all.length} cases`);
  const failures: string[] = [];
  for (const c of all) {
    const response = await fetch(`${t.url}${c.path}`, {
      method: c.method,
      redirect: 'manual',
      ...(c.headers ? { headers: c.headers } : {}),
      ...(c.body !== undefined ? { body: c.body } : {}),
    });
    await assertShape(c, response).catch((error: Error) => failures.push(error.message));
  }
  assert.deepEqual(failures, [], `${failures.length} of ${all.length} cases failed`);

  const status = await fetch(`${t.url}/api/status`);
  assert.equal(status.status, 200);
  const login = await t.client.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId: APPS.store.id });
  assert.equal(login.statusCode, 200);
  console.log(`# ${all.length} malformed requests answered correctly`);
});
