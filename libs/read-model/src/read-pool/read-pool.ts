/**
 * Reads answered by worker threads, so reports, rosters and as-of replays never hold the API's
 * event loop (where commands are taken and /health answers). Each thread opens its own store
 * and read-model connections; a request goes to the thread with the fewest in flight. A thread
 * that dies fails its pending reads (the caller sees a 500) and is replaced.
 *
 * Running from TypeScript sources (tests, ts-node), the thread compiles its modules with
 * @swc/core, as the CLI's e2e runs do; a build runs the compiled JavaScript.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AdverseEventFilters, ReportDiff, StudyReport } from '../../../projections/src';
import type { Reads, ReadOperation } from '../reads';
import type { ReadSide } from '../read-side';
import { deserializeError, type SerializedError } from './remote-error';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

const FROM_SOURCES = extname(__filename) === '.ts';

/** A bootstrap that teaches the thread to require .ts files (sources only). */
const sourceBootstrap = (entry: string): string => `
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const options = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'commonjs' },
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
require(${JSON.stringify(entry)});
`;

export const DEFAULT_READ_THREADS = Math.max(1, Number(process.env['LEDGER_READ_THREADS'] ?? 1));

export class ReadPool implements Reads {
  /** Started on the first read: a process that never reads (a command-only instance, most tests) starts none. */
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly storeSpec: string,
    private readonly size = DEFAULT_READ_THREADS,
  ) {}

  private spawn(): Thread {
    const entry = join(__dirname, `read-thread${extname(__filename)}`);
    const worker = FROM_SOURCES
      ? new Worker(sourceBootstrap(entry), { eval: true, workerData: { storeSpec: this.storeSpec } })
      : new Worker(entry, { workerData: { storeSpec: this.storeSpec } });
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; result?: unknown; error?: SerializedError }) => {
      const p = thread.pending.get(m.id);
      if (p === undefined) return;
      thread.pending.delete(m.id);
      if (m.error !== undefined) p.reject(deserializeError(m.error));
      else p.resolve(m.result);
    });
    const fail = (error: Error) => {
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
      const i = this.threads.indexOf(thread);
      if (i >= 0 && !this.closing) this.threads[i] = this.spawn();
    };
    worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => {
      if (!this.closing) fail(new Error(`a read thread stopped (exit ${code})`));
    });
    return thread;
  }

  private call<T>(op: ReadOperation, args: readonly unknown[]): Promise<T> {
    if (this.closing) return Promise.reject(new Error('the read pool is closed'));
    while (this.threads.length < this.size) this.threads.push(this.spawn());
    const thread = this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      thread.worker.postMessage({ id, op, args });
    });
  }

  studies(asOf: string): ReturnType<ReadSide['studies']> {
    return this.call('studies', [asOf]);
  }
  study(studyId: string, asOf: string): ReturnType<ReadSide['study']> {
    return this.call('study', [studyId, asOf]);
  }
  roster(
    studyId: string,
    asOf: string,
    filters: { status?: string; arm?: string } = {},
  ): ReturnType<ReadSide['roster']> {
    return this.call('roster', [studyId, asOf, filters]);
  }
  participant(studyId: string, participantId: string, asOf: string): ReturnType<ReadSide['participant']> {
    return this.call('participant', [studyId, participantId, asOf]);
  }
  history(studyId: string, participantId: string, asOf: string): ReturnType<ReadSide['history']> {
    return this.call('history', [studyId, participantId, asOf]);
  }
  recordHistory(
    studyId: string,
    participantId: string,
    recordId: string,
    asOf: string,
  ): ReturnType<ReadSide['recordHistory']> {
    return this.call('recordHistory', [studyId, participantId, recordId, asOf]);
  }
  adverseEvents(
    studyId: string,
    asOf: string,
    filters: AdverseEventFilters = {},
  ): ReturnType<ReadSide['adverseEvents']> {
    return this.call('adverseEvents', [studyId, asOf, filters]);
  }
  missedVisits(studyId: string, asOf: string): ReturnType<ReadSide['missedVisits']> {
    return this.call('missedVisits', [studyId, asOf]);
  }
  report(studyId: string, asOf: string): Promise<StudyReport> {
    return this.call('report', [studyId, asOf]);
  }
  reportHtml(studyId: string, asOf: string): Promise<{ report: StudyReport; html: string }> {
    return this.call('reportHtml', [studyId, asOf]);
  }
  reportDiff(studyId: string, from: string, to: string): Promise<ReportDiff> {
    return this.call('reportDiff', [studyId, from, to]);
  }

  async close(): Promise<void> {
    this.closing = true;
    // Threads only read: stopping one mid-read loses nothing (its caller is answered with an error).
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
