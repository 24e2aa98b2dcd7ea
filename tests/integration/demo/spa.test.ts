import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import type { AttackResult, ClockState, Exchange, RunSnapshot } from '../../../demo-server/protocol.ts';
import { arrow, Browser, FORUMS_APP_ID, send, SPA, startWorld, STORE_APP_ID, type EventStream, type TestWorld } from './harness.ts';

// The same-domain SPA workflow (native form → IdP, JWT + refresh token cookies) through the login
// host: what the SPA's script sends, the proxy's cookie re-scoping and CORS, and the trace.


let world: TestWorld;
let browser: Browser;
let run: RunSnapshot;
let events: EventStream;

before(async () => {
  world = await startWorld();
  browser = new Browser(world);
  run = await browser.startRun(SPA);
  events = await browser.openEvents();
});
after(async () => {
  events?.close();
  await world?.stop();
});

const idp = () => world.origins.idp;
const store = () => world.origins.store;
const forums = () => world.origins.forums;
const cart = () => browser.get(`${store()}/api/load-shopping-cart`);
const refresh = (origin = store()) => browser.post(`${idp()}/api/jwt/refresh`, { origin, json: {} });

/** Runs `action` and returns the exchanges it caused, in start order. */
async function traced(action: () => Promise<unknown>, count: number): Promise<Exchange[]> {
  const before = await events.quiet();
  await action();
  return (await events.completed(before + count)).slice(before).sort((a, b) => a.id - b.id);
}

