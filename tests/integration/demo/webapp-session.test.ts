import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, send, startWorld, type TestWorld } from './harness.ts';

// The server-session web apps: what the session store promises (new ids at login, logout that
// revokes, timeouts on the server) checked at the HTTP level, where a browser cannot interfere.

const WORKFLOW = 'webapp/native-form-to-backend-session';

let world: TestWorld;
let browser: Browser;
let run: RunSnapshot;

before(async () => {
  world = await startWorld();
  browser = new Browser(world);
  run = await browser.startRun(WORKFLOW);
});
after(async () => {
  await world?.stop();
});

const store = () => world.origins.store;
/** The cart asked for with a given session id from another client, leaving the browser's jar alone. */
const cart = (sessionId: string) =>
  send(world.port, 'GET', `${store()}/shopping-cart`, { cookie: `demo_run=${browser.cookie('demo_run')!.value}; SessionId=${sessionId}` });
const logIn = async () => {
  const answer = await browser.logInToServerApp(store(), run.user);
  assert.equal(answer.status, 302, answer.body);
  return answer;
};

describe('web app: native form to the backend, server session', () => {
  test('the run offers the session clock and the stolen-session attack only', () => {
    assert.deepEqual(run.jumps, ['session-expires']);
    assert.deepEqual(run.attacks, ['stolen-session']);
  });

  test('login sets one host-only HttpOnly session cookie and no token cookie', async () => {
    const answer = await logIn();
    assert.equal(answer.setCookies.length, 1);
    assert.match(answer.setCookies[0]!, /^SessionId=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  test('a login never adopts the id the browser brought: a planted id is ignored, a live one revoked', async () => {
    browser.store(store(), 'SessionId=chosen-by-the-attacker; Path=/');
    await logIn();
    const live = browser.cookie('SessionId')!.value;
    assert.notEqual(live, 'chosen-by-the-attacker');
    await logIn();
    assert.notEqual(browser.cookie('SessionId')!.value, live);
    assert.equal((await cart(live)).status, 302);
    assert.equal((await browser.get(`${store()}/shopping-cart`)).status, 200);
  });

  test('logout needs the form token, then deletes the session on the server', async () => {
    const page = await browser.get(`${store()}/shopping-cart`);
    const csrf = /action="\/logout"><input type="hidden" name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(csrf, 'the page carries a logout form with a CSRF token');
    const id = browser.cookie('SessionId')!.value;
    assert.equal((await browser.post(`${store()}/logout`, { origin: store(), form: {} })).status, 403);
    assert.equal((await cart(id)).status, 200);
    const out = await browser.post(`${store()}/logout`, { origin: store(), form: { csrf } });
    assert.equal(out.status, 302);
    assert.equal(out.headers['location'], '/');
    assert.equal(browser.cookie('SessionId'), undefined);
    assert.equal((await cart(id)).status, 302);
  });

  test('the clock ends the session on the server; this workflow has no token clock', async () => {
    await logIn();
    const id = browser.cookie('SessionId')!.value;
    assert.equal((await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' })).status, 409);
    assert.equal((await browser.demo('POST', '/run/clock', { jump: 'session-expires' })).status, 200);
    const expired = await cart(id);
    assert.equal(expired.status, 302);
    assert.equal(expired.headers['location'], '/login');
    assert.match(expired.setCookies[0] ?? '', /^SessionId=; Max-Age=0/);
  });
});

describe('web app: native form to the backend, server session and refresh token cookie', () => {
  let reader: Browser;
  let readerRun: RunSnapshot;
  before(async () => {
    reader = new Browser(world);
    readerRun = await reader.startRun('webapp/native-form-to-backend-session-refresh-token');
  });
  const readerCart = (cookies: string) => send(world.port, 'GET', `${store()}/shopping-cart`, { cookie: `demo_run=${reader.cookie('demo_run')!.value}; ${cookies}` });

  test('a session renewed from the refresh token gets a new id; the expired one stays dead', async () => {
    assert.equal((await reader.logInToServerApp(store(), readerRun.user)).status, 302);
    const expired = reader.cookie('SessionId')!.value;
    assert.equal((await reader.demo('POST', '/run/clock', { jump: 'session-expires' })).status, 200);
    const page = await reader.get(`${store()}/shopping-cart`);
    assert.equal(page.status, 200);
    assert.notEqual(reader.cookie('SessionId')!.value, expired);
    assert.equal((await readerCart(`SessionId=${expired}`)).status, 302);
  });

  test('logout revokes the refresh token at the identity provider', async () => {
    const refreshToken = reader.cookie('refresh_token')!.value;
    const page = await reader.get(`${store()}/shopping-cart`);
    const csrf = /action="\/logout"><input type="hidden" name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.equal((await reader.post(`${store()}/logout`, { origin: store(), form: { csrf: csrf! } })).status, 302);
    assert.equal(reader.cookie('refresh_token'), undefined);
    const again = await readerCart(`refresh_token=${refreshToken}`);
    assert.equal(again.status, 302);
    assert.equal(again.headers['location'], '/login');
  });
});
