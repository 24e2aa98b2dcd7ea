import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APPS, PASSWORD, TENANT_ID, USERS, claims, rejection, startIdp, type TestIdp } from './harness.ts';

let t: TestIdp;
before(async () => {
  t = await startIdp();
});
after(() => t.close());

const errorCodes = (exception: unknown) =>
  Object.values((exception as { fieldErrors: Record<string, { code: string }[]> }).fieldErrors).flat().map((e) => e.code);

describe('GET /api/user (retrieveUser, retrieveUserByEmail, retrieveUserByLoginId)', () => {
  test('by id, email and login id: 200 with the user', async () => {
    for (const call of [
      t.client.retrieveUser(USERS.richard.id),
      t.client.retrieveUserByEmail(USERS.richard.email),
      t.client.retrieveUserByLoginId(USERS.richard.email.toUpperCase()),
    ]) {
      const { statusCode, response } = await call;
      assert.equal(statusCode, 200);
      assert.equal(response.user?.id, USERS.richard.id);
      assert.equal(response.user?.tenantId, TENANT_ID);
      assert.equal(response.user?.registrations?.length, Object.keys(APPS).length);
    }
  });

  test('404 with an empty body for unknown users; 400 for a malformed id; 401 without the key', async () => {
    assert.equal((await rejection(t.client.retrieveUser('55555555-0000-4000-8000-000000000000'), 404)).exception, undefined);
    await rejection(t.client.retrieveUserByEmail('nobody@example.com'), 404);
    await rejection(t.client.retrieveUserByLoginId('nobody'), 404);
    assert.deepEqual(errorCodes((await rejection(t.client.retrieveUser('12345'), 400)).exception), ['[couldNotConvert]userId']);
    await rejection(t.anonymous.retrieveUser(USERS.richard.id), 401);
  });
});

describe('POST /api/user/registration (register)', () => {
  test('creates user and registration in one go; returns both with a token and refresh token', async () => {
    const { statusCode, response } = await t.client.register(undefined as unknown as string, {
      user: { email: 'gilfoyle@example.com', password: 'a-long-enough-password', firstName: 'Bertram', lastName: 'Gilfoyle' },
      registration: { applicationId: APPS.store.id, roles: ['admin'] },
    });
    assert.equal(statusCode, 200);
    assert.equal(response.user?.email, 'gilfoyle@example.com');
    assert.deepEqual(response.registration?.roles, ['admin']);
    assert.ok(response.refreshToken);
    const jwt = claims(response.token);
    assert.equal(jwt.sub, response.user?.id);
    assert.equal(jwt.authenticationType, 'REGISTRATION');
    assert.deepEqual(jwt.roles, ['admin']);
    const login = await t.client.login({ loginId: 'gilfoyle@example.com', password: 'a-long-enough-password', applicationId: APPS.store.id });
    assert.equal(login.statusCode, 200);
  });

  test('registers an existing user (path id) for another application with its default role', async () => {
    const { response } = await t.client.register(USERS.monica.id, { registration: { applicationId: APPS.forums.id } });
    assert.deepEqual(response.registration?.roles, ['user']);
    const user = (await t.client.retrieveUser(USERS.monica.id)).response.user;
    assert.ok(user?.registrations?.some((r) => r.applicationId === APPS.forums.id));
  });

  test('400 for a duplicate email, a short password, a missing email, a duplicate registration, an unknown role or app', async () => {
    const cases: [Parameters<typeof t.client.register>, string][] = [
      [[undefined as unknown as string, { user: { email: USERS.richard.email, password: PASSWORD }, registration: { applicationId: APPS.store.id } }], '[duplicate]user.email'],
      [[undefined as unknown as string, { user: { email: 'dinesh@example.com', password: 'short' }, registration: { applicationId: APPS.store.id } }], '[tooShort]user.password'],
      [[undefined as unknown as string, { user: { email: 'not-an-email', password: PASSWORD }, registration: { applicationId: APPS.store.id } }], '[notEmail]user.email'],
      [[undefined as unknown as string, { user: { password: PASSWORD }, registration: { applicationId: APPS.store.id } }], '[blank]user.email'],
      [[USERS.richard.id, { registration: { applicationId: APPS.store.id } }], '[duplicate]registration.applicationId'],
      [[USERS.jared.id, { registration: { applicationId: APPS.store.id, roles: ['emperor'] } }], '[invalid]registration.roles'],
      [[USERS.jared.id, { registration: { applicationId: '55555555-0000-4000-8000-000000000000' } }], '[invalid]registration.applicationId'],
      [['55555555-0000-4000-8000-000000000000', { registration: { applicationId: APPS.store.id } }], '[invalid]userId'],
    ];
    for (const [args, code] of cases) {
      const rejected = await rejection(t.client.register(...args), 400);
      assert.ok(errorCodes(rejected.exception).includes(code), `${code} not in ${JSON.stringify(rejected.exception)}`);
    }
  });

  test('401 without the API key', async () => {
    await rejection(t.anonymous.register(USERS.jared.id, { registration: { applicationId: APPS.forums.id } }), 401);
  });
});
