import { startServerProcess, type ServerProcess } from './server-process.ts';

const STARTUP_TIMEOUT_MS = 20_000;

export interface IdpProcess extends ServerProcess {
  /** Base URL on loopback. */
  url: string;
}

/**
 * Runs the embedded identity provider (`demo-server/idp/main.ts`) as a child process with its data in
 * `dataDir`, and resolves once its /api/status answers. Port 0 lets it pick a free one.
 */
export async function startIdpProcess(options: { port: number; dataDir: string; env?: Record<string, string | undefined>; detached?: boolean }): Promise<IdpProcess> {
  const { FUSIONAUTH_URL: _notForTheEmbeddedIdp, ...env } = options.env ?? process.env;
  const idp = await startServerProcess({
    script: 'demo-server/idp/main.ts',
    env: { ...env, IDP_PORT: String(options.port), IDP_HOST: '127.0.0.1', IDP_DATA_DIR: options.dataDir, IDP_EXIT_WITH_PARENT: '1' },
    ready: /listening on http:\/\/[^:\s]+:(\d+)/,
    detached: options.detached ?? false,
  });
  const url = `http://127.0.0.1:${idp.port}`;
  try {
    await waitForStatus(url);
  } catch (error) {
    await idp.stop('SIGKILL');
    throw error;
  }
  return { ...idp, url };
}

/** Polls /api/status until the identity provider answers 200 (FusionAuth's health check). */
export async function waitForStatus(url: string, timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/status`)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`No identity provider answered at ${url}/api/status.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
