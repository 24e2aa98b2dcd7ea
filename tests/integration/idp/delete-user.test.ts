import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APPS, PASSWORD, rejection, startIdp, type TestIdp } from './harness.ts';

let t: TestIdp;
before(async () => {
  t = await startIdp();
});
after(() => t.close());

async function newUser(email: string) {
  const { response } = await t.client.register(undefined as unknown as string, {
    user: { email, password: PASSWORD },
    registration: { applicationId: APPS.store.id },
  });
  const userId = response.user!.id!;
  const login = await t.client.login({ loginId: email, password: PASSWORD, applicationId: APPS.store.id });
  return { userId, refreshToken: login.response.refreshToken! };
}

describe('DELETE /api/user/{id} (deleteUser, deleteUserWithRequest)', () => {
  test('deleteUser removes the user for good: 200 with an empty body, then 404; logins and refresh tokens stop working', async () => {
    const { userId, refreshToken } = await newUser('erlich@example.com');
    const deleted = await t.client.deleteUser(userId);
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.response, undefined);
    await rejection(t.client.retrieveUser(userId), 404);
    await rejection(t.client.login({ loginId: 'erlich@example.com', password: PASSWORD, applicationId: APPS.store.id }), 404);
    await rejection(t.anonymous.exchangeRefreshTokenForJWT({ refreshToken }), 400);
    await rejection(t.client.deleteUser(userId), 404);
  });

  test('deleteUserWithRequest with hardDelete in the body works the same; the email can be used again', async () => {
    const { userId } = await newUser('laurie@example.com');
    assert.equal((await t.client.deleteUserWithRequest(userId, { hardDelete: true })).statusCode, 200);
    await rejection(t.client.retrieveUser(userId), 404);
    await newUser('laurie@example.com');
  });

  test('a soft delete (no hardDelete) is refused with 400 and leaves the user in place', async () => {
    const { userId } = await newUser('peter@example.com');
    const refused = await rejection(t.client.deleteUserWithRequest(userId, {}), 400);
    assert.deepEqual(Object.keys((refused.exception as { fieldErrors: object }).fieldErrors), ['hardDelete']);
    assert.equal((await t.client.retrieveUser(userId)).statusCode, 200);
  });

  test('401 without the API key, 400 for a malformed id', async () => {
    const { userId } = await newUser('gavin@example.com');
    await rejection(t.anonymous.deleteUser(userId), 401);
    await rejection(t.client.deleteUser('not-a-uuid'), 400);
    assert.equal((await t.client.retrieveUser(userId)).statusCode, 200);
  });
});
