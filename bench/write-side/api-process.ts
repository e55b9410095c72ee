/**
 * The real API as a child process (`node dist/apps/api/src/main.js`, as `npm run api` runs it),
 * with its own principals file and a free port, watched from outside: time to the first healthy
 * answer, its resident memory from /proc, and its last lines of output should it die.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export const API_MAIN = join(__dirname, '../../apps/api/src/main.js');

/** Every child the bench started and has not seen exit, for an interrupted run to end them. */
const children = new Set<ChildProcess>();

export const tracked = <C extends ChildProcess>(child: C): C => {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};

export const killChildren = (): void => {
  for (const child of children) child.kill('SIGKILL');
};

export interface Tokens {
  readonly admin: string;
  readonly coordinator: string;
}

/** Writes a LEDGER_PRINCIPALS file with an admin and a coordinator, tokens stored as their SHA-256. */
export const writePrincipals = (dir: string): { file: string; tokens: Tokens } => {
  const tokens = { admin: `admin-token-${process.pid}`, coordinator: `coord-token-${process.pid}` };
  const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
  const file = join(dir, 'principals.json');
  writeFileSync(
    file,
    JSON.stringify([
      { id: 'bench-admin', role: 'admin', tokenSha256: sha(tokens.admin) },
      { id: 'bench-coord', role: 'coordinator', tokenSha256: sha(tokens.coordinator) },
    ]),
  );
  return { file, tokens };
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Resident set size of a process, from /proc (Linux); NaN where there is none. */
export const rssOf = (pid: number): number => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line === undefined ? NaN : Number(line.replace(/\D+/g, '')) * 1024;
  } catch {
    return NaN;
  }
};

export interface ApiChild {
  readonly url: string;
  readonly pid: number;
  /** performance.now() when it was spawned. */
  readonly spawnedAt: number;
  /** ms from spawn to the first 200 from /health. */
  readonly healthyAfterMs: number;
  rss(): number;
  stop(): Promise<void>;
}

export interface ApiOptions {
  readonly store: string;
  readonly principalsFile: string;
  /** Write a V8 CPU profile of the child into this folder (node --cpu-prof). */
  readonly cpuProfDir?: string;
}

/** Spawns the API and resolves once /health answers 200; rejects with its output if it dies or hangs. */
export const startApi = async (options: ApiOptions): Promise<ApiChild> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const spawnedAt = performance.now();
  const child = tracked(
    spawn(process.execPath, [...args, API_MAIN], {
      env: {
        ...process.env,
        LEDGER_STORE: options.store,
        LEDGER_PRINCIPALS: options.principalsFile,
        PORT: String(port),
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? (signal === null ? -1 : 128);
      resolve();
    }),
  );
  const deadline = spawnedAt + 120_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the API exited (${exited}) before it was healthy:\n${output}`);
    if (performance.now() > deadline) {
      await kill(child, exit);
      throw new Error(`the API was not healthy within 120 s:\n${output}`);
    }
    if (await healthy(url)) break;
    await sleep(5);
  }
  const healthyAfterMs = performance.now() - spawnedAt;
  return {
    url,
    pid: child.pid ?? -1,
    spawnedAt,
    healthyAfterMs,
    rss: () => rssOf(child.pid ?? -1),
    stop: () => kill(child, exit),
  };
};

const healthy = async (url: string): Promise<boolean> => {
  try {
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
};

/** SIGTERM (the API closes its store on shutdown and a CPU profile is written), SIGKILL after 15 s. */
const kill = async (child: ChildProcess, exit: Promise<void>): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exit;
  clearTimeout(timer);
};

/** POSTs a JSON body with a bearer token; answers the status and the parsed body. */
export const postJson = async (
  url: string,
  token: string,
  body: unknown,
): Promise<{ status: number; body: unknown; ms: number }> => {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the error message
  }
  return { status: res.status, body: parsed, ms };
};
