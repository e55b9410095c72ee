/**
 * The CLI when its stdout cannot be written: a full disk (/dev/full gives ENOSPC) or a reader that
 * went away (EPIPE, as with `| head -c 10`). The failure belongs to the file descriptor, so the CLI
 * runs as a real process, from its sources (support/register-ts.js), over a fresh SQLite store
 * holding the example cohort. Exit 2 and exactly one line on stderr, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');
const REGISTER = join(__dirname, 'support/register-ts.js');
const COHORT = join(ROOT, 'examples/msc-spine-cohort.ndjson');
const STUDY = 'MSC-SPINE-1';

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

let dir: string;

const CLI = [process.execPath, '-r', REGISTER, MAIN];

/** Spawns `command`, with stdout to `stdout`, over the test's store; collects what it writes. */
const run = (command: string[], stdout: number | 'pipe' | 'closed' = 'pipe'): Promise<Run> =>
  new Promise((resolve, reject) => {
    const [file, ...args] = command;
    const child = spawn(file!, args, {
      cwd: ROOT,
      env: { ...process.env, LEDGER_STORE: `sqlite:${join(dir, 'ledger.db')}` },
      stdio: ['ignore', stdout === 'closed' ? 'pipe' : stdout, 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    // a reader that went away before the CLI had anything to say
    if (stdout === 'closed') child.stdout?.destroy();
  });

const ledger = (args: string[], stdout?: number | 'pipe' | 'closed'): Promise<Run> => run([...CLI, ...args], stdout);

/** Runs `ledger …args` with stdout to `path`, opened for writing. */
const ledgerTo = async (path: string, args: string[]): Promise<Run> => {
  const fd = openSync(path, 'w');
  try {
    return await ledger(args, fd);
  } finally {
    closeSync(fd);
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-cli-stdout-'));
  const imported = await ledger(['import', COHORT]);
  expect(imported).toMatchObject({ code: 0, stderr: '' });
  expect(JSON.parse(imported.stdout)).toMatchObject({ rejected: 0 });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DATA_LOCK = '2024-12-31T23:59:59Z';
const REPORT_JSON = ['report', '--study', STUDY, '--as-of', DATA_LOCK, '--json'];
const ENOSPC = 'ledger: cannot write to stdout: ENOSPC (no space left on device)\n';
const EPIPE = 'ledger: cannot write to stdout: EPIPE (broken pipe)\n';

it('writes the whole answer to a pipe that is read to the end, exit 0 (the control)', async () => {
  const read = await ledger(REPORT_JSON);
  expect(read).toMatchObject({ code: 0, stderr: '' });
  expect(JSON.parse(read.stdout)).toMatchObject({ studyId: STUDY });
});

const devFull = existsSync('/dev/full');
if (!devFull) process.stderr.write('\n[cli-stdout.e2e-spec] SKIPPING the ENOSPC tests: no /dev/full here\n\n');

describe('a full disk (/dev/full): exit 2, one line naming ENOSPC', () => {
  (devFull ? it : it.skip).each([
    ['report --json', REPORT_JSON],
    ['history (text)', ['history', '--study', STUDY, '--participant', 'MSC-001']],
    [
      'report-diff --json',
      ['report-diff', '--study', STUDY, '--from', '2024-01-01T00:00:00Z', '--to', DATA_LOCK, '--json'],
    ],
  ])(
    devFull ? '%s' : '%s (skipped: no /dev/full)',
    async (_, args) => {
      const full = await ledgerTo('/dev/full', args);
      expect({ code: full.code, stderr: full.stderr }).toEqual({ code: 2, stderr: ENOSPC });
    },
    60_000,
  );
});

describe('a reader that goes away: exit 2, one line naming EPIPE', () => {
  // node's own stdio "pipes" are socket pairs with a buffer larger than the HTML report, so the
  // shell makes the pipe, as a user's `| head` would; its exit status is the CLI's.
  it('`ledger report --format html | head -c 10`: the report is larger than a pipe holds', async () => {
    const html = [...CLI, 'report', '--study', STUDY, '--format', 'html'];
    const shell = await run(['bash', '-c', '"$@" | head -c 10; exit "${PIPESTATUS[0]}"', 'bash', ...html]);
    expect(shell).toEqual({ code: 2, signal: null, stdout: '<!DOCTYPE ', stderr: EPIPE });
  }, 60_000);

  it('a pipe closed before the answer is written', async () => {
    const closed = await ledger(REPORT_JSON, 'closed');
    expect({ code: closed.code, stderr: closed.stderr }).toEqual({ code: 2, stderr: EPIPE });
  }, 60_000);
});
