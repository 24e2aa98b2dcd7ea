import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AttackResult, ClockState, Exchange, RunSnapshot, SetCookie } from '../../../demo-server/protocol.ts';
import { Browser, WEBAPP, arrow, eventOrder, startWorld, type EventStream, type TestWorld } from './harness.ts';

// The web-app workflow (native form → backend, JWT + refresh token cookies) run end to end, step by
// step as in its diagram, checking what the browser gets and what the trace records.

let world: TestWorld;
let browser: Browser;
let run: RunSnapshot;
let events: EventStream;

before(async () => {
  world = await startWorld();
  browser = new Browser(world);
  run = await browser.startRun(WEBAPP);
  events = await browser.openEvents();
});
after(async () => {
  events?.close();
  await world?.stop();
});

const store = () => world.origins.store;
const forums = () => world.origins.forums;
const lastExchange = (from: string, method: string, path: string): Exchange => {
  const found = events.responses().filter((e) => e.from === from && e.method === method && new URL(e.url).pathname === path).at(-1);
  assert.ok(found, `no ${from} ${method} ${path} in the trace`);
  return found;
};
const cookieNamed = (cookies: SetCookie[], name: string): SetCookie => {
  const found = cookies.find((cookie) => cookie.name === name);
  assert.ok(found, `no Set-Cookie for ${name}`);
  return found;
};

