import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, FORUMS_APP_ID, SPA, startWorld, STORE_APP_ID, type TestWorld } from './harness.ts';

// What the apps answer about a login after reloads and clock jumps: the SPAs' GET /api/user tells
// "nobody is logged in" (404) from "your login has lapsed" (401), so the SPA can refresh it; the web
// apps' home page knows a live login.


let world: TestWorld;
before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.stop();
});

async function reader(workflow: string): Promise<{ browser: Browser; run: RunSnapshot }> {
  const browser = new Browser(world);
  return { browser, run: await browser.startRun(workflow) };
}

const jump = (browser: Browser, to: 'jwt-expires' | 'refresh-token-expires' | 'session-expires') => browser.demo('POST', '/run/clock', { jump: to });
const whoIs = (browser: Browser, options = {}) => browser.get(`${world.origins.store}/api/user`, options);

describe('SPA: GET /api/user after a reload', () => {
  test('JWT and refresh token cookies on the parent domain: 401 once the JWT expires, 200 after the refresh', async () => {
    const { browser, run } = await reader(SPA);
    assert.equal((await whoIs(browser)).status, 404, 'nobody logged in yet');
    assert.equal((await browser.logInToIdp(world.origins.store, run.user, STORE_APP_ID)).status, 200);
    assert.equal((await whoIs(browser)).status, 200);
    await jump(browser, 'jwt-expires');
    const lapsed = await whoIs(browser);
    assert.equal(lapsed.status, 401);
    assert.equal(lapsed.headers['cache-control'], 'no-store');
    assert.equal((await browser.post(`${world.origins.idp}/api/jwt/refresh`, { origin: world.origins.store, json: {} })).status, 200);
    assert.equal((await whoIs(browser)).json<{ user: { email: string } }>().user.email, run.user.email);
    await jump(browser, 'refresh-token-expires');
    assert.equal((await whoIs(browser)).status, 401, 'the SPA tries the refresh, which the identity provider then refuses');
  });

  test("another app's JWT is no login here (404): refreshing it would only bring another of the other app's", async () => {
    const { browser, run } = await reader(SPA);
    assert.equal((await browser.logInToIdp(world.origins.forums, run.user, FORUMS_APP_ID)).status, 200);
    assert.ok(browser.cookie('refresh_token'));
    assert.equal((await whoIs(browser)).status, 404);
  });

  test('JWT in localStorage: an expired bearer JWT of the Store is a 401, a tampered one or none a 404', async () => {
    const { browser, run } = await reader('spa/native-form-to-idp-jwt-local-storage');
    const jwt = (await browser.logInToIdp(world.origins.store, run.user, STORE_APP_ID)).json<{ token: string }>().token;
    const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    assert.equal((await whoIs(browser, bearer(jwt))).status, 200);
    assert.equal((await whoIs(browser, bearer(`${jwt.slice(0, -6)}AAAAAA`))).status, 404);
    assert.equal((await whoIs(browser)).status, 404, 'the refresh token cookie lives on the login host, out of the Store’s sight');
    await jump(browser, 'jwt-expires');
    assert.equal((await whoIs(browser, bearer(jwt))).status, 401);
  });

  test('server session without a refresh token: 401 once the session expires, 404 after a logout', async () => {
    const { browser, run } = await reader('spa/native-form-to-backend-session');
    const logIn = () => browser.post(`${world.origins.store}/api/login`, { origin: world.origins.store, json: { loginId: run.user.email, password: run.user.password } });
    assert.equal((await logIn()).status, 200);
    assert.equal((await whoIs(browser)).status, 200);
    await jump(browser, 'session-expires');
    assert.equal((await whoIs(browser)).status, 401);
    assert.equal((await logIn()).status, 200);
    assert.equal((await browser.post(`${world.origins.store}/api/logout`, { origin: world.origins.store, json: {} })).status, 200);
    assert.equal(browser.cookie('SessionId'), undefined);
    assert.equal((await whoIs(browser)).status, 404);
  });

  test('server session and refresh token: a refresh token cookie alone is a lapsed login (401), renewed by /api/refresh', async () => {
    const { browser, run } = await reader('spa/native-form-to-backend-session-refresh-token');
    await browser.post(`${world.origins.store}/api/login`, { origin: world.origins.store, json: { loginId: run.user.email, password: run.user.password } });
    browser.jar = browser.jar.filter((cookie) => cookie.name !== 'SessionId');
    assert.equal((await whoIs(browser)).status, 401);
    assert.equal((await browser.post(`${world.origins.store}/api/refresh`, { origin: world.origins.store, json: {} })).status, 200);
    assert.equal((await whoIs(browser)).status, 200);
  });
});

describe('web app: the home page knows the login', () => {
  test('a live session: the home page names the user and links to the cart instead of the login form', async () => {
    const { browser, run } = await reader('webapp/native-form-to-backend-session');
    const before = await browser.get(`${world.origins.store}/`);
    assert.match(before.body, /<a href="\/login">Log in<\/a>/);
    assert.equal((await browser.logInToServerApp(world.origins.store, run.user)).status, 302);
    const home = await browser.get(`${world.origins.store}/`);
    assert.equal(home.status, 200);
    assert.equal(home.headers['cache-control'], 'no-store');
    assert.match(home.body, new RegExp(`Signed in as ${run.user.email.replace(/\./g, '\\.')}`));
    assert.match(home.body, /<a href="\/shopping-cart">Shopping cart<\/a>/);
    assert.match(home.body, /action="\/logout"/);
    assert.doesNotMatch(home.body, /href="\/login"/);
    await jump(browser, 'session-expires');
    const after = await browser.get(`${world.origins.store}/`);
    assert.match(after.body, /<a href="\/login">Log in<\/a>/);
    assert.equal(browser.cookie('SessionId'), undefined, 'the dead session id is cleared');
  });

  test('JWT and refresh token cookies: after the JWT expires, the home page renews it and still names the user', async () => {
    const { browser, run } = await reader('webapp/native-form-to-backend-jwt-refresh-cookies');
    await browser.logInToServerApp(world.origins.store, run.user);
    const jwt = browser.cookie('access_token')!.value;
    await jump(browser, 'jwt-expires');
    const home = await browser.get(`${world.origins.store}/`);
    assert.match(home.body, /Signed in as/);
    assert.notEqual(browser.cookie('access_token')!.value, jwt);
  });
});
