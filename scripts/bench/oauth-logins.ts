import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idpConnection } from '../../demo-server/idp-connection.ts';
import { startIdpProcess } from '../../demo-server/idp-process.ts';

// Full authorization-code logins on the embedded IdP: 32 concurrent clients over loopback, each
// repeating GET /oauth2/authorize (state + PKCE S256) → POST /oauth2/authorize (the hosted login
// form) → 302 with the code → the code exchange through @fusionauth/typescript-client, as the Store's
// backend does it. The IdP runs as its own process (as `npm run idp` does) on a fresh database built
// from the demo kickstart, with OAUTH_BENCH_USERS test users (default 32) registered to the Store.
// OAUTH_BENCH_SECONDS sets the time (default 10). For the record only.

const CLIENTS = 32;
const PASSWORD = 'oauth-bench-password';
const LEGS = ['authorize page', 'login form', 'code exchange'] as const;

interface Tally {
  logins: number[];
  legs: number[][];
  errors: number;
  /** Why logins failed, by message. */
  failures: Map<string, number>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function line(name: string, latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `  ${name.padEnd(15)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms`;
}

/** Times `step`, adding its duration to `into`. */
async function timed<T>(into: number[], step: () => Promise<T>): Promise<T> {
  const begin = performance.now();
  const result = await step();
  into.push(performance.now() - begin);
  return result;
}

export async function benchOAuthLogins(): Promise<string> {
  const seconds = Number(process.env.OAUTH_BENCH_SECONDS ?? 10);
  const userCount = Number(process.env.OAUTH_BENCH_USERS ?? CLIENTS);
  const dataDir = mkdtempSync(join(tmpdir(), 'idp-oauth-bench-'));
  const idp = await startIdpProcess({ port: 0, dataDir });
  try {
    const connection = idpConnection({ IDP_PORT: String(idp.port) });
    const client = connection.client();
    const { store } = connection;
    const redirectUri = 'http://store.example.localhost:4400/oauth-redirect';

    const emails = Array.from({ length: userCount }, (_, index) => `oauth-bench-${index}@example.com`);
    for (const email of emails) {
      await client.register(undefined as unknown as string, {
        user: { email, password: PASSWORD },
        registration: { applicationId: store.id },
        skipVerification: true,
      });
    }

    /** One complete login; each leg's time goes into `legs`. Throws on anything unexpected. */
    async function login(email: string, legs: number[][]): Promise<void> {
      const verifier = randomBytes(32).toString('base64url');
      const state = randomBytes(16).toString('base64url');
      const parameters = {
        client_id: store.id,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid offline_access',
        state,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      };
      await timed(legs[0]!, async () => {
        const page = await fetch(`${idp.url}/oauth2/authorize?${new URLSearchParams(parameters)}`, { redirect: 'manual' });
        await page.text();
        if (page.status !== 200) throw new Error(`authorize page: HTTP ${page.status}`);
      });
      const code = await timed(legs[1]!, async () => {
        const answer = await fetch(`${idp.url}/oauth2/authorize`, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ ...parameters, loginId: email, password: PASSWORD }),
        });
        await answer.text();
        if (answer.status !== 302) throw new Error(`login form: HTTP ${answer.status}`);
        const location = new URL(answer.headers.get('location') ?? '');
        if (location.searchParams.get('state') !== state) throw new Error('login form: state not echoed');
        const found = location.searchParams.get('code');
        if (!found) throw new Error(`login form: no code (${location.searchParams.get('error_reason')})`);
        return found;
      });
      await timed(legs[2]!, async () => {
        try {
          const { response } = await client.exchangeOAuthCodeForAccessTokenUsingPKCE(code, store.id, store.clientSecret, redirectUri, verifier);
          if (!response.access_token || !response.refresh_token) throw new Error('code exchange: no tokens');
        } catch (error) {
          const rejected = error as { statusCode?: number; exception?: { error_reason?: string } };
          if (error instanceof Error) throw error;
          throw new Error(`code exchange: HTTP ${rejected.statusCode} ${rejected.exception?.error_reason ?? ''}`.trim());
        }
      });
    }

    const tally: Tally = { logins: [], legs: LEGS.map(() => []), errors: 0, failures: new Map() };
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, index) => {
        const email = emails[index % emails.length]!;
        while (performance.now() < deadline) {
          const begin = performance.now();
          // Legs are kept only for complete logins, so every figure describes the same set.
          const legs: number[][] = LEGS.map(() => []);
          try {
            await login(email, legs);
            tally.logins.push(performance.now() - begin);
            legs.forEach((times, leg) => tally.legs[leg]!.push(...times));
          } catch (error) {
            tally.errors++;
            const message = error instanceof Error ? error.message : String(error);
            tally.failures.set(message, (tally.failures.get(message) ?? 0) + 1);
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;

    return [
      `Authorization-code logins on the embedded IdP: ${CLIENTS} concurrent clients on loopback for ${seconds} s, ${userCount} users`,
      `  ${(tally.logins.length / elapsed).toFixed(1)} logins/s   (n=${tally.logins.length}, errors=${tally.errors})`,
      line('whole login', tally.logins),
      ...LEGS.map((name, leg) => line(name, tally.legs[leg]!)),
      ...[...tally.failures].map(([message, count]) => `  failed ${count}×: ${message}`),
    ].join('\n');
  } finally {
    await idp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  console.log(await benchOAuthLogins());
}
