import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a TypeScript entry point of the project as a real second process, compiled from its
 * sources as jest compiles them (no build needed), and collects what it prints.
 */
export function runTs(
  entry: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ChildResult> & { readonly kill: (signal?: NodeJS.Signals) => void } {
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'test/e2e/support/register-ts.js'), join(ROOT, entry), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
  return Object.assign(done, { kill: (signal: NodeJS.Signals = 'SIGKILL') => void child.kill(signal) });
}
