/**
 * A disposable copy of this project, so a test can break a source file and
 * run the real build without touching the checkout. The copy lives inside the
 * project (in the git-ignored .test-projects/) so it resolves the project's
 * node_modules by the ordinary upward lookup: Vite refuses a symlinked one.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COPIES = path.join(ROOT, '.test-projects');
const SKIP = new Set(['node_modules', 'dist', '.astro', '.git', 'test-results', 'playwright-report', '.scratch', '.data', '.test-projects']);

export interface CommandResult {
  code: number;
  output: string;
}

export class ProjectCopy {
  readonly root: string;

  constructor() {
    mkdirSync(COPIES, { recursive: true });
    this.root = mkdtempSync(path.join(COPIES, 'copy-'));
    for (const entry of readdirSync(ROOT)) {
      if (!SKIP.has(entry)) cpSync(path.join(ROOT, entry), path.join(this.root, entry), { recursive: true });
    }
  }

  edit(file: string, change: (text: string) => string): void {
    const target = path.join(this.root, file);
    const before = readFileSync(target, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`edit of ${file} changed nothing`);
    writeFileSync(target, after);
  }

  write(file: string, text: string): void {
    writeFileSync(path.join(this.root, file), text);
  }

  delete(file: string): void {
    rmSync(path.join(this.root, file));
  }

  read(file: string): string {
    return readFileSync(path.join(this.root, file), 'utf8');
  }

  /** Runs `astro build` with the Node running the tests; resolves with its exit code and output. */
  build(env: Record<string, string> = {}): Promise<CommandResult> {
    return this.#run(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], env);
  }

  /** Runs one of the project's npm scripts in the copy, the way `npm test` runs it. */
  npmRun(script: string): Promise<CommandResult> {
    return this.#run('npm', ['run', '--silent', script], {});
  }

  #run(command: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
    return new Promise((resolve) => {
      const child = spawn(command, args, {
        cwd: this.root,
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk));
      child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
