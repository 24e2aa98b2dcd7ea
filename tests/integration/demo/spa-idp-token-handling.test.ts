import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import type { AttackResult, DemoError, Exchange, RunSnapshot } from '../../../demo-server/protocol.ts';
import { arrow, Browser, FORUMS_APP_ID, send, startWorld, STORE_APP_ID, type EventStream, type TestWorld } from './harness.ts';

// The two SPA workflows whose script handles the JWT from the identity provider's answer: kept in
// localStorage and sent as a bearer token, or handed to the backend's cookie-drop endpoint after a
// login at the identity provider's own domain.

const LOCAL_STORAGE = 'spa/native-form-to-idp-jwt-local-storage';
const DIFFERENT_DOMAIN = 'spa/native-form-to-idp-different-domain-jwt-cookie';

let world: TestWorld;
before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.stop();
});

/** A reader's browser with a run of `workflow` and its event stream. */
async function reader(workflow: string): Promise<{ browser: Browser; run: RunSnapshot; events: EventStream }> {
  const browser = new Browser(world);
  const run = await browser.startRun(workflow);
  return { browser, run, events: await browser.openEvents() };
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const tampered = (jwt: string) => `${jwt.slice(0, -6)}AAAAAA`;

describe('SPA: JWT in localStorage, sent as a bearer token', () => {
  let browser: Browser;
  let run: RunSnapshot;
  let events: EventStream;
  let jwt: string;
  before(async () => {
    ({ browser, run, events } = await reader(LOCAL_STORAGE));
  });
  after(() => events?.close());

  const cart = (options = {}) => browser.get(`${world.origins.store}/api/load-shopping-cart`, options);

  test('before any login the hacker has nothing to replay', async () => {
    const refused = await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' });
    assert.equal(refused.status, 409);
    assert.match(refused.json<DemoError>().error, /^Log in first: the hacker copies the JWT .* localStorage/);
  });

  test('the login answer carries the JWT in JSON; the refresh token cookie stays host-only on the login host', async () => {
    const login = await browser.logInToIdp(world.origins.store, run.user, STORE_APP_ID);
    assert.equal(login.status, 200);
    jwt = login.json<{ token: string }>().token;
    assert.equal(decodeJwt(jwt).aud, STORE_APP_ID);
    const refresh = login.setCookies.find((cookie) => cookie.startsWith('refresh_token='));
    assert.ok(refresh, 'a refresh token cookie');
    assert.match(refresh, /HttpOnly/i);
    assert.doesNotMatch(refresh, /Domain=/i, 'host-only: the Store never receives it');
    assert.deepEqual(Object.keys(browser.cookiesFor(`${world.origins.store}/`)).filter((name) => name !== 'demo_run'), []);
  });

  test('the Store API takes the JWT only as a bearer token, and only a valid one for the Store', async () => {
    assert.equal((await cart()).status, 401, 'no header');
    assert.equal((await cart(bearer(jwt))).status, 200);
    assert.equal((await cart({ headers: { authorization: `Basic ${jwt}` } })).status, 401, 'another scheme');
    assert.equal((await cart({ headers: { authorization: `Bearer ${tampered(jwt)}`, cookie: `access_token=${jwt}` } })).status, 401, 'a forged token, the cookie ignored');
    const forums = await new Browser(world).logInToIdp(world.origins.forums, run.user, FORUMS_APP_ID);
    assert.equal((await cart(bearer(forums.json<{ token: string }>().token))).status, 401, "the Forums' JWT");
    assert.equal((await browser.get(`${world.origins.store}/api/user`, bearer(jwt))).json<{ user: { email: string } }>().user.email, run.user.email);
  });

  test('the trace shows the Authorization header, and the hacker replays exactly that token', async () => {
    const before = await events.quiet();
    await cart(bearer(jwt));
    const [exchange] = (await events.completed(before + 1)).slice(before);
    assert.equal(exchange?.request.authorization, `Bearer ${jwt}`);
    const stolen = (await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
    assert.equal(stolen.succeeded, true, stolen.summary);
    const replay = (await events.completed(before + 2)).find((e: Exchange) => e.from === 'Hacker');
    assert.equal(replay?.request.authorization, `Bearer ${jwt}`);
    assert.deepEqual(replay?.request.cookies, {});
  });

  test('a stolen refresh token is the one the browser holds for the identity provider, and buys a bearer JWT', async () => {
    const refresh = await browser.post(`${world.origins.idp}/api/jwt/refresh`, { origin: world.origins.store, json: {} });
    assert.equal(refresh.status, 200);
    const before = await events.quiet();
    const stolen = (await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>();
    assert.equal(stolen.succeeded, true, stolen.summary);
    const hacker = (await events.completed(before + 2)).slice(before).sort((a, b) => a.id - b.id);
    assert.deepEqual(hacker.map(arrow), ['Hacker→IdP POST /api/jwt/refresh 200', 'Hacker→Store GET /api/load-shopping-cart 200']);
    assert.ok(hacker[0]?.request.cookies['refresh_token']);
    assert.match(hacker[1]?.request.authorization ?? '', /^Bearer /);
  });

  test("after the Forums' login the stolen refresh token is the Forums' one the browser now holds, whose JWT the Store refuses", async () => {
    const storesToken = browser.cookie('refresh_token')?.value;
    const forums = await browser.logInToIdp(world.origins.forums, run.user, FORUMS_APP_ID);
    assert.equal(forums.status, 200);
    const held = browser.cookie('refresh_token')?.value;
    assert.notEqual(held, storesToken, "the Forums' cookie replaced the Store's on the login host");
    const before = await events.quiet();
    const stolen = (await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>();
    const hacker = (await events.completed(before + 2)).slice(before).sort((a, b) => a.id - b.id);
    assert.equal(hacker[0]?.request.cookies['refresh_token'], held, 'replayed before the browser has sent it anywhere');
    assert.deepEqual(hacker.map(arrow), ['Hacker→IdP POST /api/jwt/refresh 200', 'Hacker→Store GET /api/load-shopping-cart 401']);
    assert.equal(stolen.succeeded, false);
    assert.match(stolen.summary, /issued for another application/);
  });
});

describe('SPA: identity provider on its own domain, JWT handed to the cookie-drop endpoint', () => {
  let browser: Browser;
  let run: RunSnapshot;
  let events: EventStream;
  let jwt: string;
  before(async () => {
    ({ browser, run, events } = await reader(DIFFERENT_DOMAIN));
  });
  after(() => events?.close());

  const ownDomain = () => world.origins.idpOwnDomain;
  const drop = (json: unknown, origin = world.origins.store) => browser.post(`${world.origins.store}/api/jwt-cookie`, { origin, json });

  test("the Store's page posts its login to the identity provider's own domain, which its CSP allows", async () => {
    const page = await browser.get(`${world.origins.store}/`);
    assert.match(page.body, new RegExp(`data-login-url="${ownDomain()}/api/login"`));
    assert.match(page.body, /data-jwt-cookie-url="\/api\/jwt-cookie"/);
    assert.doesNotMatch(page.body, /data-refresh-url/);
    assert.match(String(page.headers['content-security-policy']), new RegExp(`connect-src 'self'( \\S+)* ${ownDomain()};`));
  });

  test('the run cookie does not reach the other domain; a login is filed under the run whose user it names', async () => {
    assert.deepEqual(Object.keys(browser.cookiesFor(`${ownDomain()}/`)), []);
    const before = await events.quiet();
    const login = await browser.post(`${ownDomain()}/api/login`, {
      origin: world.origins.store,
      json: { loginId: run.user.email, password: run.user.password, applicationId: STORE_APP_ID },
    });
    assert.equal(login.status, 200);
    assert.equal(login.headers['access-control-allow-origin'], world.origins.store);
    jwt = login.json<{ token: string }>().token;
    for (const cookie of login.setCookies) assert.doesNotMatch(cookie, /Domain=/i, 'the proxy re-scopes nothing on another site');
    const [exchange] = (await events.completed(before + 1)).slice(before);
    assert.equal(arrow(exchange!), 'Browser→IdP POST /api/login 200');
    assert.equal(new URL(exchange!.url).origin, ownDomain());
  });

  test('a login naming no run’s user is not forwarded, and other sites are refused', async () => {
    const stranger = await new Browser(world).post(`${ownDomain()}/api/login`, {
      origin: world.origins.store,
      json: { loginId: 'reader-0000000000000000@example.com', password: 'whatever', applicationId: STORE_APP_ID },
    });
    assert.equal(stranger.status, 404);
    assert.match(stranger.json<DemoError>().error, /No demo run/);
    const evil = await browser.post(`${ownDomain()}/api/login`, {
      origin: 'http://evil.localhost:4400',
      json: { loginId: run.user.email, password: run.user.password, applicationId: STORE_APP_ID },
    });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    const preflight = await send(world.port, 'OPTIONS', `${ownDomain()}/api/login`, {
      origin: 'http://evil.localhost:4400',
      'access-control-request-method': 'POST',
    });
    assert.equal(preflight.status, 403);
  });

  test('the cookie-drop endpoint refuses anything but a valid Store JWT from the Store itself, and changes nothing', async () => {
    assert.equal((await drop(null)).status, 400);
    assert.equal((await drop({ jwt })).status, 400, 'wrong field');
    assert.equal((await drop({ token: tampered(jwt) })).status, 401);
    const forums = await new Browser(world).post(`${ownDomain()}/api/login`, {
      origin: world.origins.forums,
      json: { loginId: run.user.email, password: run.user.password, applicationId: FORUMS_APP_ID },
    });
    assert.equal((await drop({ token: forums.json<{ token: string }>().token })).status, 401, "the Forums' JWT");
    const crossSite = await drop({ token: jwt }, 'http://evil.localhost:4400');
    assert.equal(crossSite.status, 403, 'login CSRF');
    assert.equal(browser.cookie('access_token', new URL(world.origins.store).hostname), undefined);
  });

  test('a valid hand-over sets an HttpOnly cookie that ends with the JWT; the API then answers', async () => {
    const dropped = await drop({ token: jwt });
    assert.equal(dropped.status, 204);
    const [setCookie] = dropped.setCookies;
    assert.match(setCookie ?? '', /^access_token=/);
    assert.match(setCookie ?? '', /HttpOnly/i);
    assert.match(setCookie ?? '', /SameSite=Lax/i);
    assert.doesNotMatch(setCookie ?? '', /Domain=/i);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie ?? '')?.[1]);
    const secondsLeft = decodeJwt(jwt).exp! - Date.now() / 1000;
    assert.ok(Math.abs(maxAge - secondsLeft) <= 2, `Max-Age ${maxAge} vs ${secondsLeft} s left`);
    assert.equal((await browser.get(`${world.origins.store}/api/load-shopping-cart`)).status, 200);
  });

  test('once the JWT has expired the endpoint refuses it, and the stolen cookie stops working', async () => {
    await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' });
    assert.equal((await drop({ token: jwt })).status, 401);
    assert.equal((await browser.get(`${world.origins.store}/api/load-shopping-cart`)).status, 401);
    const stolen = (await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
    assert.equal(stolen.succeeded, false);
    assert.match(stolen.summary, /expired/);
  });
});
