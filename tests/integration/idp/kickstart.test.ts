import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createIdp, type Idp } from '../../../demo-server/idp/app.ts';
import { idpConnection, type IdpConnection } from '../../../demo-server/idp-connection.ts';
import { KickstartError } from '../../../demo-server/kickstart.ts';
import { authorize, claims, header, pkcePair } from './harness.ts';

const DEMO_KICKSTART = JSON.parse(readFileSync(new URL('../../../demo-server/kickstart.json', import.meta.url), 'utf8')) as {
  variables: Record<string, string>;
};
const vars = DEMO_KICKSTART.variables;

describe('the shipped demo-server/kickstart.json, via idp-connection.ts', () => {
  let idp: Idp;
  let connection: IdpConnection;
  before(async () => {
    idp = await createIdp({ databasePath: ':memory:', kickstart: DEMO_KICKSTART, demoMode: true, log: () => {} });
    const url = await idp.listen(0);
    connection = idpConnection({ IDP_PORT: new URL(url).port });
  });
  after(() => idp.close());

  test('the connection reads the ids, secrets and demo user from the kickstart', () => {
    assert.equal(connection.isEmbedded, true);
    assert.equal(connection.apiKey, vars.apiKey);
    assert.deepEqual(connection.store, { id: vars.storeApplicationId, clientSecret: vars.storeClientSecret });
    assert.deepEqual(connection.forums, { id: vars.forumsApplicationId, clientSecret: vars.forumsClientSecret });
    assert.equal(connection.demoUser.email, 'richard@example.com');
    const real = idpConnection({ FUSIONAUTH_URL: 'http://fusionauth.test:9011/', FUSIONAUTH_API_KEY: 'real-key' });
    assert.deepEqual([real.url, real.apiKey, real.isEmbedded], ['http://fusionauth.test:9011', 'real-key', false]);
  });

  test('the demo user logs in to Store and Forums with the documented password', async () => {
    for (const app of [connection.store, connection.forums]) {
      const { statusCode, response } = await connection.client().login({
        loginId: connection.demoUser.email,
        password: 'correct-horse-battery',
        applicationId: app.id,
      });
      assert.equal(statusCode, 200);
      assert.ok(response.refreshToken);
      const jwt = claims(response.token);
      assert.equal(header(response.token).kid, vars.signingKeyId);
      assert.equal(header(response.token).alg, 'RS256');
      assert.equal(jwt.iss, 'http://localhost:9011');
      assert.equal(jwt.exp! - jwt.iat!, 300);
      assert.equal(jwt.tid, vars.defaultTenantId);
    }
  });

  test('a browser posting straight to /api/login needs no API key (requireAuthentication false)', async () => {
    const response = await fetch(`${connection.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://store.example.localhost:4400' },
      body: JSON.stringify({ loginId: 'richard@example.com', password: 'correct-horse-battery', applicationId: connection.store.id }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://store.example.localhost:4400');
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
  });

  test('CORS: the demo origins from the kickstart are allowed, any other origin gets no CORS headers', async () => {
    const preflight = (origin: string) =>
      fetch(`${connection.url}/api/jwt/refresh`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('http://forums.example.localhost:4400');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://forums.example.localhost:4400');
    const refused = await preflight('http://evil.example:4400');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    assert.equal(refused.headers.get('access-control-allow-credentials'), null);
  });

  test('SSO from Store to Forums with the kickstart\'s redirect URLs (both require PKCE)', async () => {
    const credentials = { loginId: 'richard@example.com', password: 'correct-horse-battery' };
    const [storePkce, forumsPkce] = [pkcePair(), pkcePair()];
    const store = await authorize(
      connection.url,
      { client_id: connection.store.id, redirect_uri: 'http://store.example.localhost:4400/oauth-redirect', code_challenge: storePkce.challenge, code_challenge_method: 'S256' },
      credentials,
    );
    const forums = await authorize(
      connection.url,
      { client_id: connection.forums.id, redirect_uri: 'http://forums.example.localhost:4400/oauth-redirect', code_challenge: forumsPkce.challenge, code_challenge_method: 'S256' },
      null,
      store.ssoCookie,
    );
    assert.equal(forums.location.searchParams.get('userState'), 'Authenticated');
    const tokens = await connection.client().exchangeOAuthCodeForAccessTokenUsingPKCE(forums.code!, connection.forums.id, connection.forums.clientSecret, 'http://forums.example.localhost:4400/oauth-redirect', forumsPkce.verifier);
    assert.deepEqual(claims(tokens.response.access_token).roles, ['member']);
  });

  test('the demo clock helpers', async () => {
    const { id } = connection.demoUser;
    assert.equal(await connection.clockOffsetSeconds(id), 0);
    assert.equal(await connection.advanceClock(id, 120), 120);
    assert.equal(await connection.clockOffsetSeconds(id), 120);
  });

  test('the admin user is registered to FusionAuth\'s own application', async () => {
    const { response } = await connection.client().retrieveUserByEmail(vars.adminEmail!);
    assert.deepEqual(response.user?.registrations?.map((r) => [r.applicationId, r.roles]), [['3c219e58-ed0e-4b18-ad48-f4f92793ae32', ['admin']]]);
  });
});

describe('kickstart processing', () => {
  const boot = (kickstart: unknown, env: Record<string, string> = {}) => createIdp({ databasePath: ':memory:', kickstart, env, log: () => {} });

  test('#{ENV.NAME} and #{UUID()} are substituted', async () => {
    const idp = await boot(
      {
        variables: { key: '#{ENV.TEST_API_KEY}', appId: '#{UUID()}' },
        apiKeys: [{ key: '#{key}' }],
        requests: [{ method: 'POST', url: '/api/application/#{appId}', body: { application: { name: 'From env' } } }],
      },
      { TEST_API_KEY: 'key-from-the-environment' },
    );
    assert.ok(idp.context.store.settings.isApiKey('key-from-the-environment'));
    await idp.close();
  });

  test('unsupported requests, unknown variables, restricted keys and bad bodies fail with a clear message', async () => {
    const cases: [unknown, RegExp][] = [
      [{ requests: [{ method: 'POST', url: '/api/application', body: { application: { name: 'ok' } } }, { method: 'POST', url: '/api/theme', body: {} }] },
        /request #1 \(POST \/api\/theme\) is not supported/],
      [{ variables: { a: '#{b}' } }, /#\{b\}, which is not defined/],
      [{ variables: { a: '#{ENV.SURELY_NOT_SET_12345}' } }, /environment variable is not set/],
      [{ apiKeys: [{ key: 'k', permissions: { endpoints: {} } }] }, /unrestricted keys/],
      [{ requests: [{ method: 'POST', url: '/api/application/33333333-0000-4000-8000-000000000000', body: { application: {} } }] },
        /request #0 .* failed: .*\[blank\]application\.name/],
      [{ requests: [{ method: 'PATCH', url: '/api/tenant/33333333-0000-4000-8000-000000000000', body: { tenant: {} } }] }, /only the default tenant/],
      [{ requests: 'nope' }, /not in FusionAuth's format/],
    ];
    for (const [kickstart, message] of cases) {
      await assert.rejects(boot(kickstart), (error: Error) => error instanceof KickstartError && message.test(error.message));
    }
  });

  test('applied once: a database that exists keeps its data, and a changed kickstart is only reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idp-kickstart-'));
    const lines: string[] = [];
    try {
      const databasePath = join(dir, 'idp.sqlite');
      const first = await createIdp({ databasePath, kickstart: { apiKeys: [{ key: 'first-key' }] }, log: () => {} });
      await first.close();
      const second = await createIdp({ databasePath, kickstart: { apiKeys: [{ key: 'second-key' }] }, log: (line) => lines.push(line) });
      assert.ok(second.context.store.settings.isApiKey('first-key'));
      assert.ok(!second.context.store.settings.isApiKey('second-key'));
      assert.ok(lines.some((line) => line.includes('the kickstart changed')));
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
