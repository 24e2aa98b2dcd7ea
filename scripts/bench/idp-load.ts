import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idpConnection } from '../../demo-server/idp-connection.ts';
import { startIdpProcess } from '../../demo-server/idp-process.ts';

// Load on the embedded IdP: 32 concurrent FusionAuth clients over loopback, first logging in
// (POST /api/login), then refreshing (POST /api/jwt/refresh), for a fixed time each. The IdP runs
// as its own process (as `npm run idp` does) on a fresh database built from the demo kickstart.
// IDP_BENCH_SECONDS sets the total time (default 10, half per phase). For the record only.

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

export async function benchIdp(): Promise<string> {
  const totalSeconds = Number(process.env.IDP_BENCH_SECONDS ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'idp-bench-'));
  const idp = await startIdpProcess({ port: 0, dataDir });
  try {
    const connection = idpConnection({ IDP_PORT: String(idp.port) });
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
    await idp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  console.log(await benchIdp());
}
