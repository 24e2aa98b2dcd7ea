import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { demoServerOptionsFromEnv } from '../../demo-server/config.ts';
import { startIdpProcess } from '../../demo-server/idp-process.ts';
import type { AttackResult } from '../../demo-server/protocol.ts';
import { startServerProcess } from '../../demo-server/server-process.ts';
import { originsFor, type Answer, type TestWorld } from '../../tests/integration/demo/harness.ts';
import { TimedBrowser, type Timing } from '../../tests/integration/faults/timed-browser.ts';
import { freePort, heapAfterGc } from './heap.ts';

// Load on the live demo as a public server meets it: simulated readers, each on a loopback address
// of its own (127.0.0.10, .11, …: a client address each, as readers on other networks are), each
// walking the seed workflow over real HTTP again and again, with its panel's event stream open:
// login, refresh, expiry, re-login, the Forums, the attacks. The demo server keeps its default
// limits; a reader pauses LOAD_THINK_MS between actions, which keeps a quick reader within them.
// The demo server and the embedded IdP (fresh temporary database) run in their own processes, so
// the memory figures are theirs.
//
// Then memory: every reader holds as many finished walkthroughs as its address may keep (runs left
// open, full traces), which gives the server's RSS per live run; and once all runs have ended,
// whether RSS and the identity provider's users are back where they started.
//   LOAD_READERS (50), LOAD_SECONDS (300), LOAD_THINK_MS (800), LOAD_SETTLE_SECONDS (60: at least the
//   rate limits' one-minute window, so the memory phase starts with fresh counts).
// Errors are 5xx answers and transport failures; 429s (the limits) are counted apart; a walkthrough
// that gets any other unexpected answer counts as failed, with its reason.

const SEED = 'webapp/native-form-to-backend-jwt-refresh-cookies';
const SAMPLE_EVERY_MS = 10_000;
/** Long enough for the one-minute rate-limit windows to end and for the servers' heaps to settle. */
const SETTLE_MS = Number(process.env.LOAD_SETTLE_SECONDS ?? 60) * 1000;
const PAUSE_AFTER_FAILURE_MS = 1000;

interface Tally {
  latencies: Map<string, number[]>;
  errors: number;
  refusedByLimits: number;
  walkthroughs: number;
  failed: number;
  failures: Map<string, number>;
  liveRuns: number;
  peakLiveRuns: number;
}

interface Memory {
  demo: number;
  idp: number;
  /** The demo server's live JavaScript heap after a full collection (its RSS is read right after one). */
  demoHeap: number;
}

const newTally = (): Tally => ({ latencies: new Map(), errors: 0, refusedByLimits: 0, walkthroughs: 0, failed: 0, failures: new Map(), liveRuns: 0, peakLiveRuns: 0 });

const address = (reader: number) => `127.0.${Math.floor((reader + 10) / 256)}.${(reader + 10) % 256}`;

function expect(answer: Answer, status: number, step: string): Answer {
  if (answer.status !== status) throw new Error(`${step}: HTTP ${answer.status} instead of ${status}`);
  return answer;
}

async function attack(browser: TimedBrowser, kind: 'stolen-refresh-token' | 'stolen-jwt', succeeds: boolean): Promise<void> {
  const result = expect(await browser.demo('POST', '/run/attack', { attack: kind }), 200, kind).json<AttackResult>();
  if (result.succeeded !== succeeds) throw new Error(`${kind}: ${succeeds ? 'refused' : 'succeeded'} (${result.summary})`);
}

/**
 * The seed walkthrough (tests/e2e/walkthroughs/webapp/native-form-to-backend-jwt-refresh-cookies.ts)
 * as the requests a reader's browser and panel make. Ends the run unless `keep`.
 */
