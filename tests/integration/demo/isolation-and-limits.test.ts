import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, afterEach, before, describe, test } from 'node:test';
import type { AttackResult, ClockState, DemoError, RunEvent, RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, SPA, WEBAPP, send, startServerBeside, startWorld, type TestWorld } from './harness.ts';

// Readers cannot reach each other's runs; forged run ids get nothing; every bound holds; CSRF and
// open-redirect attempts are refused.

const MAX_RUNS = 4;
const MAX_EXCHANGES = 5;

let world: TestWorld;
before(async () => {
  world = await startWorld({
    limits: { maxRuns: MAX_RUNS, maxExchanges: MAX_EXCHANGES, runIdleMs: 60_000, maxBodyBytes: 16 * 1024, capturedBodyChars: 4096, maxStreamsPerRun: 2 },
  });
});
after(() => world?.stop());

/** Logs in at the IdP directly (no proxy, no run): does the user still exist there? */
async function idpKnows(user: { email: string; password: string }): Promise<boolean> {
  const answer = await fetch(`${world.idpUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loginId: user.email, password: user.password }) });
  return answer.status === 200;
}

async function endRun(browser: Browser): Promise<void> {
  assert.equal((await browser.demo('DELETE', '/run')).status, 204);
}

// Every reader's run ends after its test, passed or failed, so one failure cannot exhaust the run limit for the next.
const readers: Browser[] = [];
function newReader(): Browser {
  const reader = new Browser(world);
  readers.push(reader);
  return reader;
}
afterEach(async () => {
  for (const reader of readers.splice(0)) if (reader.cookie('demo_run')) await reader.demo('DELETE', '/run');
});

describe('run isolation', () => {
  test("two readers at once: neither's events, tokens, clock or attacks reach the other", async () => {
    const alice = newReader();
    const bob = newReader();
    const aliceRun = await alice.startRun(WEBAPP);
    const bobRun = await bob.startRun(WEBAPP);
    assert.notEqual(aliceRun.user.email, bobRun.user.email);
    const aliceEvents = await alice.openEvents();
    const bobEvents = await bob.openEvents();

    assert.equal((await alice.logInToServerApp(world.origins.store, aliceRun.user)).status, 302);
    assert.equal((await alice.get(`${world.origins.store}/shopping-cart`)).status, 200);
    assert.equal((await bob.get(`${world.origins.store}/`)).status, 200);
    await aliceEvents.quiet();
    await bobEvents.quiet();

    const aliceUrls = aliceEvents.responses().map((e) => `${e.method} ${new URL(e.url).pathname}`);
    const bobUrls = bobEvents.responses().map((e) => `${e.method} ${new URL(e.url).pathname}`);
    assert.ok(aliceUrls.includes('POST /login') && aliceUrls.includes('POST /api/login'));
    assert.deepEqual(bobUrls, ['GET /'], "Bob's trace holds only Bob's request");
    assert.ok(!aliceUrls.includes('GET /'), "Alice's trace does not hold Bob's request");
    assert.doesNotMatch(JSON.stringify(bobEvents.events), new RegExp(aliceRun.user.email));
    assert.doesNotMatch(JSON.stringify(bobEvents.events), new RegExp(alice.cookie('access_token')!.value));

    // Bob's clock jump moves Bob's clock only: Alice's JWT stays valid.
    const bobClock = (await bob.demo('POST', '/run/clock', { jump: 'refresh-token-expires' })).json<ClockState>();
    assert.equal(bobClock.offsetSeconds, 3601);
    assert.equal((await alice.get(`${world.origins.store}/shopping-cart`)).status, 200);
    await aliceEvents.quiet();
    assert.ok(!aliceEvents.events.some((e) => e.type === 'clock'), "Alice's panel never hears of Bob's clock");

    // Bob's hacker has nothing of Alice's to steal.
    const bobAttack = await bob.demo('POST', '/run/attack', { attack: 'stolen-jwt' });
    assert.equal(bobAttack.status, 409);
    assert.match(bobAttack.json<DemoError>().error, /^Log in first:/);
    assert.equal((await alice.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>().succeeded, true);
    await bobEvents.quiet();
    assert.ok(bobEvents.responses().every((e) => e.from !== 'Hacker'));

    aliceEvents.close();
    bobEvents.close();
  });

  test('a forged or unknown run cookie gets nothing: no events, controls, apps or login host', async () => {
    const victim = newReader();
    const victimRun = await victim.startRun(WEBAPP);
    const victimEvents = await victim.openEvents();
    const forger = newReader();
    forger.store(`${world.origins.docs}/`, `demo_run=${randomBytes(32).toString('base64url')}; Domain=example.localhost; Path=/`);

    await assert.rejects(forger.openEvents(), { statusCode: 404 });
    for (const [path, body] of [['/run/clock', { jump: 'jwt-expires' }], ['/run/attack', { attack: 'stolen-jwt' }]] as const) {
      const answer = await forger.demo('POST', path, body);
      assert.equal(answer.status, 404, path);
      assert.match(answer.json<DemoError>().error, /No demo run/);
    }
    assert.equal((await forger.get(`${world.origins.store}/login`)).status, 404);
    assert.equal((await forger.post(`${world.origins.idp}/api/login`, { origin: world.origins.store, json: { loginId: victimRun.user.email, password: victimRun.user.password } })).status, 404);
    // A made-up run id in the hacker's headers is no better.
    const guessed = await send(world.port, 'GET', `${world.origins.store}/shopping-cart`, { 'x-demo-actor': 'Hacker', 'x-demo-run': randomBytes(32).toString('base64url') });
    assert.equal(guessed.status, 404);

    await victimEvents.quiet();
    assert.deepEqual(victimEvents.responses(), [], "nothing landed in the victim's trace");
    victimEvents.close();
  });
});

describe('run lifecycle', () => {
  test('DELETE /__demo/run: 204 with Clear-Site-Data, the run cookie expired, an `ended` event, the IdP user deleted', async () => {
    const reader = newReader();
    const run = await reader.startRun(SPA);
    const events = await reader.openEvents();
    assert.equal(await idpKnows(run.user), true);
    const answer = await reader.demo('DELETE', '/run');
    assert.equal(answer.status, 204);
    assert.equal(answer.headers['clear-site-data'], '"cookies"');
    assert.ok(answer.setCookies.some((c) => /^demo_run=;/.test(c) && /Domain=example\.localhost/.test(c) && /Max-Age=0/.test(c)));
    assert.equal(reader.cookie('demo_run'), undefined);
    await events.waitFor((e) => e.type === 'ended' && e.reason === 'reset');
    assert.equal(await idpKnows(run.user), false, 'the run user is gone from the identity provider');
  });

  test('starting a run again replaces the browser\'s previous one (ended: replaced) and does not count twice', async () => {
    const reader = newReader();
    const first = await reader.startRun(WEBAPP);
    const events = await reader.openEvents();
    const second = await reader.startRun(SPA);
    assert.notEqual(first.user.email, second.user.email);
    await events.waitFor((e) => e.type === 'ended' && e.reason === 'replaced');
    assert.equal(await idpKnows(first.user), false);
  });

  test('GET /__demo/run: the browser\'s live run for a second tab to join, 404 without one', async () => {
    const reader = newReader();
    assert.equal((await reader.demo('GET', '/run')).status, 404);
    const run = await reader.startRun(SPA);
    const joined = await reader.demo('GET', '/run');
    assert.equal(joined.status, 200);
    assert.equal(joined.headers['cache-control'], 'no-store');
    assert.deepEqual(joined.json<RunSnapshot>().user, run.user);
    assert.equal(joined.json<RunSnapshot>().workflow, SPA);
    assert.equal((await reader.get(`${world.origins.docs}/__demo/run`, { withoutCookies: true })).status, 404, 'the run cookie is the only key');
  });

  test('DELETE /__demo/run tells the other tabs why: closed or replaced, and nothing else', async () => {
    const reader = newReader();
    await reader.startRun(WEBAPP);
    const events = await reader.openEvents();
    assert.equal((await reader.demo('DELETE', '/run?reason=whatever')).status, 400);
    assert.equal((await reader.demo('DELETE', '/run?reason=closed')).status, 204);
    await events.waitFor((e) => e.type === 'ended' && e.reason === 'closed');
    await reader.startRun(WEBAPP);
    const next = await reader.openEvents();
    assert.equal((await reader.demo('DELETE', '/run?reason=replaced')).status, 204);
    await next.waitFor((e) => e.type === 'ended' && e.reason === 'replaced');
  });

  test('every app host answers /__demo/clear without a run, clearing its cookies and storage; never for another site', async () => {
    const status = (await newReader().get(`${world.origins.docs}/__demo/status.json`)).json<{ appOrigins: string[] }>();
    assert.deepEqual(status.appOrigins, [world.origins.store, world.origins.forums]);
    for (const origin of status.appOrigins) {
      const cleared = await send(world.port, 'GET', `${origin}/__demo/clear`, { 'sec-fetch-site': 'same-site', 'sec-fetch-dest': 'iframe' });
      assert.equal(cleared.status, 200);
      assert.equal(cleared.headers['clear-site-data'], '"cookies", "storage"');
      assert.match(String(cleared.headers['content-security-policy']), new RegExp(`frame-ancestors ${world.origins.docs}`));
      assert.equal((await send(world.port, 'GET', `${origin}/__demo/clear`, { 'sec-fetch-site': 'cross-site' })).status, 403);
    }
  });

  test('stopping the server ends its runs with `ended: shutdown`', async () => {
    const quick = await startServerBeside(world, {});
    const reader = new Browser(quick);
    await reader.startRun(WEBAPP);
    const events = await reader.openEvents();
    const stopping = quick.stop();
    await events.waitFor((e) => e.type === 'ended' && e.reason === 'shutdown');
    await stopping;
  });

  test('an idle run expires: `ended: expired`, and its user is deleted', async () => {
    const quick = await startServerBeside(world, {
      limits: { maxRuns: 5, maxExchanges: 50, runIdleMs: 300, maxBodyBytes: 16 * 1024, capturedBodyChars: 4096, maxStreamsPerRun: 2 },
    });
    try {
      const reader = new Browser(quick);
      const run = await reader.startRun(WEBAPP);
      const events = await reader.openEvents();
      await events.waitFor((e) => e.type === 'ended' && e.reason === 'expired', 3000);
      await assert.rejects(reader.openEvents(), { statusCode: 404 });
      // The sweep announces the end first and deletes the user right after, without waiting for it.
      const deadline = Date.now() + 3000;
      while ((await idpKnows(run.user)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(await idpKnows(run.user), false);
    } finally {
      await quick.stop();
    }
  });
});

describe('limits', () => {
  test(`at most ${MAX_RUNS} runs at once: with every one in use, one more gets a 503 DemoError and Retry-After; ending one frees a place`, async () => {
    const full = Array.from({ length: MAX_RUNS }, () => newReader());
    for (const reader of full) await reader.startRun(WEBAPP);
    const late = newReader();
    const refused = await late.demo('POST', '/runs', { workflow: WEBAPP });
    assert.equal(refused.status, 503);
    assert.match(refused.json<DemoError>().error, new RegExp(`^The demo server is full: all ${MAX_RUNS} demo runs are in use\\. Try again in \\d+ minutes?\\.$`));
    assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After says when a run may be idle enough to make room');
    assert.equal(late.cookie('demo_run'), undefined);
    await endRun(full[0]!);
    assert.equal((await late.demo('POST', '/runs', { workflow: WEBAPP })).status, 201);
  });

  test(`the trace keeps the last ${MAX_EXCHANGES} exchanges and counts the dropped ones`, async () => {
    const reader = newReader();
    await reader.startRun(WEBAPP);
    for (let i = 0; i < MAX_EXCHANGES + 3; i += 1) assert.equal((await reader.get(`${world.origins.store}/?visit=${i}`)).status, 200);
    const events = await reader.openEvents();
    const snapshot = (await events.waitFor((e) => e.type === 'snapshot')) as Extract<RunEvent, { type: 'snapshot' }>;
    assert.equal(snapshot.run.exchanges.length, MAX_EXCHANGES);
    assert.equal(snapshot.run.droppedExchanges, 3);
    assert.deepEqual(snapshot.run.exchanges.map((e) => e.id), [4, 5, 6, 7, 8]);
    assert.equal(snapshot.run.exchanges[0]!.request.params['visit'], '3');
    events.close();
  });

  test('request bodies over 16 KB get a 413 on every host, with or without a Content-Length', async () => {
    const reader = newReader();
    await reader.startRun(WEBAPP);
    const big = 'x'.repeat(17 * 1024);
    assert.equal((await reader.post(`${world.origins.store}/login`, { origin: world.origins.store, form: { loginId: big, password: 'p' } })).status, 413);
    assert.equal((await reader.post(`${world.origins.idp}/api/login`, { origin: world.origins.store, json: { loginId: big } })).status, 413);
    assert.equal((await reader.demo('POST', '/run/clock', { jump: big })).status, 413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port: world.port,
          method: 'POST',
          path: '/__demo/runs',
          headers: { host: new URL(world.origins.docs).host, origin: world.origins.docs, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      for (let i = 0; i < 17; i += 1) outgoing.write('x'.repeat(1024));
      outgoing.end();
    });
    assert.equal(chunked, 413);
  });

  test('at most two event streams per run', async () => {
    const reader = newReader();
    await reader.startRun(WEBAPP);
    const streams = [await reader.openEvents(), await reader.openEvents()];
    await assert.rejects(reader.openEvents(), { statusCode: 429 });
    streams[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await reader.openEvents();
    for (const stream of [again, streams[1]!]) stream.close();
  });
});

describe('CSRF and redirects', () => {
  test('a cross-site form POST to /login is refused, even with the reader\'s cookies and a valid token', async () => {
    const reader = newReader();
    const run = await reader.startRun(WEBAPP);
    const events = await reader.openEvents();
    const form = await reader.get(`${world.origins.store}/login`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const credentials = { csrf, loginId: run.user.email, password: run.user.password };
    const crossSite = await reader.post(`${world.origins.store}/login`, { origin: 'http://evil.example', form: credentials });
    assert.equal(crossSite.status, 403);
    const siblingOrigin = await reader.post(`${world.origins.store}/login`, { origin: world.origins.forums, form: credentials });
    assert.equal(siblingOrigin.status, 403, 'a sibling subdomain is same-site but not the Store');
    const noOrigin = await reader.post(`${world.origins.store}/login`, { headers: { 'sec-fetch-site': 'cross-site' }, form: credentials });
    assert.equal(noOrigin.status, 403);
    const wrongToken = await reader.post(`${world.origins.store}/login`, { origin: world.origins.store, form: { ...credentials, csrf: 'forged' } });
    assert.equal(wrongToken.status, 403);
    assert.equal(reader.cookie('access_token'), undefined, 'no login happened');
    await events.quiet();
    assert.ok(!events.responses().some((e) => e.from === 'Store' && e.to === 'IdP'), 'the Store never called the IdP');
    events.close();
  });

  test('demo controls refuse cross-origin and non-JSON requests', async () => {
    const reader = newReader();
    await reader.startRun(WEBAPP);
    const clock = (headers: Record<string, string>, body = JSON.stringify({ jump: 'jwt-expires' })) =>
      send(world.port, 'POST', `${world.origins.docs}/__demo/run/clock`, { cookie: `demo_run=${reader.cookie('demo_run')!.value}`, ...headers }, body);
    assert.equal((await clock({ origin: world.origins.store, 'content-type': 'application/json' })).status, 403, 'from an app origin');
    assert.equal((await clock({ origin: 'http://evil.example', 'content-type': 'application/json' })).status, 403);
    assert.equal((await clock({ 'content-type': 'application/json' })).status, 403, 'without an Origin');
    assert.equal((await clock({ origin: world.origins.docs, 'content-type': 'text/plain' })).status, 415);
    assert.equal((await clock({ origin: world.origins.docs, 'content-type': 'application/x-www-form-urlencoded' }, 'jump=jwt-expires')).status, 415);
    const runs = await send(world.port, 'POST', `${world.origins.docs}/__demo/runs`, { origin: 'http://evil.example', 'content-type': 'application/json' }, JSON.stringify({ workflow: WEBAPP }));
    assert.equal(runs.status, 403);
    const events = await reader.openEvents();
    const snapshot = (await events.waitFor((e) => e.type === 'snapshot')) as Extract<RunEvent, { type: 'snapshot' }>;
    assert.equal(snapshot.run.clock.offsetSeconds, 0, 'the clock did not move');
    assert.equal((await clock({ origin: world.origins.docs, 'content-type': 'application/json' })).status, 200, 'the docs origin may');
    events.close();
  });

  test('no open redirect: redirect targets are fixed paths, and the loopback redirect keeps the host', async () => {
    const reader = newReader();
    const run: RunSnapshot = await reader.startRun(WEBAPP);
    const form = await reader.get(`${world.origins.store}/login?next=http://evil.example/&redirect_uri=//evil.example`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const login = await reader.post(`${world.origins.store}/login?next=http://evil.example/`, {
      origin: world.origins.store,
      form: { csrf, loginId: run.user.email, password: run.user.password, next: 'http://evil.example/', returnTo: '//evil.example' },
    });
    assert.equal(login.status, 302);
    assert.equal(login.headers.location, '/shopping-cart');
    reader.jar = reader.jar.filter((cookie) => cookie.name === 'demo_run');
    const loggedOut = await reader.get(`${world.origins.store}/shopping-cart?next=//evil.example`);
    assert.equal(loggedOut.status, 302);
    assert.equal(loggedOut.headers.location, '/login');
    for (const host of [`localhost:${world.port}`, `127.0.0.1:${world.port}`]) {
      for (const path of ['//evil.example/x', '/\\evil.example', '/workflows/?a=1']) {
        const answer = await send(world.port, 'GET', `http://${host}${path}`, {});
        assert.equal(answer.status, 302);
        const location = new URL(String(answer.headers.location));
        assert.equal(location.host, new URL(world.origins.docs).host, `${host}${path} → ${answer.headers.location}`);
      }
    }
    assert.equal((await send(world.port, 'GET', `http://evil.example:${world.port}/`, {})).status, 421);
    assert.equal((await send(world.port, 'GET', `http://store.example.localhost:${world.port + 1}/`, {})).status, 421);
  });
});
