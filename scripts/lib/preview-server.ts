/** Serves a built site with `astro preview`, as a static host would, for benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function startPreview(root: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'preview', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(String(port))) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`astro preview exited with ${code}`)));
  });
}
