import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What one client address (an IPv4 address, or an IPv6 /64 network) may take, so that no reader, or
 * script, can use up the server meant for everyone. Rates count per minute.
 */
export interface ClientLimits {
  /** Live runs at once; at the cap, its own longest-idle run makes room, unless all of them are in use (429). */
  maxRuns: number;
  runStartsPerMinute: number;
  /** Login form posts on the app and login hosts: each one costs the identity provider a password hash. */
  loginsPerMinute: number;
  attacksPerMinute: number;
}

/** Bounds that keep a public deployment from being exhausted by readers or anyone else. */
export interface DemoLimits {
  /** Runs alive at once; when full, the longest-idle run makes room, unless every run is in use (503). */
  maxRuns: number;
  /** A run with no request for this long ends, and its user is deleted. */
  runIdleMs: number;
  /** A run with a request this recent (or an attack under way) is in use: it is never ended to make room. */
  runActiveMs: number;
  /** Exchanges kept per run; older ones are dropped (and counted). */
  maxExchanges: number;
  /** Largest request body any host accepts (413 beyond). */
  maxBodyBytes: number;
  /** Request and response bodies are kept in the trace up to this many characters. */
  capturedBodyChars: number;
  /** Open event streams per run (a few tabs of the same article). */
  maxStreamsPerRun: number;
  perClient: ClientLimits;
}

/** How readers reach the server: the scheme and port of its public origin (a TLS-terminating proxy's, say). */
export interface PublicAddress {
  scheme: 'http' | 'https';
  /** Undefined: the port the server listens on. */
  port: number | undefined;
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
  public: PublicAddress;
  /** Addresses and CIDR ranges of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustedProxies: readonly string[];
  /** The built docs site. */
  distDir: string;
  /** Environment for the identity-provider connection (FUSIONAUTH_URL, FUSIONAUTH_API_KEY, IDP_PORT). */
  env: Record<string, string | undefined>;
  limits: DemoLimits;
  log: (line: string) => void;
}

type Env = Record<string, string | undefined>;

function numberFrom(env: Env, name: string, fallback: number, least = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < least) throw new Error(`${name} must be a number of at least ${least}, not "${raw}"`);
  return value;
}

/** DEMO_PUBLIC_ORIGIN, e.g. https://demo.example.org: the docs host as readers reach it. */
function publicOriginFrom(env: Env): { domain: string; address: PublicAddress } | undefined {
  const raw = env.DEMO_PUBLIC_ORIGIN;
  if (raw === undefined || raw === '') return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`DEMO_PUBLIC_ORIGIN must be an origin such as https://demo.example.org, not "${raw}"`);
  }
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  return { domain: url.hostname, address: { scheme, port: url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port) } };
}

/** DEMO_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (10.0.0.0/8, ::1). */
function trustedProxiesFrom(env: Env): string[] {
  const entries = (env.DEMO_TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (family === 0 || rest.length > 0 || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)))) {
      throw new Error(`DEMO_TRUSTED_PROXIES takes IP addresses and CIDR ranges separated by commas; "${entry}" is neither`);
    }
  }
  return entries;
}

/** Demo server settings from the environment (documented in demo-server/README.md). */
export function demoServerOptionsFromEnv(env: Env = process.env): DemoServerOptions {
  const publicOrigin = publicOriginFrom(env);
  if (publicOrigin && env.DEMO_DOMAIN && env.DEMO_DOMAIN !== publicOrigin.domain) {
    throw new Error(`DEMO_DOMAIN (${env.DEMO_DOMAIN}) and the host of DEMO_PUBLIC_ORIGIN (${publicOrigin.domain}) differ: set one of them`);
  }
  const domain = publicOrigin?.domain ?? env.DEMO_DOMAIN ?? 'example.localhost';
  return {
    port: numberFrom(env, 'PORT', 4400),
    bindAddress: env.DEMO_BIND_ADDRESS ?? '127.0.0.1',
    domain,
    idpDomain: env.DEMO_IDP_DOMAIN ?? domain.replace(/^([^.]+)/, '$1-id'),
    public: publicOrigin?.address ?? { scheme: 'http', port: undefined },
    trustedProxies: trustedProxiesFrom(env),
    distDir: resolve(env.DEMO_DIST_DIR ?? join(REPO_ROOT, 'dist')),
    env,
    limits: {
      maxRuns: numberFrom(env, 'DEMO_MAX_RUNS', 200, 1),
      runIdleMs: numberFrom(env, 'DEMO_RUN_IDLE_MINUTES', 30) * 60_000,
      runActiveMs: numberFrom(env, 'DEMO_RUN_ACTIVE_MINUTES', 5) * 60_000,
      maxExchanges: numberFrom(env, 'DEMO_MAX_EXCHANGES', 400),
      maxBodyBytes: 16 * 1024,
      capturedBodyChars: 4096,
      maxStreamsPerRun: 4,
      perClient: {
        maxRuns: numberFrom(env, 'DEMO_CLIENT_MAX_RUNS', 4, 1),
        runStartsPerMinute: numberFrom(env, 'DEMO_CLIENT_RUN_STARTS_PER_MINUTE', 6, 1),
        loginsPerMinute: numberFrom(env, 'DEMO_CLIENT_LOGINS_PER_MINUTE', 20, 1),
        attacksPerMinute: numberFrom(env, 'DEMO_CLIENT_ATTACKS_PER_MINUTE', 30, 1),
      },
    },
    log: (line) => console.log(`[demo] ${line}`),
  };
}
