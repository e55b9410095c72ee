/**
 * stdout carries the CLI's answer. When it cannot take it (ENOSPC on a full disk, EPIPE when the
 * reader of a pipe went away, as with `| head -c 10`) the command has failed to give its answer:
 * the CLI says so in one line on stderr and exits 2, like any command that could not run, instead
 * of dying on an unhandled 'error' event with a stack trace.
 *
 * Every answer goes through writeOut, which waits until the chunk is written, so that a failed
 * write is known before the command settles its exit status or closes the store. guardStdout
 * catches the failures of any other write to process.stdout.
 */
import { getSystemErrorMap } from 'node:util';

/** "ENOSPC (no space left on device)", from the error's errno; its message otherwise. */
export const describeWriteError = (e: unknown): string => {
  const { code, errno, message } = (e ?? {}) as { code?: unknown; errno?: unknown; message?: unknown };
  const known = typeof errno === 'number' ? getSystemErrorMap().get(errno) : undefined;
  if (known) return `${known[0]} (${known[1]})`;
  if (typeof code === 'string') return code;
  return typeof message === 'string' ? message : String(e);
};

let failed = false;

/** One line on stderr, then exit 2. Later errors of the same broken stream add nothing. */
export const stdoutFailed = (e: unknown): void => {
  if (failed) return;
  failed = true;
  try {
    process.stderr.write(`ledger: cannot write to stdout: ${describeWriteError(e)}\n`);
  } catch {
    // stderr is gone too: the exit status is all that is left to say it
  }
  process.exit(2);
};

/** Installed once by main: a stdout error is reported, never thrown as an unhandled 'error' event. */
export const guardStdout = (): void => {
  process.stdout.on('error', stdoutFailed);
};

/** Writes to stdout and resolves once the chunk is written; a failed write exits 2 (stdoutFailed). */
export const writeOut = (chunk: string | Uint8Array): Promise<void> =>
  new Promise((resolve) => {
    process.stdout.write(chunk, (e) => (e ? stdoutFailed(e) : resolve()));
  });
