import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APPS, PASSWORD, USERS, claims, rejection, startIdp, type TestIdp } from './harness.ts';

let t: TestIdp;
let lenient: TestIdp;
before(async () => {
  t = await startIdp();
  lenient = await startIdp({ kickstartOptions: { revokeOnReuse: false } });
});
after(async () => {
  await t.close();
  await lenient.close();
});

async function login(idp: TestIdp, applicationId: string) {
  const { response } = await idp.client.login({ loginId: USERS.richard.email, password: PASSWORD, applicationId });
  assert.ok(response.refreshToken);
  return response.refreshToken;
}

const refresh = (idp: TestIdp, refreshToken: string) => idp.anonymous.exchangeRefreshTokenForJWT({ refreshToken });

describe('OneTimeUse refresh tokens (rotation)', () => {
  test('each refresh returns a new refresh token; the old one is spent', async () => {
    const first = await login(t, APPS.rotating.id);
    const second = (await refresh(t, first)).response;
    assert.ok(second.refreshToken && second.refreshToken !== first);
    assert.equal(claims(second.token).sid, second.refreshTokenId);
    const third = (await refresh(t, second.refreshToken)).response;
    assert.ok(third.refreshToken && third.refreshToken !== second.refreshToken);
  });

  test('reusing a rotated-out token is refused and revokes the whole family (onOneTimeTokenReuse)', async () => {
    const stolen = await login(t, APPS.rotating.id);
    const legitimate = (await refresh(t, stolen)).response.refreshToken!;
    await rejection(refresh(t, stolen), 400);
    // The legitimate holder's current token died with the family: the user must log in again.
    await rejection(refresh(t, legitimate), 400);
  });

  test('without revoke-on-reuse, reuse is refused but the current token keeps working', async () => {
    const stolen = await login(lenient, APPS.rotating.id);
    const legitimate = (await refresh(lenient, stolen)).response.refreshToken!;
    await rejection(refresh(lenient, stolen), 400);
    assert.equal((await refresh(lenient, legitimate)).statusCode, 200);
  });

  test('Fixed expiry: rotation never extends the original lifetime', async () => {
    let token = await login(t, APPS.rotating.id);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(15 * 60);
      token = (await refresh(t, token)).response.refreshToken!;
    }
    t.clock.advance(15 * 60);
    await rejection(refresh(t, token), 400);
  });
});

describe('Sliding window refresh tokens', () => {
  test('SlidingWindow: every use pushes expiry out; idle past the window expires it', async () => {
    const token = await login(t, APPS.sliding.id);
    for (let i = 0; i < 6; i++) {
      t.clock.advance(9 * 60);
      assert.equal((await refresh(t, token)).statusCode, 200, `refresh ${i}`);
    }
    t.clock.advance(10 * 60);
    await rejection(refresh(t, token), 400);
  });

  test('the refresh_token cookie Max-Age follows the sliding expiry', async () => {
    const token = await login(t, APPS.sliding.id);
    t.clock.advance(5 * 60);
    const response = await fetch(`${t.url}/api/jwt/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: token }),
    });
    assert.match(response.headers.getSetCookie()[1] ?? '', /^refresh_token=[\w-]+; Max-Age=600;/);
  });

  test('SlidingWindowWithMaximumLifetime: kept alive by use, but never past the maximum', async () => {
    let token = await login(t, APPS.slidingMax.id);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(9 * 60);
      token = (await refresh(t, token)).response.refreshToken!;
    }
    // 27 minutes in: the window would reach 37, the cap stops it at 30.
    t.clock.advance(2 * 60);
    token = (await refresh(t, token)).response.refreshToken!;
    t.clock.advance(2 * 60);
    await rejection(refresh(t, token), 400);
  });

  test('SlidingWindowWithMaximumLifetime: idle longer than the window expires it', async () => {
    const token = await login(t, APPS.slidingMax.id);
    t.clock.advance(10 * 60);
    await rejection(refresh(t, token), 400);
  });
});
