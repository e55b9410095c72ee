/**
 * The worker (`apps/worker/src/main.ts`) as a real second process beside an API started by
 * startApi, on a BullMQ prefix of the test's own (the shared Redis is never flushed: only this
 * prefix's `projections` queue is obliterated), and a look straight into the read model (the
 * SQLite file beside the ledger, or the PostgreSQL ledger's read_* tables) that makes no read
 * through the API, so nothing but the worker can have advanced it.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { Queue } from 'bullmq';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '../../../libs/event-store/src';
import { EVENT_STORE } from '../../../libs/ledger/src';
import { PROJECTIONS_QUEUE } from '../../../libs/read-model/src/worker-side/rebuild-queue';
import { runTs, type ChildResult } from '../../support/child-process';
import { TEST_LEDGER_KIND } from '../../support/test-ledgers';
import type { TestApi } from './api-harness';

export type WorkerProcess = Promise<ChildResult> & { readonly kill: (signal?: NodeJS.Signals) => void };

export const testQueuePrefix = (name: string): string => `ledger-test-${name}-${process.pid}-${Date.now()}`;

export const readModelPath = (api: TestApi): string => join(api.dir, 'ledger.projections.db');

/** The worker on the API's ledger; it finds the same read model as the API (LEDGER_PROJECTIONS is unset). */
export const startWorker = (api: TestApi, prefix: string, env: NodeJS.ProcessEnv = {}): WorkerProcess =>
  runTs('apps/worker/src/main.ts', [], { LEDGER_STORE: api.storeSpec, LEDGER_QUEUE_PREFIX: prefix, ...env });

/** SIGTERM, then SIGKILL if it has not exited within `ms`. */
export const stopWorker = async (worker: WorkerProcess | undefined, ms = 10_000): Promise<void> => {
  if (worker === undefined) return;
  worker.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const exited = await Promise.race([
    worker.then(() => true),
    new Promise<false>((r) => (timer = setTimeout(() => r(false), ms))),
  ]);
  clearTimeout(timer);
  if (!exited) {
    worker.kill('SIGKILL');
    await worker;
  }
};

/** Removes the test's queue (its keys under its own prefix), nothing else. */
export const dropQueue = async (prefix: string): Promise<void> => {
  const queue = new Queue(PROJECTIONS_QUEUE, { connection: { host: '127.0.0.1', port: 6379 }, prefix });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
};

/** The position of the last event in the ledger (read from the store, not the read model). */
export const storeHead = async (api: TestApi): Promise<bigint> =>
  (await api.app.get<EventStore>(EVENT_STORE).readAllEvents()).at(-1)?.position ?? 0n;

/** The read model as stored, read without the read model's code. */
export interface ReadModelProbe {
  /** Its position (0 while it has none yet). */
  position(): Promise<bigint>;
  /**
   * Every read_* table with its columns, rows as stored in primary-key order (snapshots are the
   * study rows and participant versions as stored).
   */
  dump(): Promise<Record<string, unknown[]>>;
  /** Writes behind the worker's back (statements separated by `;`). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const orderByEveryColumn = (columns: number): string => Array.from({ length: columns }, (_, i) => i + 1).join(', ');

const sqliteProbe = (path: string): ReadModelProbe => {
  const withFile = <T>(work: (db: Database.Database) => T, readonly = true): T => {
    const db = new Database(path, { readonly, fileMustExist: true });
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  const tables = (db: Database.Database) =>
    (
      db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'read%' ORDER BY name")
        .all() as {
        name: string;
        sql: string;
      }[]
    ).map((t) => ({ ...t, columns: (db.prepare(`PRAGMA table_info("${t.name}")`).all() as unknown[]).length }));
  return {
    position: async () =>
      !existsSync(path)
        ? 0n
        : withFile((db) => {
            if (!tables(db).some((t) => t.name === 'read_position')) return 0n;
            const row = db.prepare('SELECT position FROM read_position WHERE id = 1').get() as
              { position: number } | undefined;
            return BigInt(row?.position ?? 0);
          }),
    dump: async () =>
      withFile((db) => {
        const dump: Record<string, unknown[]> = {};
        for (const t of tables(db))
          dump[t.name] = [
            t.sql,
            ...(db.prepare(`SELECT * FROM "${t.name}" ORDER BY ${orderByEveryColumn(t.columns)}`).all() as Record<
              string,
              unknown
            >[]),
          ];
        return dump;
      }),
    exec: async (sql) => withFile((db) => void db.exec(sql), false),
    close: async () => undefined,
  };
};

const postgresProbe = (connectionString: string): ReadModelProbe => {
  const client = new Client({ connectionString });
  const connected = client.connect();
  const query = async <R extends Record<string, unknown>>(sql: string): Promise<R[]> => {
    await connected;
    return (await client.query<R>(sql)).rows;
  };
  const tables = async () =>
    query<{ name: string; columns: string }>(
      `SELECT table_name AS name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS columns
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE 'read%'
       GROUP BY table_name ORDER BY table_name`,
    );
  return {
    position: async () => {
      if (!(await tables()).some((t) => t.name === 'read_position')) return 0n;
      const [row] = await query<{ position: string }>('SELECT position FROM read_position WHERE id = 1');
      return BigInt(row?.position ?? 0);
    },
    dump: async () => {
      const dump: Record<string, unknown[]> = {};
      for (const t of await tables()) {
        const order = orderByEveryColumn(t.columns.split(', ').length);
        dump[t.name] = [t.columns, ...(await query(`SELECT * FROM "${t.name}" ORDER BY ${order}`))];
      }
      return dump;
    },
    exec: async (sql) => void (await query(sql)),
    close: async () => {
      await connected.catch(() => undefined);
      await client.end();
    },
  };
};

export const probeReadModel = (api: TestApi): ReadModelProbe =>
  TEST_LEDGER_KIND === 'postgres' ? postgresProbe(api.storeSpec) : sqliteProbe(readModelPath(api));

export const waitFor = async <T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
  stepMs = 10,
): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
};

/** The worker's stderr, one JSON object a line. */
export const logLines = (stderr: string): { msg: string; level: string }[] =>
  stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { msg: string; level: string });