describe('SPA: native form to the identity provider on the same domain, JWT and refresh token cookies', () => {
  test('steps 1–5: the SPA page (scripts from /_assets only) and GET /api/user → 404', async () => {
    const exchanges = await traced(async () => {
      const page = await browser.get(`${store()}/`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
      assert.doesNotMatch(page.body, /\sstyle=/, 'no inline style');
      assert.match(page.body, /<script type="module" src="\/_assets\/spa\.js">/);
      assert.match(page.body, new RegExp(`data-login-url="${idp()}/api/login"`));
      assert.match(page.body, new RegExp(`data-application-id="${STORE_APP_ID}"`));
      assert.match(String(page.headers['content-security-policy']), new RegExp(`connect-src 'self' ${world.origins.api} ${idp()} ${world.origins.idpOwnDomain}; frame-ancestors ${world.origins.docs}`));
      const script = await browser.get(`${store()}/_assets/spa.js`);
      assert.equal(script.status, 200);
      assert.match(String(script.headers['content-type']), /^text\/javascript/);
      assert.equal((await browser.get(`${store()}/api/user`)).status, 404);
    }, 2);
    assert.deepEqual(exchanges.map(arrow), ['Browser→Store GET / 200', 'Browser→Store GET /api/user 404']);
  });

  test('CORS on the login host: preflights from the apps pass, other origins get nothing', async () => {
    const preflight = (origin: string) =>
      send(world.port, 'OPTIONS', `${idp()}/api/login`, { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    for (const origin of [store(), forums()]) {
      const answer = await preflight(origin);
      assert.equal(answer.status, 204);
      assert.equal(answer.headers['access-control-allow-origin'], origin);
      assert.equal(answer.headers['access-control-allow-credentials'], 'true');
      assert.match(String(answer.headers['access-control-allow-headers']), /content-type/i);
    }
    for (const origin of ['http://evil.example', world.origins.docs, `http://store.example.localhost:${world.port + 1}`, 'null']) {
      const answer = await preflight(origin);
      assert.equal(answer.status, 403, origin);
      assert.equal(answer.headers['access-control-allow-origin'], undefined, origin);
      assert.equal(answer.headers['access-control-allow-credentials'], undefined, origin);
    }
    const jwks = await browser.get(`${idp()}/.well-known/jwks.json`, { origin: 'http://evil.example' });
    assert.equal(jwks.status, 200);
    assert.equal(jwks.headers['access-control-allow-origin'], undefined);
    await events.quiet();
    assert.ok(events.responses().every((e) => e.method !== 'OPTIONS'), 'preflights are not traced');
  });

  test('steps 6–7: POST /api/login to the IdP → 200, cookies re-scoped to the parent domain, CORS for the Store', async () => {
    const exchanges = await traced(async () => {
      const login = await browser.logInToIdp(store(), run.user, STORE_APP_ID);
      assert.equal(login.status, 200, login.body);
      assert.equal(login.headers['access-control-allow-origin'], store());
      assert.equal(login.headers['access-control-allow-credentials'], 'true');
      assert.equal(login.json<{ user: { email: string } }>().user.email, run.user.email);
      for (const raw of login.setCookies) assert.match(raw, /; Domain=example\.localhost$/);
    }, 1);
    const [login] = exchanges;
    assert.equal(arrow(login!), 'Browser→IdP POST /api/login 200');
    assert.equal(login!.url, `${idp()}/api/login`);
    const body = JSON.parse(login!.request.body ?? '{}') as Record<string, string>;
    assert.deepEqual(body, { loginId: run.user.email, password: '••••', applicationId: STORE_APP_ID });
    for (const name of ['access_token', 'refresh_token']) {
      const cookie = login!.response!.setCookies.find((c) => c.name === name);
      assert.equal(cookie?.domain, 'example.localhost');
      assert.equal(cookie?.httpOnly, true);
      assert.equal(cookie?.sameSite, 'Lax');
      assert.equal(browser.cookie(name)?.hostOnly, false);
    }
    assert.deepEqual(browser.cookiesFor(`${forums()}/`).access_token, browser.cookie('access_token')?.value, 'the parent-domain JWT reaches every app host');
  });

  test('steps 8–9: GET /api/load-shopping-cart with the parent-domain cookies → 200 cart JSON; /api/user → 200', async () => {
    const exchanges = await traced(async () => {
      const answer = await cart();
      assert.equal(answer.status, 200);
      assert.equal(answer.json<{ customer: string }>().customer, run.user.email);
      assert.equal(answer.headers['cache-control'], 'no-store');
      assert.equal((await browser.get(`${store()}/api/user`)).json<{ user: { email: string } }>().user.email, run.user.email);
    }, 2);
    assert.deepEqual(exchanges.map(arrow), ['Browser→Store GET /api/load-shopping-cart 200', 'Browser→Store GET /api/user 200']);
    assert.deepEqual(Object.keys(exchanges[0]!.request.cookies).sort(), ['access_token', 'refresh_token']);
  });

  test('attacks 31–36 before any expiry: the stolen refresh token at the IdP, then the stolen JWT, both get the cart', async () => {
    const stolenRefresh = (await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>();
    assert.equal(stolenRefresh.succeeded, true, stolenRefresh.summary);
    await events.quiet();
    const arrows = stolenRefresh.exchangeIds.map((id) => events.responses().find((e) => e.id === id)!);
    assert.deepEqual(arrows.map(arrow), ['Hacker→IdP POST /api/jwt/refresh 200', 'Hacker→Store GET /api/load-shopping-cart 200']);
    assert.deepEqual(Object.keys(arrows[0]!.request.cookies), ['refresh_token']);
    const newJwt = arrows[0]!.response!.setCookies.find((c) => c.name === 'access_token')?.value;
    assert.deepEqual(arrows[1]!.request.cookies, { access_token: newJwt }, 'the hacker uses the JWT it just got');
    assert.equal(arrows[0]!.response?.setCookies[0]?.domain, 'example.localhost');

    const stolenJwt = (await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
    assert.equal(stolenJwt.succeeded, true);
    await events.quiet();
    const used = events.responses().find((e) => e.id === stolenJwt.exchangeIds[0])!;
    assert.equal(arrow(used), 'Hacker→Store GET /api/load-shopping-cart 200');
    assert.deepEqual(used.request.cookies, { access_token: browser.cookie('access_token')?.value });
  });

  test('steps 10–15: the JWT expires → cart 401 → POST /api/jwt/refresh → 200 new parent-domain JWT → cart 200', async () => {
    assert.deepEqual((await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' })).json<ClockState>(), { offsetSeconds: 301, available: true });
    const oldJwt = browser.cookie('access_token')?.value;
    const exchanges = await traced(async () => {
      assert.equal((await cart()).status, 401);
      const refreshed = await refresh();
      assert.equal(refreshed.status, 200);
      assert.equal(refreshed.headers['access-control-allow-origin'], store());
      assert.equal((await cart()).status, 200);
    }, 3);
    assert.deepEqual(exchanges.map(arrow), [
      'Browser→Store GET /api/load-shopping-cart 401',
      'Browser→IdP POST /api/jwt/refresh 200',
      'Browser→Store GET /api/load-shopping-cart 200',
    ]);
    assert.deepEqual(Object.keys(exchanges[1]!.request.cookies).sort(), ['access_token', 'refresh_token']);
    const renewed = exchanges[1]!.response!.setCookies.find((c) => c.name === 'access_token');
    assert.equal(renewed?.domain, 'example.localhost');
    assert.notEqual(renewed?.value, oldJwt);
    assert.equal(browser.cookie('access_token')?.value, renewed?.value, 'the browser replaced the expired JWT');
  });

  test('after the JWT expired, the JWT stolen before is refused; the stolen refresh token still works', async () => {
    await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' });
    const jwt = (await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
    assert.equal(jwt.succeeded, false);
    assert.match(jwt.summary, /\(401\): it has expired\.$/);
    assert.equal((await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>().succeeded, true);
  });

  test('steps 16–20: the refresh token expires → cart 401 → refresh 400 → log in again', async () => {
    await browser.demo('POST', '/run/clock', { jump: 'refresh-token-expires' });
    const exchanges = await traced(async () => {
      assert.equal((await cart()).status, 401);
      assert.equal((await refresh()).status, 400);
    }, 2);
    assert.deepEqual(exchanges.map(arrow), ['Browser→Store GET /api/load-shopping-cart 401', 'Browser→IdP POST /api/jwt/refresh 400']);
    const stolen = (await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>();
    assert.equal(stolen.succeeded, false);
    assert.equal(stolen.exchangeIds.length, 1, 'refused at the IdP: no cart request follows');
    assert.equal((await browser.logInToIdp(store(), run.user, STORE_APP_ID)).status, 200);
    assert.equal((await cart()).status, 200);
  });

  test('steps 21–30: the Forums login overwrites the Store\'s cookies; the Store then refuses the Forums\' JWT', async () => {
    const storeJwt = browser.cookie('access_token')?.value;
    const exchanges = await traced(async () => {
      assert.equal((await browser.get(`${forums()}/`)).status, 200);
      assert.equal((await browser.get(`${forums()}/api/user`)).status, 404, "the Store's JWT is not valid for the Forums");
      assert.equal((await browser.logInToIdp(forums(), run.user, FORUMS_APP_ID)).headers['access-control-allow-origin'], forums());
      assert.equal((await browser.get(`${forums()}/api/load-posts`)).status, 200);
    }, 4);
    assert.deepEqual(exchanges.map(arrow), [
      'Browser→Forums GET / 200',
      'Browser→Forums GET /api/user 404',
      'Browser→IdP POST /api/login 200',
      'Browser→Forums GET /api/load-posts 200',
    ]);
    assert.equal(exchanges[2]!.request.cookies['access_token'], storeJwt, "the Store's cookies ride along to the Forums login");
    const forumsJwt = browser.cookie('access_token')?.value;
    assert.notEqual(forumsJwt, storeJwt);
    assert.equal(browser.jar.filter((c) => c.name === 'access_token').length, 1, 'same name, domain and path: one cookie');
    assert.equal(decodeJwt(forumsJwt!).aud, FORUMS_APP_ID);
    const storeNow = await cart();
    assert.equal(storeNow.status, 401);
    assert.equal((await refresh()).status, 200, "the refresh token is the Forums' now");
    assert.equal((await cart()).status, 401, 'a refreshed Forums JWT is still not for the Store');
    const stolen = (await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
    assert.equal(stolen.succeeded, false, "what the Store now receives is the Forums' JWT");
    assert.match(stolen.summary, /\(401\): it was issued for another application\.$/);
  });

  test('the login host forwards only browser endpoints and no credentials of its own', async () => {
    const key = 'login-workflows-demo-api-key-do-not-use-in-production';
    for (const path of [`/api/user?email=${encodeURIComponent(run.user.email)}`, '/api/demo/clock', '/api/status', '/admin']) {
      const answer = await browser.get(`${idp()}${path}`, { headers: { authorization: key } });
      assert.equal(answer.status, 404, path);
      assert.doesNotMatch(answer.body, /reader-/);
    }
    const noRun = await send(world.port, 'POST', `${idp()}/api/login`, { 'content-type': 'application/json', origin: store() }, '{}');
    assert.equal(noRun.status, 404, 'no run cookie: nothing is forwarded');
  });
});
