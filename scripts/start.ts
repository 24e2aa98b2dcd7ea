/**
 * `npm start`: builds the site when dist/ is missing or older than its sources,
 * then serves it and prints the one URL to open. Ctrl-C stops it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = ['src', 'content', 'diagrams', 'astro.config.mjs', 'package.json'];
const BUILT = path.join(ROOT, 'dist/index.html');
const PORT = Number(process.env['PORT'] ?? 4400);

function newestChange(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((child) => newestChange(path.join(entry, child))));
}

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
if (!existsSync(BUILT) || Math.max(...SOURCES.map(newestChange)) > statSync(BUILT).mtimeMs) {
  console.log('Building the site…');
  const build = spawnSync('npx', ['astro', 'build'], { cwd: ROOT, stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(PORT)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env });
server.stdout.once('data', () => console.log(`\nOpen http://localhost:${PORT}/  (Ctrl-C to stop)\n`));
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
