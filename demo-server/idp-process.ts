import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const IDP_MAIN = join(dirname(fileURLToPath(import.meta.url)), 'idp', 'main.ts');
const STARTUP_TIMEOUT_MS = 20_000;

export interface IdpProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Runs the embedded identity provider (`demo-server/idp/main.ts`) as a child process with its data in
 * `dataDir`, and resolves once its /api/status answers. Port 0 lets it pick a free port.
 */
export async function startIdpProcess(options: { port: number; dataDir: string; env?: Record<string, string | undefined> }): Promise<IdpProcess> {
  // Its own process group: Ctrl-C in the terminal reaches only the parent, which still needs the
  // IdP to delete the runs' users before stopping it.
  const child = spawn(process.execPath, [IDP_MAIN], {
    env: { ...(options.env ?? process.env), IDP_PORT: String(options.port), IDP_HOST: '127.0.0.1', IDP_DATA_DIR: options.dataDir, IDP_EXIT_WITH_PARENT: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  let output = '';
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The identity provider did not start within ${STARTUP_TIMEOUT_MS / 1000} s.\n${output}`)), STARTUP_TIMEOUT_MS);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The identity provider exited (code ${code}) while starting.\n${output}`));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForStatus(url);
    // Keep draining its log so the pipe never fills.
    child.stdout.resume();
    return { url, port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
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