async function seedWalkthrough(browser: TimedBrowser, tally: Tally, think: () => Promise<unknown>, keep = false): Promise<void> {
  const { store, forums } = browser.world.origins;
  const jump = async (to: string) => expect(await browser.demo('POST', '/run/clock', { jump: to }), 200, `clock: ${to}`);
  const run = await browser.startRun(SEED);
  tally.liveRuns++;
  tally.peakLiveRuns = Math.max(tally.peakLiveRuns, tally.liveRuns);
  const events = await browser.openEvents();
  try {
    const steps: (() => Promise<unknown>)[] = [
      async () => expect(await browser.get(`${store}/`), 200, 'Store home'),
      async () => expect(await browser.logInToServerApp(store, run.user), 302, 'log in'),
      async () => expect(await browser.get(`${store}/shopping-cart`), 200, 'cart'),
      async () => {
        await jump('jwt-expires');
        const refreshed = expect(await browser.get(`${store}/shopping-cart`), 200, 'cart after the JWT expired');
        if (!refreshed.setCookies.some((cookie) => cookie.startsWith('access_token='))) throw new Error('cart after the JWT expired: no refreshed JWT');
      },
      async () => (await jump('jwt-expires'), expect(await browser.get(`${store}/`), 200, 'home renews the JWT')),
      async () => (await jump('refresh-token-expires'), expect(await browser.get(`${store}/shopping-cart`), 302, 'cart after the refresh token expired')),
      async () => expect(await browser.logInToServerApp(store, run.user), 302, 'log in again'),
      async () => expect(await browser.get(`${forums}/`), 200, 'Forums home'),
      async () => {
        const login = expect(await browser.logInToServerApp(forums, run.user), 302, 'log in to the Forums');
        expect(await browser.get(`${forums}${login.headers.location}`), 200, 'Forums after the login');
      },
      () => attack(browser, 'stolen-refresh-token', true),
      () => attack(browser, 'stolen-jwt', true),
      async () => (await jump('jwt-expires'), attack(browser, 'stolen-jwt', false)),
      () => attack(browser, 'stolen-refresh-token', true),
      async () => (await jump('refresh-token-expires'), attack(browser, 'stolen-refresh-token', false)),
    ];
    for (const step of steps) {
      await think();
      await step();
    }
  } finally {
    events.close();
    if (!keep) {
      await browser.demo('DELETE', '/run');
      tally.liveRuns--;
      // What Clear-Site-Data does in a real browser.
      browser.jar = [];
    }
  }
}

/** A browser on `localAddress` whose every request is timed, by host. */
function browserFor(world: TestWorld, tally: Tally, localAddress: string): TimedBrowser {
  return new TimedBrowser(
    world,
    (timing: Timing) => {
      const host = new URL(timing.url).hostname;
      if (!tally.latencies.has(host)) tally.latencies.set(host, []);
      tally.latencies.get(host)!.push(timing.latencyMs);
      if (timing.status === null || timing.status >= 500) tally.errors++;
      if (timing.status === 429) tally.refusedByLimits++;
    },
    localAddress,
  );
}

async function reader(world: TestWorld, tally: Tally, index: number, deadline: number, thinkMs: number): Promise<void> {
  const browser = browserFor(world, tally, address(index));
  // Readers do not start in step.
  await sleep(Math.random() * thinkMs * 4);
  while (performance.now() < deadline) {
    try {
      await seedWalkthrough(browser, tally, () => sleep(thinkMs));
      tally.walkthroughs++;
    } catch (error) {
      tally.failed++;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 120);
      tally.failures.set(reason, (tally.failures.get(reason) ?? 0) + 1);
      await sleep(PAUSE_AFTER_FAILURE_MS);
    }
  }
}

