import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoServerOptionsFromEnv, type DemoServerOptions } from './config.ts';
import { startIdpProcess, waitForStatus, type IdpProcess } from './idp-process.ts';
import { startDemoServer } from './server/demo-server.ts';

export interface DemoWorldOptions {
  /** Environment: PORT, IDP_PORT, IDP_DATA_DIR, FUSIONAUTH_URL, FUSIONAUTH_API_KEY, DEMO_* (see README). */
  env?: Record<string, string | undefined>;
  /** Start the embedded IdP as a child process (ignored when FUSIONAUTH_URL is set). */
  withIdp?: boolean;
  /** Overrides of the demo server settings (e.g. smaller limits in tests). */
  server?: Partial<DemoServerOptions>;
}

export interface DemoWorld {
  /** The URL to open: http://example.localhost:PORT/ */
  url: string;
  port: number;
  /** The identity provider as the server reaches it. */
  idpUrl: string;
  /** Ends the runs (deleting their users), stops the server, then the IdP, and removes a temporary data dir. */
  stop(): Promise<void>;
}

/**
 * The whole demo world: the embedded identity provider (a child process with its data in IDP_DATA_DIR,
 * or a fresh temporary folder) unless FUSIONAUTH_URL names a real FusionAuth, then the demo server.
 * Port 0 (PORT or IDP_PORT) picks free ports, which is what tests use.
 */
export async function startDemoWorld(options: DemoWorldOptions = {}): Promise<DemoWorld> {
  const env = options.env ?? process.env;
  let idp: IdpProcess | null = null;
  let temporaryDataDir: string | null = null;
  const cleanUp = async () => {
    await idp?.stop();
    if (temporaryDataDir) rmSync(temporaryDataDir, { recursive: true, force: true });
  };

  try {
    let idpEnv = env;
    if (options.withIdp && !env.FUSIONAUTH_URL) {
      const dataDir = env.IDP_DATA_DIR ?? (temporaryDataDir = mkdtempSync(join(tmpdir(), 'demo-idp-')));
      idp = await startIdpProcess({ port: Number(env.IDP_PORT ?? 9011), dataDir, env, detached: true });
      idpEnv = { ...env, IDP_PORT: String(idp.port) };
    }
    const serverOptions = { ...demoServerOptionsFromEnv(idpEnv), ...options.server };
    const idpUrl = idp?.url ?? (env.FUSIONAUTH_URL ?? `http://127.0.0.1:${env.IDP_PORT ?? 9011}`).replace(/\/$/, '');
    if (!idp) await waitForStatus(idpUrl);
    const server = await startDemoServer(serverOptions);
    return {
      url: server.url,
      port: server.port,
      idpUrl,
      async stop() {
        await server.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
