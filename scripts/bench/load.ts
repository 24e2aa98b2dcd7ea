import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WEBAPP, originsFor, type Answer, type TestWorld } from '../../tests/integration/demo/harness.ts';
import { startIdpProcess } from '../../demo-server/idp-process.ts';
import { startServerProcess } from '../../demo-server/server-process.ts';
import { TimedBrowser, type Timing } from '../../tests/integration/faults/timed-browser.ts';

// Load on the live demo: simulated readers, each doing complete web-app runs over HTTP in a loop
// (start a run, Store home, login form, POST /login, cart, JWT expiry, cart again which refreshes,
// end the run). The demo server and the embedded IdP (fresh temporary database) run in their own
// processes, so the memory figures are theirs, not the load generator's.
//   benchLoad: LOAD_READERS (default 50) for LOAD_SECONDS (default 60).
//   benchSoak: SOAK_READERS (default 10) for SOAK_SECONDS (default 300), memory sampled every 10 s.
// Errors are 5xx answers and transport failures; a run that gets an unexpected 4xx counts as failed.

const SAMPLE_EVERY_MS = 10_000;
/** A failed run is retried after this pause, so a dead server is not hammered in a tight loop. */
const PAUSE_AFTER_FAILURE_MS = 200;

interface Tally {
  latencies: number[];
  errors: number;
  runs: number;
  failedRuns: number;
  /** Why runs failed, by first line of the message. */
  failures: Map<string, number>;
}

interface MemorySample {
  atSeconds: number;
  demo: number;
  idp: number;
}

interface LoadResult {
  readers: number;
  seconds: number;
  tally: Tally;
  samples: MemorySample[];
  peak: { demo: number; idp: number };
}

function expectStatus(answer: Answer, status: number, step: string): Answer {
  if (answer.status !== status) throw new Error(`${step}: HTTP ${answer.status} instead of ${status}`);
  return answer;
}

/** One reader's complete run of the web-app workflow, as its article walks it. */
async function webappRun(browser: TimedBrowser): Promise<void> {
  const { store } = browser.world.origins;
  const run = await browser.startRun(WEBAPP);
  try {
    expectStatus(await browser.get(`${store}/`), 200, 'home');
    expectStatus(await browser.logInToServerApp(store, run.user), 302, 'POST /login');
    expectStatus(await browser.get(`${store}/shopping-cart`), 200, 'cart');
    expectStatus(await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' }), 200, 'clock jump');
    const refreshed = expectStatus(await browser.get(`${store}/shopping-cart`), 200, 'cart after the JWT expired');
    if (!refreshed.setCookies.some((cookie) => cookie.startsWith('access_token='))) throw new Error('cart after the JWT expired: no refreshed JWT');
  } finally {
    await browser.demo('DELETE', '/run');
    // What Clear-Site-Data does in a real browser.
    browser.jar = [];
  }
}

async function reader(world: TestWorld, tally: Tally, deadline: number): Promise<void> {
  const browser = new TimedBrowser(world, (timing: Timing) => {
    tally.latencies.push(timing.latencyMs);
    if (timing.status === null || timing.status >= 500) tally.errors++;
  });
  while (performance.now() < deadline) {
    try {
      await webappRun(browser);
      tally.runs++;
    } catch (error) {
      tally.failedRuns++;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 120);
      tally.failures.set(reason, (tally.failures.get(reason) ?? 0) + 1);
      await sleep(PAUSE_AFTER_FAILURE_MS);
    }
  }
}

/** A process's current (VmRSS) or peak (VmHWM) resident memory in bytes, from Linux's /proc. */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]) * 1024;
}

async function driveLoad(readers: number, seconds: number): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'load-idp-'));
  const idp = await startIdpProcess({ port: 0, dataDir });
  try {
    const demo = await startServerProcess({
      script: 'demo-server/main.ts',
      env: { ...process.env, PORT: '0', IDP_PORT: String(idp.port) },
      ready: /Demo running: open http:\/\/[^:\s]+:(\d+)/,
    });
    try {
      const world: TestWorld = { url: `${originsFor(demo.port).docs}/`, port: demo.port, idpUrl: idp.url, origins: originsFor(demo.port), stop: () => demo.stop() };
      const started = performance.now();
      const samples: MemorySample[] = [];
      const sample = () => samples.push({ atSeconds: Math.round((performance.now() - started) / 1000), demo: memoryOf(demo.pid, 'VmRSS'), idp: memoryOf(idp.pid, 'VmRSS') });
      sample();
      const sampler = setInterval(sample, SAMPLE_EVERY_MS);
      const tally: Tally = { latencies: [], errors: 0, runs: 0, failedRuns: 0, failures: new Map() };
      try {
        await Promise.all(Array.from({ length: readers }, () => reader(world, tally, started + seconds * 1000)));
      } finally {
        clearInterval(sampler);
      }
      sample();
      const elapsed = (performance.now() - started) / 1000;
      return { readers, seconds: elapsed, tally, samples, peak: { demo: memoryOf(demo.pid, 'VmHWM'), idp: memoryOf(idp.pid, 'VmHWM') } };
    } finally {
      await demo.stop();
    }
  } finally {
    await idp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const perSecond = (count: number, seconds: number) => `${(count / seconds).toFixed(1)}/s`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function summary(result: LoadResult): string[] {
  const { tally, seconds } = result;
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  return [
    `  runs       ${perSecond(tally.runs, seconds).padStart(9)}   (${tally.runs} complete, ${tally.failedRuns} failed)`,
    `  requests   ${perSecond(sorted.length, seconds).padStart(9)}   p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms   (n=${sorted.length})`,
    `  errors     ${tally.errors} (5xx or transport)`,
    ...[...tally.failures].map(([reason, count]) => `    ${count}× ${reason}`),
    `  peak RSS   demo server ${mb(result.peak.demo)}   IdP ${mb(result.peak.idp)}`,
  ];
}

export async function benchLoad(): Promise<string[]> {
  const result = await driveLoad(Number(process.env.LOAD_READERS ?? 50), Number(process.env.LOAD_SECONDS ?? 60));
  return [`Demo under load: ${result.readers} readers doing web-app runs over HTTP for ${result.seconds.toFixed(0)} s`, ...summary(result)];
}

export async function benchSoak(): Promise<string[]> {
  const result = await driveLoad(Number(process.env.SOAK_READERS ?? 10), Number(process.env.SOAK_SECONDS ?? 300));
  // The first sample is taken idle, before the servers' heaps and JIT warm up; growth from the
  // first sample under load is what would show a leak.
  const { samples } = result;
  const idle = samples[0]!;
  const start = samples[1] ?? idle;
  const end = samples.at(-1) ?? start;
  return [
    `Soak: ${result.readers} readers doing web-app runs over HTTP for ${result.seconds.toFixed(0)} s, RSS every ${SAMPLE_EVERY_MS / 1000} s`,
    '     t   demo server          IdP',
    ...samples.map((s) => `  ${String(s.atSeconds).padStart(4)} s ${mb(s.demo).padStart(12)} ${mb(s.idp).padStart(12)}`),
    ...summary(result),
    `  RSS        demo server ${mb(start.demo)} at ${start.atSeconds} s → ${mb(end.demo)} at ${end.atSeconds} s;   IdP ${mb(start.idp)} → ${mb(end.idp)}   (idle before the load: ${mb(idle.demo)}, ${mb(idle.idp)})`,
  ];
}

if (import.meta.main) console.log((await benchLoad()).join('\n'));
