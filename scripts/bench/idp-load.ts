import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { idpConnection } from '../../demo-server/idp-connection.ts';

// Load on the embedded IdP: 32 concurrent FusionAuth clients over loopback, first logging in
// (POST /api/login), then refreshing (POST /api/jwt/refresh), for a fixed time each. The IdP runs
// as its own process (as `npm run idp` does) on a fresh database built from the demo kickstart.
// IDP_BENCH_SECONDS sets the total time (default 10, half per phase). For the record only.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIENTS = 32;

interface PhaseResult {
  name: string;
  latencies: number[];
  errors: number;
  seconds: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function describe(result: PhaseResult): string {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const rate = (result.latencies.length / result.seconds).toFixed(1);
  return `  ${result.name.padEnd(10)} ${rate.padStart(8)}/s   p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms   (n=${result.latencies.length}, errors=${result.errors})`;
}

/** Runs `operation` in CLIENTS parallel loops for `seconds`, timing each call. */
async function phase(name: string, seconds: number, operation: (client: number) => Promise<void>): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (performance.now() < deadline) {
        const begin = performance.now();
        try {
          await operation(client);
          latencies.push(performance.now() - begin);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { name, latencies, errors, seconds: (performance.now() - started) / 1000 };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export async function benchIdp(): Promise<string> {
  const totalSeconds = Number(process.env.IDP_BENCH_SECONDS ?? 10);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'idp-bench-'));
  const idp = spawn(join(ROOT, 'node_modules/.bin/node'), ['demo-server/idp/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, IDP_PORT: String(port), IDP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      idp.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening on')) resolve();
      });
      idp.once('exit', (code) => reject(new Error(`the IdP exited with ${code}`)));
    });
    const connection = idpConnection({ IDP_PORT: String(port) });
    const client = connection.client();
    const credentials = { loginId: connection.demoUser.email, password: connection.demoUser.password, applicationId: connection.store.id };
    const refreshTokens: string[] = [];

    const logins = await phase('logins', totalSeconds / 2, async (index) => {
      const { response } = await client.login(credentials);
      refreshTokens[index] = response.refreshToken ?? '';
    });
    const refreshes = await phase('refreshes', totalSeconds / 2, async (index) => {
      await client.exchangeRefreshTokenForJWT({ refreshToken: refreshTokens[index] ?? '' });
    });
    return [
      `Embedded IdP under load: ${CLIENTS} concurrent clients on loopback, ${totalSeconds / 2} s per phase`,
      describe(logins),
      describe(refreshes),
    ].join('\n');
  } finally {
    idp.kill('SIGTERM');
    await once(idp, 'exit');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchIdp());
}
