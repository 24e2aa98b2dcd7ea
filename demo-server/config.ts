import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bounds that keep a public deployment from being exhausted by readers or anyone else. */
export interface DemoLimits {
  /** Runs alive at once; one more gets a 503. */
  maxRuns: number;
  /** A run with no request for this long ends, and its user is deleted. */
  runIdleMs: number;
  /** Exchanges kept per run; older ones are dropped (and counted). */
  maxExchanges: number;
  /** Largest request body any host accepts (413 beyond). */
  maxBodyBytes: number;
  /** Request and response bodies are kept in the trace up to this many characters. */
  capturedBodyChars: number;
  /** Open event streams per run (a few tabs of the same article). */
  maxStreamsPerRun: number;
}

export interface DemoServerOptions {
  /** Port for every host; 0 picks a free one. */
  port: number;
  /** Interface to bind. */
  bindAddress: string;
  /** Parent domain of the docs and app hosts. */
  domain: string;
  /** A second registrable domain, for the identity provider on a domain of its own. */
  idpDomain: string;
  /** The built docs site. */
  distDir: string;
  /** Environment for the identity-provider connection (FUSIONAUTH_URL, FUSIONAUTH_API_KEY, IDP_PORT). */
  env: Record<string, string | undefined>;
  limits: DemoLimits;
  log: (line: string) => void;
}

function numberFrom(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not "${raw}"`);
  return value;
}

/** Demo server settings from the environment (documented in demo-server/README.md). */
export function demoServerOptionsFromEnv(env: Record<string, string | undefined> = process.env): DemoServerOptions {
  const domain = env.DEMO_DOMAIN ?? 'example.localhost';
  return {
    port: numberFrom(env, 'PORT', 4400),
    bindAddress: env.DEMO_BIND_ADDRESS ?? '127.0.0.1',
    domain,
    idpDomain: env.DEMO_IDP_DOMAIN ?? domain.replace(/^([^.]+)/, '$1-id'),
    distDir: resolve(env.DEMO_DIST_DIR ?? join(REPO_ROOT, 'dist')),
    env,
    limits: {
      maxRuns: numberFrom(env, 'DEMO_MAX_RUNS', 200),
      runIdleMs: numberFrom(env, 'DEMO_RUN_IDLE_MINUTES', 30) * 60_000,
      maxExchanges: numberFrom(env, 'DEMO_MAX_EXCHANGES', 400),
      maxBodyBytes: 16 * 1024,
      capturedBodyChars: 4096,
      maxStreamsPerRun: 4,
    },
    log: (line) => console.log(`[demo] ${line}`),
  };
}
