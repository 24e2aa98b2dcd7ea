/**
 * `npm start`: builds the site when dist/ is missing or older than its sources, starts the embedded
 * identity provider (data in demo-server/.data/; skipped when FUSIONAUTH_URL names a real
 * FusionAuth) and the demo server, then prints the one URL to open. Ctrl-C stops everything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { stopOnSignals } from '../demo-server/stop-on-signals.ts';
import { startDemoWorld } from '../demo-server/world.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = ['src', 'content', 'diagrams', 'astro.config.mjs', 'package.json'];
const BUILT = path.join(ROOT, 'dist/index.html');

function newestChange(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((child) => newestChange(path.join(entry, child))));
}

if (!existsSync(BUILT) || Math.max(...SOURCES.map(newestChange)) > statSync(BUILT).mtimeMs) {
  console.log('Building the site…');
  const build = spawnSync('npx', ['astro', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const world = await startDemoWorld({
  withIdp: true,
  env: { ...process.env, IDP_DATA_DIR: process.env['IDP_DATA_DIR'] ?? path.join(ROOT, 'demo-server/.data') },
}).catch((error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(`\nOpen ${world.url}  (Ctrl-C to stop)\n`);

stopOnSignals(() => world.stop());
