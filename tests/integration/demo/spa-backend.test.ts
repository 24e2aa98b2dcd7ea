import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, send, startWorld, type TestWorld } from './harness.ts';

// The SPA backend's login and refresh endpoints: what they accept, refuse and answer.

let world: TestWorld;
let browser: Browser;
let run: RunSnapshot;

before(async () => {
  world = await startWorld();
  browser = new Browser(world);
  run = await browser.startRun('spa/native-form-to-backend-jwt-refresh-cookies');
});
after(async () => {
  await world?.stop();
});

const store = () => world.origins.store;
const logIn = (json: unknown, origin = store()) => browser.post(`${store()}/api/login`, { origin, json });

describe('SPA backend: login and refresh endpoints', () => {
  test('bad input is a 400, a wrong password a 401 with a message, another origin a refusal', async () => {
    assert.equal((await browser.post(`${store()}/api/login`, { origin: store(), headers: { 'content-type': 'application/json' }, body: '{' })).status, 400);
    assert.equal((await logIn({ loginId: run.user.email })).status, 400);
    const wrong = await logIn({ loginId: run.user.email, password: 'not-the-password' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body, /do not match an account/);
    assert.notEqual((await logIn({ loginId: run.user.email, password: run.user.password }, world.origins.forums)).status, 200);
    assert.equal(browser.cookie('access_token'), undefined);
  });

  test('a login answers the user only and sets both tokens as host-only HttpOnly cookies', async () => {
    const answer = await logIn({ loginId: run.user.email, password: run.user.password });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.json<{ user: object }>().user).sort(), ['email', 'id']);
    assert.doesNotMatch(answer.body, /token/i);
    for (const name of ['access_token', 'refresh_token']) {
      const setCookie = answer.setCookies.find((c) => c.startsWith(`${name}=`)) ?? '';
      assert.match(setCookie, /; Path=\/; HttpOnly; SameSite=Lax/);
      assert.doesNotMatch(setCookie, /Domain=/i);
      assert.equal(browser.cookie(name)?.hostOnly, true);
    }
  });

  test('a refresh without a refresh token is a 401; with one, a new JWT cookie and the user', async () => {
    const none = await browser.post(`${store()}/api/refresh`, { origin: store(), json: {}, withoutCookies: true, headers: { cookie: `demo_run=${browser.cookie('demo_run')!.value}` } });
    assert.equal(none.status, 401);
    await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' });
    const old = browser.cookie('access_token')!.value;
    const refreshed = await browser.post(`${store()}/api/refresh`, { origin: store(), json: {} });
    assert.equal(refreshed.status, 200);
    assert.notEqual(browser.cookie('access_token')!.value, old);
    assert.equal((await browser.get(`${store()}/api/load-shopping-cart`)).status, 200);
  });
});

describe('SPA backend with a server session', () => {
  test('no refresh endpoint; logout ends the session on the server, and only from the Store itself', async () => {
    const reader = new Browser(world);
    const readerRun = await reader.startRun('spa/native-form-to-backend-session');
    const api = (path: string, origin = store()) => reader.post(`${store()}${path}`, { origin, json: {} });
    const home = await reader.get(`${store()}/`);
    assert.doesNotMatch(home.body, /data-refresh-url/);
    assert.match(home.body, /data-logout-url="\/api\/logout"/);
    assert.equal((await api('/api/refresh')).status, 404);
    assert.equal((await reader.post(`${store()}/api/login`, { origin: store(), json: { loginId: readerRun.user.email, password: readerRun.user.password } })).status, 200);
    assert.notEqual((await api('/api/logout', world.origins.forums)).status, 200);
    assert.equal((await reader.get(`${store()}/api/load-shopping-cart`)).status, 200);
    const id = reader.cookie('SessionId')!.value;
    assert.equal((await api('/api/logout')).status, 200);
    assert.equal(reader.cookie('SessionId'), undefined);
    const replayed = await send(world.port, 'GET', `${store()}/api/load-shopping-cart`, { cookie: `demo_run=${reader.cookie('demo_run')!.value}; SessionId=${id}` });
    assert.equal(replayed.status, 401);
  });
});

describe('SPA backend with a server session and a refresh token cookie', () => {
  test("logout revokes the refresh token, but a session already minted from it lives until its own timeout", async () => {
    const reader = new Browser(world);
    const readerRun = await reader.startRun('spa/native-form-to-backend-session-refresh-token');
    assert.equal((await reader.post(`${store()}/api/login`, { origin: store(), json: { loginId: readerRun.user.email, password: readerRun.user.password } })).status, 200);
    const runCookie = `demo_run=${reader.cookie('demo_run')!.value}`;
    const asHacker = (method: string, path: string, cookie: string) => send(world.port, method, `${store()}${path}`, { cookie: `${runCookie}; ${cookie}`, 'content-type': 'application/json', 'content-length': '2' }, '{}');
    const stolen = `refresh_token=${reader.cookie('refresh_token')!.value}`;
    const minted = await asHacker('POST', '/api/refresh', stolen);
    assert.equal(minted.status, 200, minted.body);
    const hackerSession = /^SessionId=([^;]+)/.exec(minted.setCookies.find((c) => c.startsWith('SessionId=')) ?? '')?.[1];
    assert.ok(hackerSession);
    assert.equal((await reader.post(`${store()}/api/logout`, { origin: store(), json: {} })).status, 200);
    assert.equal((await asHacker('POST', '/api/refresh', stolen)).status, 401);
    assert.equal((await asHacker('GET', '/api/load-shopping-cart', `SessionId=${hackerSession}`)).status, 200);
    await reader.demo('POST', '/run/clock', { jump: 'session-expires' });
    assert.equal((await asHacker('GET', '/api/load-shopping-cart', `SessionId=${hackerSession}`)).status, 401);
  });
});
