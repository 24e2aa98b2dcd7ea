import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClientLimits } from '../../../demo-server/config.ts';
import type { DemoError, RunEvent, RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, EventStream, SPA, STORE_APP_ID, WEBAPP, startServerBeside, startWorld, type Answer, type ServerOverrides, type TestWorld } from './harness.ts';

// A public server shared fairly by many readers. Each test binds loopback addresses of its own
// (127.0.0.x, all of which reach this machine) to be several clients, as readers on other networks are.

let world: TestWorld;
before(async () => {
  world = await startWorld();
});
after(() => world?.stop());

const GENEROUS: ClientLimits = { maxRuns: 100, runStartsPerMinute: 100, loginsPerMinute: 100, attacksPerMinute: 100 };

/** A demo server beside the shared identity provider with these limits, stopped after `body`. */
async function withServer(overrides: ServerOverrides & { perClient?: Partial<ClientLimits> }, body: (server: TestWorld) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const { perClient, ...rest } = overrides;
  const server = await startServerBeside(world, { ...rest, limits: { runActiveMs: 60_000, ...rest.limits, perClient: { ...GENEROUS, ...perClient } } }, env);
  try {
    await body(server);
  } finally {
    await server.stop();
  }
}

/** Logs in at the IdP directly (no proxy, no run): does the user still exist there? */
async function idpKnows(user: { email: string; password: string }): Promise<boolean> {
  const answer = await fetch(`${world.idpUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loginId: user.email, password: user.password }) });
  return answer.status === 200;
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const startRun = (browser: Browser, workflow = WEBAPP) => browser.demo('POST', '/runs', { workflow });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertRefused(answer: Answer, status: 429 | 503, sentence: RegExp): void {
  assert.equal(answer.status, status, answer.body);
  assert.match(answer.json<DemoError>().error, sentence);
  const retryAfter = Number(answer.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${answer.headers['retry-after']}`);
}

const ended = (events: EventStream) => events.waitFor((event) => event.type === 'ended') as Promise<Extract<RunEvent, { type: 'ended' }>>;

describe('live runs per client address', () => {
  test('one address cannot take more than its share of runs, even with a copied Origin; a second address still gets a run', async () => {
    await withServer({ perClient: { maxRuns: 2 }, limits: { maxRuns: 10 } }, async (server) => {
      const mine = [new Browser(server, '127.0.0.2'), new Browser(server, '127.0.0.2')];
      for (const browser of mine) assert.equal((await startRun(browser)).status, 201);
      const greedy = new Browser(server, '127.0.0.2');
      assertRefused(await startRun(greedy), 429, /^Your network address already has 2 live demo runs, all in use: close the lab in another browser, or try again in \d+ (minutes?|seconds?)\.$/);
      assert.equal(greedy.cookie('demo_run'), undefined, 'no run cookie for a refused run');
      for (const browser of mine) assert.equal((await browser.demo('GET', '/run')).status, 200, 'the runs it holds stay');
      assert.equal((await startRun(new Browser(server, '127.0.0.3'))).status, 201, 'another address is not held up');
    });
  });

  test("at its share, an address's own longest-idle run makes room for its next one; its user is deleted", async () => {
    await withServer({ perClient: { maxRuns: 2 }, limits: { maxRuns: 10, runActiveMs: 300 } }, async (server) => {
      const [oldest, recent, next] = [new Browser(server, '127.0.0.4'), new Browser(server, '127.0.0.4'), new Browser(server, '127.0.0.4')];
      const oldestRun = await oldest.startRun(WEBAPP);
      await recent.startRun(WEBAPP);
      const oldestEvents = await oldest.openEvents();
      await sleep(400);
      assert.equal((await recent.demo('GET', '/run')).status, 200);
      assert.equal((await startRun(next)).status, 201);
      assert.equal((await ended(oldestEvents)).reason, 'evicted');
      assert.equal((await oldest.demo('GET', '/run')).status, 404);
      assert.equal((await recent.demo('GET', '/run')).status, 200, 'the more recently used run stays');
      await eventually(async () => !(await idpKnows(oldestRun.user)), "the evicted run's user is deleted from the identity provider");
      oldestEvents.close();
    });
  });
});

describe('a full server', () => {
  test('a new reader gets the place of the longest-idle run; while every run is in use, 503 with Retry-After', async () => {
    await withServer({ limits: { maxRuns: 3, runActiveMs: 500 } }, async (server) => {
      const readers = ['127.0.0.5', '127.0.0.6', '127.0.0.7'].map((address) => new Browser(server, address));
      const runs: RunSnapshot[] = [];
      for (const reader of readers) runs.push(await reader.startRun(WEBAPP));
      const firstEvents = await readers[0]!.openEvents();
      const newcomer = new Browser(server, '127.0.0.8');
      assertRefused(await startRun(newcomer), 503, /^The demo server is full: all 3 demo runs are in use\. Try again in \d+ seconds?\.$/);

      await sleep(600);
      for (const reader of readers.slice(1)) assert.equal((await reader.get(`${server.origins.store}/`)).status, 200);
      assert.equal((await startRun(newcomer)).status, 201);
      assert.equal((await ended(firstEvents)).reason, 'evicted');
      for (const reader of readers.slice(1)) assert.equal((await reader.demo('GET', '/run')).status, 200, 'runs in use stay');
      await eventually(async () => !(await idpKnows(runs[0]!.user)), "the evicted run's user is deleted from the identity provider");
      firstEvents.close();
    });
  });
});

