import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STARTUP_TIMEOUT_MS = 20_000;

export interface ServerProcess {
  pid: number;
  port: number;
  /** Sends `signal` (SIGTERM: a clean stop; SIGKILL: a crash) and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerProcessOptions {
  /** Script to run with this Node, relative to the repository root. */
  script: string;
  env: Record<string, string | undefined>;
  /** Matches the line it prints once it listens; the first group is the port. */
  ready: RegExp;
  /**
   * Its own process group, so Ctrl-C in a terminal reaches only the parent, which may still need
   * it (the demo server deletes the runs' users from the IdP before stopping it).
   */
  detached?: boolean;
}

/**
 * One of the demo's servers (`demo-server/idp/main.ts`, `demo-server/main.ts`) as a child process,
 * resolved once it listens. It never outlives the caller: killed on exit, and given a stdin pipe
 * whose closing it can watch.
 */
export async function startServerProcess({ script, env, ready, detached = false }: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'], detached });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };

  let output = '';
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start within ${STARTUP_TIMEOUT_MS / 1000} s.\n${output}`)), STARTUP_TIMEOUT_MS);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = ready.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${script} exited while starting (code ${child.exitCode}).\n${output}`));
      });
    });
    // Keep draining its log so the pipe never fills.
    child.stdout.removeAllListeners('data');
    child.stdout.resume();
    return { pid: child.pid!, port, stop };
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
}
