/**
 * `npm test`: every check of the project in one run, cheapest first, ending
 * with one line `N passed, N failed` that counts every test of every stage.
 *
 *   unit         node:test, pure functions (tests/unit)
 *   layers       dependency-cruiser: one-way imports, no circle (.dependency-cruiser.cjs)
 *   check        astro check + tsc
 *   build        astro build of the real site
 *   integration  node:test against real processes over HTTP (tests/integration)
 *   e2e          Playwright in Chromium against the built site (tests/e2e), then the demo behind a
 *                TLS-terminating proxy (playwright.https.config.ts: tests/e2e/https)
 *
 * Pass stage names to run only those: `npm test -- unit e2e`.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
}

interface Stage {
  name: string;
  run: () => Promise<Tally>;
}

const STAGES: Stage[] = [
  { name: 'unit', run: () => nodeTests('tests/unit/**/*.test.ts') },
  { name: 'layers', run: () => single('npm', ['run', '--silent', 'layers']) },
  { name: 'check', run: async () => sum(await single('npx', ['astro', 'check']), await single('npx', ['tsc', '--noEmit'])) },
  { name: 'build', run: () => single('npx', ['astro', 'build']) },
  { name: 'integration', run: () => nodeTests('tests/integration/**/*.test.ts') },
  { name: 'e2e', run: async () => sum(await playwright('playwright.config.ts', 'test-results/e2e.json'), await playwright('playwright.https.config.ts', 'test-results/e2e-https.json')) },
];

const wanted = process.argv.slice(2);
const total: Tally = { passed: 0, failed: 0 };
for (const stage of STAGES.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  console.log(`\n━━ ${stage.name} ━━`);
  const started = performance.now();
  const tally = await stage.run();
  total.passed += tally.passed;
  total.failed += tally.failed;
  console.log(`━━ ${stage.name}: ${tally.passed} passed, ${tally.failed} failed (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;

async function nodeTests(pattern: string): Promise<Tally> {
  const { code, output } = await run('node', ['--test', '--test-concurrency=2', pattern]);
  const passed = Number(/^ℹ pass (\d+)/m.exec(output)?.[1] ?? 0);
  const failed = Number(/^ℹ fail (\d+)/m.exec(output)?.[1] ?? 0);
  // A crash before any summary still counts as a failure.
  return { passed, failed: failed || (code !== 0 ? 1 : 0) };
}

/** One Playwright run; `report` is where its config writes the JSON report. */
async function playwright(config: string, report: string): Promise<Tally> {
  rmSync(report, { force: true });
  const { code } = await run('npx', ['playwright', 'test', '--config', config]);
  try {
    const { stats } = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
    return { passed: stats.expected, failed: stats.unexpected + stats.flaky || (code !== 0 ? 1 : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

async function single(command: string, args: string[]): Promise<Tally> {
  const { code } = await run(command, args);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

function sum(...tallies: Tally[]): Tally {
  return tallies.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }));
}

/** Runs a command with its output shown live and kept for parsing. */
function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    let output = '';
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