describe('rate limits per client address', () => {
  test('starting runs: 429 with Retry-After past the limit, and the run the browser had stays', async () => {
    await withServer({ perClient: { runStartsPerMinute: 2 } }, async (server) => {
      const reader = new Browser(server, '127.0.0.9');
      await reader.startRun(WEBAPP);
      const kept = await reader.startRun(SPA);
      assertRefused(await startRun(reader), 429, /^Too many demo runs started from your network address: the public demo allows 2 a minute to each, so that every reader gets a turn\. Try again in \d+ seconds?\.$/);
      const current = await reader.demo('GET', '/run');
      assert.equal(current.status, 200);
      assert.equal(current.json<{ user: { email: string } }>().user.email, kept.user.email, 'the refused start changed nothing');
      assert.equal((await startRun(new Browser(server, '127.0.0.10'))).status, 201, 'another address has its own count');
    });
  });

  test('logins, on the app and on the login host: 429 with Retry-After, shown in the trace, the identity provider never asked', async () => {
    await withServer({ perClient: { loginsPerMinute: 2 } }, async (server) => {
      const reader = new Browser(server, '127.0.0.11');
      const run = await reader.startRun(WEBAPP);
      const events = await reader.openEvents();
      for (let i = 0; i < 2; i += 1) assert.equal((await reader.logInToServerApp(server.origins.store, run.user)).status, 302);
      const refused = await reader.logInToServerApp(server.origins.store, run.user);
      assertRefused(refused, 429, /^Too many logins from your network address: the public demo allows 2 a minute to each/);
      await events.quiet();
      const last = events.responses().at(-1)!;
      assert.equal(`${last.from}→${last.to} ${last.method} ${new URL(last.url).pathname} ${last.response?.status}`, 'Browser→Store POST /login 429', 'the refused login is in the trace');
      assert.match(last.response?.body ?? '', /Too many logins/);
      assert.equal(events.responses().filter((e) => e.from === 'Store' && e.to === 'IdP').length, 2, 'only the allowed logins reached the identity provider');
      events.close();

      const spa = new Browser(server, '127.0.0.11');
      const spaRun = await spa.startRun('spa/native-form-to-idp-same-domain-jwt-refresh-cookies');
      assertRefused(await spa.logInToIdp(server.origins.store, spaRun.user, STORE_APP_ID), 429, /^Too many logins/);
      const elsewhere = new Browser(server, '127.0.0.12');
      const elsewhereRun = await elsewhere.startRun(SPA);
      assert.equal((await elsewhere.logInToIdp(server.origins.store, elsewhereRun.user, STORE_APP_ID)).status, 200, 'another address logs in');
    });
  });

  test('attacks: 429 with Retry-After past the limit', async () => {
    await withServer({ perClient: { attacksPerMinute: 1 } }, async (server) => {
      const reader = new Browser(server, '127.0.0.13');
      const run = await reader.startRun(WEBAPP);
      assert.equal((await reader.logInToServerApp(server.origins.store, run.user)).status, 302);
      assert.equal((await reader.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).status, 200);
      assertRefused(await reader.demo('POST', '/run/attack', { attack: 'stolen-jwt' }), 429, /^Too many attacks from your network address/);
    });
  });
});

describe('X-Forwarded-For', () => {
  test('is ignored unless the request comes from a trusted proxy', async () => {
    await withServer({ perClient: { maxRuns: 1 } }, async (server) => {
      const first = new Browser(server, '127.0.0.14');
      await first.startRun(WEBAPP);
      const posing = new Browser(server, '127.0.0.14');
      const answer = await posing.request('POST', `${server.origins.docs}/__demo/runs`, {
        origin: server.origins.docs,
        json: { workflow: WEBAPP },
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      assert.equal(answer.status, 429, 'a made-up X-Forwarded-For does not make another client');
    });
  });

  test("names the client when its proxy is trusted: the right-most address that is not a trusted proxy's", async () => {
    await withServer({ perClient: { maxRuns: 1 } }, async (server) => {
      const viaProxy = (forwardedFor: string) => {
        const browser = new Browser(server, '127.0.0.15');
        return browser.request('POST', `${server.origins.docs}/__demo/runs`, { origin: server.origins.docs, json: { workflow: WEBAPP }, headers: { 'x-forwarded-for': forwardedFor } });
      };
      assert.equal((await viaProxy('203.0.113.10')).status, 201);
      assert.equal((await viaProxy('203.0.113.11')).status, 201, 'another reader behind the same proxy');
      assert.equal((await viaProxy('198.51.100.7, 203.0.113.10')).status, 429, 'what the client wrote to the left of its own address is not believed');
      assert.equal((await viaProxy('203.0.113.10, 127.0.0.16')).status, 429, 'a chain of trusted proxies is walked through');
      assert.equal((await viaProxy('2001:db8:1:2::5')).status, 201);
      assert.equal((await viaProxy('2001:db8:1:2:ffff::9')).status, 429, 'an IPv6 client counts by its /64 network');
    }, { DEMO_TRUSTED_PROXIES: '127.0.0.15, 127.0.0.16' });
  });
});
