import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, SPA, STORE_APP_ID, WEBAPP, send, startServerBeside, startWorld, type Answer, type RequestOptions, type TestWorld } from './harness.ts';

// The server behind a TLS-terminating proxy it trusts (here 127.0.0.1, where the test's requests
// come from, with the headers such a proxy adds). tests/e2e/https/ does the same through a real TLS
// proxy in Chromium.

const ORIGINS: RunSnapshot['origins'] = {
  docs: 'https://example.localhost',
  store: 'https://store.example.localhost',
  forums: 'https://forums.example.localhost',
  api: 'https://api.example.localhost',
  idp: 'https://login.example.localhost',
  idpOwnDomain: 'https://login.example-id.localhost',
};

let idpWorld: TestWorld;
let world: TestWorld;
before(async () => {
  idpWorld = await startWorld();
  const server = await startServerBeside(idpWorld, {}, { DEMO_PUBLIC_ORIGIN: ORIGINS.docs, DEMO_TRUSTED_PROXIES: '127.0.0.1' });
  world = { ...server, origins: ORIGINS };
});
after(async () => {
  await world?.stop();
  await idpWorld?.stop();
});

/** A reader's browser behind the proxy: every request arrives with the proxy's X-Forwarded-* headers. */
class BrowserBehindProxy extends Browser {
  readonly answers: { url: string; answer: Answer }[] = [];

  override async request(method: string, url: string, options: RequestOptions = {}): Promise<Answer> {
    const answer = await super.request(method, url, { ...options, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.20', ...options.headers } });
    this.answers.push({ url, answer });
    return answer;
  }
}

test('a plain-HTTP request the proxy passes on is sent to https first, before any cookie is set', async () => {
  const answer = await send(world.port, 'GET', `${ORIGINS.store}/login?x=1`, { 'x-forwarded-proto': 'http' });
  assert.equal(answer.status, 308);
  assert.equal(answer.headers.location, 'https://store.example.localhost/login?x=1');
  assert.deepEqual(answer.setCookies, []);
});

test('every cookie of every host is Secure, every answer carries HSTS, and the trace shows the attributes as sent', async () => {
  const reader = new BrowserBehindProxy(world);
  const run = await reader.startRun(WEBAPP);
  assert.deepEqual(run.origins, ORIGINS, 'the panel is told the https origins');
  const events = await reader.openEvents();
  assert.equal((await reader.logInToServerApp(ORIGINS.store, run.user)).status, 302);
  assert.equal((await reader.get(`${ORIGINS.store}/shopping-cart`)).status, 200);
  assert.equal((await reader.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).status, 200);

  const spa = new BrowserBehindProxy(world);
  const spaRun = await spa.startRun(SPA);
  const spaEvents = await spa.openEvents();
  assert.equal((await spa.logInToIdp(ORIGINS.store, spaRun.user, STORE_APP_ID)).status, 200);

  const setCookies = [...reader.answers, ...spa.answers].flatMap(({ url, answer }) => answer.setCookies.map((cookie) => `${new URL(url).host} ${cookie}`));
  for (const name of ['demo_run', 'access_token', 'refresh_token']) assert.ok(setCookies.some((line) => line.includes(` ${name}=`)), `${name} was set`);
  assert.ok(setCookies.some((line) => line.startsWith('login.example.localhost ')), 'the login host set cookies');
  for (const line of setCookies) assert.match(line, /;\s*Secure\b/i, line);
  for (const { url, answer } of [...reader.answers, ...spa.answers]) {
    assert.equal(answer.headers['strict-transport-security'], 'max-age=63072000; includeSubDomains', url);
  }
  assert.equal(reader.cookie('access_token')!.name, 'access_token', 'cookie names stay what the workflow shows');

  // What the public hosts answered; the identity provider's answers to the backends cross plain HTTP on the server's side.
  const traced = [];
  for (const stream of [events, spaEvents]) {
    await stream.quiet();
    traced.push(...stream.responses().filter((exchange) => exchange.from === 'Browser' || exchange.from === 'Hacker').flatMap((exchange) => exchange.response?.setCookies ?? []));
    stream.close();
  }
  assert.ok(traced.some((cookie) => cookie.domain === 'example.localhost'), 'the login host re-scoped cookies are among them');
  assert.deepEqual(traced.filter((cookie) => !cookie.secure), [], 'the trace, and so the lab, sees Secure on every cookie the hosts set');
});