describe('web app: native form to the backend, JWT and refresh token cookies', () => {
  test('the run: a fresh user, the origins, the lifetimes and both attacks; the first event is a snapshot', async () => {
    assert.match(run.user.email, /^reader-[0-9a-f]{16}@example\.com$/);
    assert.ok(run.user.password.length >= 8);
    assert.deepEqual(run.origins, world.origins);
    assert.deepEqual(run.lifetimes, { jwtSeconds: 300, refreshTokenSeconds: 3600 });
    assert.deepEqual(run.clock, { offsetSeconds: 0, available: true });
    assert.deepEqual(run.attacks, ['stolen-refresh-token', 'stolen-jwt']);
    assert.deepEqual(run.exchanges, []);
    const first = events.events[0] ?? (await events.waitFor(() => true));
    assert.equal(first.type, 'snapshot');
    const runCookie = browser.cookie('demo_run');
    assert.equal(runCookie?.domain, 'example.localhost');
    assert.equal(runCookie?.hostOnly, false);
    assert.ok(Buffer.from(runCookie.value, 'base64url').length >= 16, 'run ids carry at least 128 bits');
  });

  test('steps 1–4: home page with a login link, then the login form with a CSRF token', async () => {
    const home = await browser.get(`${store()}/`);
    assert.equal(home.status, 200);
    assert.match(home.body, /<a href="\/login">Log in<\/a>/);
    assert.match(home.body, /<script src="\/_assets\/frame\.js"/);
    assert.match(String(home.headers['content-security-policy']), /script-src 'self'; style-src 'self'/);
    assert.equal(home.headers['x-content-type-options'], 'nosniff');
    const form = await browser.get(`${store()}/login`);
    assert.equal(form.status, 200);
    assert.match(form.body, /<label for="loginId">Email<\/label>/);
    assert.match(form.body, /<label for="password">Password<\/label>/);
    assert.match(form.body, /name="csrf" value="[\w-]{20,}"/);
  });

  test('a wrong password re-renders the form with 401 and a message; the trace masks the password', async () => {
    const answer = await browser.logInToServerApp(store(), { email: run.user.email, password: 'not-the-password' });
    assert.equal(answer.status, 401);
    assert.match(answer.body, /do not match an account/);
    await events.quiet();
    const post = lastExchange('Browser', 'POST', '/login');
    assert.equal(post.request.params['password'], '••••');
    assert.doesNotMatch(JSON.stringify(post), /not-the-password/);
    const toIdp = lastExchange('Store', 'POST', '/api/login');
    assert.equal(toIdp.response?.status, 404);
    assert.match(toIdp.request.body ?? '', /"password": "••••"/);
  });

  test('steps 5–8: POST /login → the Store logs in at the IdP → 302 /shopping-cart with host-only HttpOnly cookies', async () => {
    const before = await events.quiet();
    const answer = await browser.logInToServerApp(store(), run.user);
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.location, '/shopping-cart');
    const post = (await events.completed(before + 3)).at(-1)!;
    assert.equal(arrow(post), 'Browser→Store POST /login 302');
    for (const name of ['access_token', 'refresh_token']) {
      const cookie = cookieNamed(post.response!.setCookies, name);
      assert.equal(cookie.domain, undefined, `${name} is host-only`);
      assert.equal(cookie.path, '/');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.secure, false, 'no Secure over plain http');
      assert.match(cookie.raw, new RegExp(`^${name}=`));
    }
    assert.equal(cookieNamed(post.response!.setCookies, 'refresh_token').maxAge, 3600);
    assert.equal(browser.cookie('access_token')?.domain, 'store.example.localhost');
    assert.equal(browser.cookie('access_token')?.hostOnly, true);
    await events.quiet();
    const toIdp = lastExchange('Store', 'POST', '/api/login');
    assert.equal(toIdp.response?.status, 200);
    assert.match(toIdp.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/login$/);
    assert.match(toIdp.request.body ?? '', /"applicationId"/);
    assert.ok(toIdp.id > post.id, 'the IdP call starts after the browser request it serves');
    assert.equal(toIdp.causedBy, post.id, 'the IdP call names the browser request that caused it');
    assert.equal(post.causedBy, undefined);
    assert.equal(post.clockOffsetSeconds, 0);
    // Requests in start order, nested call inside: request POST, request IdP, response IdP, response POST.
    const order = eventOrder(events.events);
    const last = order.slice(-4);
    assert.deepEqual(last, [`request #${post.id}`, `request #${toIdp.id}`, `response #${toIdp.id}`, `response #${post.id}`]);
  });

  test('steps 9–10: GET /shopping-cart with both cookies → 200 cart for this user, verified locally (no IdP call)', async () => {
    const before = await events.quiet();
    const cart = await browser.get(`${store()}/shopping-cart`);
    assert.equal(cart.status, 200);
    assert.match(cart.body, new RegExp(run.user.email.replace('.', '\\.')));
    assert.match(cart.body, /<h2>Shopping cart<\/h2>/);
    const exchanges = await events.completed(before + 1);
    assert.deepEqual(exchanges.slice(before).map(arrow), ['Browser→Store GET /shopping-cart 200']);
    assert.deepEqual(Object.keys(exchanges.at(-1)!.request.cookies).sort(), ['access_token', 'refresh_token']);
  });

  test('attacks before any expiry: both the stolen refresh token and the stolen JWT get the cart', async () => {
    const refresh = await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' });
    assert.equal(refresh.status, 200, refresh.body);
    const result = refresh.json<AttackResult>();
    assert.equal(result.succeeded, true);
    assert.match(result.summary, /fresh JWT cookie/);
    await events.waitFor((e) => e.type === 'response' && e.exchange.id === Math.max(...result.exchangeIds));
    const hackerExchanges = result.exchangeIds.map((id) => events.responses().find((e) => e.id === id)!);
    assert.deepEqual(hackerExchanges.map(arrow), ['Hacker→Store GET /shopping-cart 200', 'Store→IdP POST /api/jwt/refresh 200']);
    assert.deepEqual(Object.keys(hackerExchanges[0]!.request.cookies), ['refresh_token'], 'the hacker sends only the stolen cookie');
    assert.equal(hackerExchanges[0]!.request.cookies['refresh_token'], browser.cookie('refresh_token')?.value);
    assert.ok(cookieNamed(hackerExchanges[0]!.response!.setCookies, 'access_token').value, 'the Store hands the hacker a fresh JWT');

    const jwt = (await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
    assert.equal(jwt.succeeded, true);
    assert.equal(jwt.exchangeIds.length, 1);
    const used = (await events.waitFor((e) => e.type === 'response' && e.exchange.id === jwt.exchangeIds[0])) as { exchange: Exchange };
    assert.deepEqual(used.exchange.request.cookies, { access_token: browser.cookie('access_token')?.value });
  });

  test('steps 11–14: the JWT expires; GET /shopping-cart → the Store refreshes at the IdP → 200 and a new access_token cookie', async () => {
    const oldJwt = browser.cookie('access_token')?.value;
    const jump = await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' });
    assert.equal(jump.status, 200, jump.body);
    assert.deepEqual(jump.json<ClockState>(), { offsetSeconds: 301, available: true });
    await events.waitFor((e) => e.type === 'clock' && e.jump === 'jwt-expires' && e.clock.offsetSeconds === 301);

    const before = await events.quiet();
    const cart = await browser.get(`${store()}/shopping-cart`);
    assert.equal(cart.status, 200);
    const exchanges = (await events.completed(before + 2)).slice(before).sort((a, b) => a.id - b.id);
    assert.deepEqual(exchanges.map(arrow), ['Browser→Store GET /shopping-cart 200', 'Store→IdP POST /api/jwt/refresh 200']);
    assert.match(exchanges[1]!.request.body ?? '', /"refreshToken"/);
    assert.equal(exchanges[1]!.causedBy, exchanges[0]!.id);
    assert.deepEqual(exchanges.map((e) => e.clockOffsetSeconds), [301, 301], "each exchange carries the run's clock offset");
    const newJwt = cookieNamed(exchanges[0]!.response!.setCookies, 'access_token');
    assert.notEqual(newJwt.value, oldJwt);
    assert.equal(newJwt.domain, undefined);
    assert.equal(browser.cookie('access_token')?.value, newJwt.value);
  });

  test('after the JWT expired: the stolen JWT is refused, the stolen refresh token still works', async () => {
    // The hacker copies what the browser holds: the fresh JWT the refresh answer set, before the browser has sent it.
    const fresh = (await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
    assert.equal(fresh.succeeded, true);
    await events.quiet();
    const replayed = events.responses().find((e) => e.id === fresh.exchangeIds[0]);
    assert.equal(replayed?.request.cookies['access_token'], browser.cookie('access_token')?.value);
    await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' });
    const expired = (await browser.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
    assert.equal(expired.succeeded, false);
    assert.match(expired.summary, /\(302 → \/login\): it has expired\.$/);
    const refresh = (await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>();
    assert.equal(refresh.succeeded, true);
  });

  test('steps 15–18: the refresh token expires; GET /shopping-cart → IdP refuses with 400 → 302 /login, cookies cleared', async () => {
    const jump = (await browser.demo('POST', '/run/clock', { jump: 'refresh-token-expires' })).json<ClockState>();
    assert.equal(jump.offsetSeconds, 301 + 301 + 3601);
    const before = await events.quiet();
    const answer = await browser.get(`${store()}/shopping-cart`);
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.location, '/login');
    const exchanges = (await events.completed(before + 2)).slice(before).sort((a, b) => a.id - b.id);
    assert.deepEqual(exchanges.map(arrow), ['Browser→Store GET /shopping-cart 302', 'Store→IdP POST /api/jwt/refresh 400']);
    assert.equal(browser.cookie('access_token'), undefined);
    assert.equal(browser.cookie('refresh_token'), undefined);
  });

  test('after the refresh token expired, the stolen refresh token is refused too', async () => {
    const refresh = (await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>();
    await events.quiet();
    assert.equal(refresh.succeeded, false);
    assert.match(refresh.summary, /302 → \/login/);
    const arrows = refresh.exchangeIds.map((id) => arrow(events.responses().find((e) => e.id === id) ?? assert.fail(`exchange ${id}`)));
    assert.deepEqual(arrows, ['Hacker→Store GET /shopping-cart 302', 'Store→IdP POST /api/jwt/refresh 400']);
  });

  test('step 19: logging in again gives a fresh pair of cookies and the cart', async () => {
    assert.equal((await browser.logInToServerApp(store(), run.user)).status, 302);
    assert.equal((await browser.get(`${store()}/shopping-cart`)).status, 200);
  });

  test('steps 20–29: the Forums need their own login (no SSO); their cookies stay on the Forums host', async () => {
    const before = await events.quiet();
    const home = await browser.get(`${forums()}/`);
    assert.equal(home.status, 200);
    assert.match(home.body, /<h1>Forums<\/h1>/);
    assert.equal((await browser.get(`${forums()}/posts`)).status, 302, 'the Store login does not log in to the Forums');
    const login = await browser.logInToServerApp(forums(), run.user);
    assert.equal(login.status, 302);
    assert.equal(login.headers.location, '/posts');
    const posts = await browser.get(`${forums()}/posts`);
    assert.equal(posts.status, 200);
    assert.match(posts.body, /Forum posts/);
    const exchanges = (await events.completed(before + 6)).slice(before).sort((a, b) => a.id - b.id);
    assert.deepEqual(exchanges.map(arrow), [
      'Browser→Forums GET / 200',
      'Browser→Forums GET /posts 302',
      'Browser→Forums GET /login 200',
      'Browser→Forums POST /login 302',
      'Forums→IdP POST /api/login 200',
      'Browser→Forums GET /posts 200',
    ]);
    assert.deepEqual(exchanges[0]!.request.cookies, {}, 'no cookies for the Forums host yet');
    assert.equal(browser.jar.filter((c) => c.name === 'access_token').map((c) => c.domain).sort().join(), 'forums.example.localhost,store.example.localhost');
  });

  test('the whole trace reads like the diagram: ids in start order, nothing recorded twice, no assets or demo calls', () => {
    const responses = events.responses();
    const ids = responses.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    const started = events.events.flatMap((e) => (e.type === 'request' ? [e.exchange.id] : []));
    assert.deepEqual(started, [...started].sort((a, b) => a - b));
    assert.ok(responses.every((e) => !/\/_assets\/|\/__demo\/|favicon/.test(e.url)));
    assert.ok(responses.every((e) => e.request.cookies['demo_run'] === undefined), 'the run cookie is never shown');
    const actors = new Set(responses.map((e) => `${e.from}→${e.to}`));
    assert.deepEqual([...actors].sort(), ['Browser→Forums', 'Browser→Store', 'Forums→IdP', 'Hacker→Store', 'Store→IdP']);
  });
});