/** A process's current (VmRSS) resident memory in bytes, from Linux's /proc. */
function rssOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function benchLoad(): Promise<string[]> {
  const readers = Number(process.env.LOAD_READERS ?? 50);
  const seconds = Number(process.env.LOAD_SECONDS ?? 300);
  const thinkMs = Number(process.env.LOAD_THINK_MS ?? 800);
  const perClient = demoServerOptionsFromEnv({}).limits.perClient;

  const dataDir = mkdtempSync(join(tmpdir(), 'load-idp-'));
  const idp = await startIdpProcess({ port: 0, dataDir });
  const idpUsers = () => {
    const db = new DatabaseSync(join(dataDir, 'idp.sqlite'), { readOnly: true });
    try {
      return Number((db.prepare('SELECT COUNT(*) AS users FROM users').get() as { users: number }).users);
    } finally {
      db.close();
    }
  };
  try {
    const inspectPort = await freePort();
    const demo = await startServerProcess({
      script: 'demo-server/main.ts',
      env: { ...process.env, PORT: '0', IDP_PORT: String(idp.port), NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` },
      ready: /Demo running: open http:\/\/[^:\s]+:(\d+)/,
    });
    try {
      const world: TestWorld = { url: `${originsFor(demo.port).docs}/`, port: demo.port, idpUrl: idp.url, origins: originsFor(demo.port), stop: () => demo.stop() };
      // The collection first, so that the demo server's RSS is read without garbage waiting in it.
      const memory = async (): Promise<Memory> => {
        const demoHeap = await heapAfterGc(inspectPort);
        return { demo: rssOf(demo.pid), idp: rssOf(idp.pid), demoHeap };
      };
      const usersBefore = idpUsers();
      const idle = await memory();

      // The load.
      const tally = newTally();
      const started = performance.now();
      // RSS only while under load: a full collection would stall the server being measured.
      let peak = { demo: idle.demo, idp: idle.idp };
      const sampler = setInterval(() => {
        peak = { demo: Math.max(peak.demo, rssOf(demo.pid)), idp: Math.max(peak.idp, rssOf(idp.pid)) };
      }, SAMPLE_EVERY_MS);
      try {
        await Promise.all(Array.from({ length: readers }, (_, index) => reader(world, tally, index, started + seconds * 1000, thinkMs)));
      } finally {
        clearInterval(sampler);
      }
      const elapsed = (performance.now() - started) / 1000;
      await sleep(SETTLE_MS);
      const afterLoad = await memory();

      // Memory per live run: each reader keeps as many finished walkthroughs as its address may hold.
      const holding = newTally();
      const holders = Array.from({ length: readers }, (_, index) => Array.from({ length: perClient.maxRuns }, () => browserFor(world, holding, address(index))));
      await Promise.all(holders.map(async (browsers) => {
        for (const browser of browsers) await seedWalkthrough(browser, holding, async () => undefined, true).catch(() => holding.failed++);
      }));
      await sleep(SAMPLE_EVERY_MS);
      const held = await memory();
      const heldRuns = holding.liveRuns;
      const usersHeld = idpUsers();
      for (const browser of holders.flat()) await browser.demo('DELETE', '/run');
      await sleep(SETTLE_MS);
      const after = await memory();
      const usersAfter = idpUsers();

      const requests = [...tally.latencies.values()].reduce((sum, list) => sum + list.length, 0);
      return [
        `Load: ${readers} readers (a loopback address each), walking ${SEED} over HTTP with the panel's event stream open,`,
        `      ${thinkMs} ms between actions, for ${elapsed.toFixed(0)} s, against the default limits`,
        `  walkthroughs  ${tally.walkthroughs} complete, ${tally.failed} failed   (${(tally.walkthroughs / elapsed * 60).toFixed(0)} a minute)`,
        ...[...tally.failures].map(([reason, count]) => `    ${count}× ${reason}`),
        `  requests      ${(requests / elapsed).toFixed(1)}/s`,
        `  errors        ${tally.errors} (5xx or transport);  ${tally.refusedByLimits} refused by the limits (429)`,
        '  latency       host                                  p50        p99        n',
        ...[...tally.latencies].sort().map(([host, list]) => {
          const sorted = [...list].sort((a, b) => a - b);
          return `                ${host.padEnd(34)} ${percentile(sorted, 50).toFixed(1).padStart(7)} ms ${percentile(sorted, 99).toFixed(1).padStart(7)} ms ${String(sorted.length).padStart(8)}`;
        }),
        `  RSS           demo server: idle ${mb(idle.demo)}, peak under load ${mb(peak.demo)} (${tally.peakLiveRuns} live runs at most), ${SETTLE_MS / 1000} s after ${mb(afterLoad.demo)}`,
        `                IdP:         idle ${mb(idle.idp)}, peak under load ${mb(peak.idp)}, ${SETTLE_MS / 1000} s after ${mb(afterLoad.idp)}`,
        `  per live run  ${heldRuns} finished walkthroughs held open (${holding.failed} failed, ${holding.errors} errors, ${holding.refusedByLimits} refused):`,
        `                demo server RSS ${mb(afterLoad.demo)} → ${mb(held.demo)}, ${kb((held.demo - afterLoad.demo) / heldRuns)} a run;` +
          ` heap after GC ${mb(afterLoad.demoHeap)} → ${mb(held.demoHeap)}, ${kb((held.demoHeap - afterLoad.demoHeap) / heldRuns)} a run; IdP RSS ${mb(afterLoad.idp)} → ${mb(held.idp)}`,
        `  after         all runs ended, ${SETTLE_MS / 1000} s later: demo server heap after GC ${mb(after.demoHeap)} (idle before the load: ${mb(idle.demoHeap)}),` +
          ` RSS ${mb(after.demo)}; IdP RSS ${mb(after.idp)}`,
        `  IdP users     ${usersBefore} before, ${usersHeld} with ${heldRuns} runs held, ${usersAfter} after they ended`,
      ];
    } finally {
      await demo.stop();
    }
  } finally {
    await idp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) console.log((await benchLoad()).join('\n'));
