import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  EventIdConflict,
  RevisionConflict,
  StoreUnavailable,
  type AppendResult,
  type EventHandler,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { normaliseInstant } from '../recorded-at';
import { SqliteSubscription } from './sqlite-subscription';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

export interface SqliteEventStoreOptions {
  /** FULL (default) fsyncs every commit: an acknowledged clinical record survives power loss. */
  readonly synchronous?: SqliteSynchronous;
  /** How long a writer waits for another process's write lock before giving up. */
  readonly busyTimeoutMs?: number;
  /** How often subscriptions look for events appended by other processes. */
  readonly pollIntervalMs?: number;
  /** Rows per query when reading the global log. */
  readonly pageSize?: number;
}

export interface SqlitePragmas {
  readonly journalMode: string;
  readonly synchronous: number;
  readonly foreignKeys: boolean;
  readonly busyTimeoutMs: number;
}

interface EventRow {
  readonly position: bigint;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly schema_version: bigint;
  readonly data: string;
  readonly metadata: string;
}

interface IdRow {
  readonly position: bigint;
  readonly stream_id: string;
  readonly revision: bigint;
}

type InsertParams = [string, string, bigint, string, number, string, string, string | null, string, string | null];
type PageParams = { after: bigint; limit: number; studyId?: string; recordedAt?: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  study_id TEXT,
  recorded_at TEXT NOT NULL,
  stored_at TEXT,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_study_position ON events (study_id, position);
CREATE INDEX IF NOT EXISTS events_study_recorded_at ON events (study_id, recorded_at);
`;

const COLUMNS = 'position, event_id, stream_id, revision, type, schema_version, data, metadata';

/**
 * The event store on one SQLite file. SQLite has a single writer, so AUTOINCREMENT positions
 * are handed out in commit order and a reader can never see position n+1 without n: that is
 * what lets subscriptions (and other processes) follow the log with `position > last`.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly pageStatements = new Map<string, Database.Statement<[PageParams], EventRow>>();
  private readonly stmt: {
    readonly head: Database.Statement<[string], bigint>;
    readonly byEventId: Database.Statement<[string], IdRow>;
    readonly insert: Database.Statement<InsertParams>;
    readonly stream: Database.Statement<[string, bigint], EventRow>;
    readonly lastPosition: Database.Statement<[], bigint>;
  };
  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => AppendResult
  >;

  /** Opens (creating file, folder and schema when missing); throws StoreUnavailable when it cannot. */
  static open(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    return new SqliteEventStore(path, options);
  }

  constructor(
    readonly path: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    let db: Database.Database | undefined;
    try {
      if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(resolve(path)), { recursive: true });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
      db.exec(SCHEMA);
      // Revisions and positions are bigints in the port; reading them as such avoids a
      // silent precision cliff and a conversion per row.
      db.defaultSafeIntegers(true);
    } catch (error) {
      db?.close();
      throw new StoreUnavailable(`cannot open SQLite event store at ${path}: ${errorMessage(error)}`, error);
    }
    this.db = db;
    this.stmt = {
      head: db
        .prepare<[string], bigint>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
        .pluck(),
      byEventId: db.prepare<[string], IdRow>('SELECT position, stream_id, revision FROM events WHERE event_id = ?'),
      insert: db.prepare<InsertParams>(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, study_id, recorded_at, stored_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      stream: db.prepare<[string, bigint], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
      ),
      lastPosition: db.prepare<[], bigint>('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
    };
    this.appendTransaction = db.transaction(
      (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) =>
        this.appendInTransaction(streamId, events, expected),
    );
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.appendToStreamSync(streamId, events, options);
  }

  /** The same append, without a promise: for importers and benchmarks that write in a loop. */
  appendToStreamSync(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): AppendResult {
    if (events.length === 0) throw new Error(`appendToStream(${streamId}) needs at least one event`);
    let result: AppendResult;
    try {
      // IMMEDIATE takes the write lock before reading the head, so a writer in another process
      // cannot slip in between our revision check and our insert (and busy_timeout applies).
      result = this.appendTransaction.immediate(streamId, events, options.expectedRevision);
    } catch (error) {
      throw this.translateWriteError(streamId, events, options.expectedRevision, error);
    }
    for (const subscription of this.subscriptions) subscription.wake();
    return result;
  }

  async readStream(streamId: string, options: { readonly fromRevision?: bigint } = {}): Promise<RecordedEvent[]> {
    return this.readStreamSync(streamId, options);
  }

  readStreamSync(streamId: string, options: { readonly fromRevision?: bigint } = {}): RecordedEvent[] {
    return this.stmt.stream.all(streamId, options.fromRevision ?? 0n).map(toRecordedEvent);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    let after = options.fromPosition ?? 0n;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const recordedAt =
      options.recordedAtOrBefore === undefined
        ? undefined
        : normaliseInstant(options.recordedAtOrBefore, 'recordedAtOrBefore');
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const page = this.readPage({ after, limit, studyId: options.studyId, recordedAt });
      for (const event of page) yield event;
      const last = page[page.length - 1];
      if (last === undefined || page.length < limit) return;
      after = last.position;
      remaining -= page.length;
    }
  }

  /** The global log as one array: for projections rebuilding from a local file, where paging only costs. */
  readAllSync(options: ReadAllOptions = {}): RecordedEvent[] {
    const recordedAt =
      options.recordedAtOrBefore === undefined
        ? undefined
        : normaliseInstant(options.recordedAtOrBefore, 'recordedAtOrBefore');
    // SQLite reads a negative LIMIT as "no limit".
    const limit = options.maxCount === undefined ? -1 : Math.max(0, Math.trunc(options.maxCount));
    return this.readPage({ after: options.fromPosition ?? 0n, limit, studyId: options.studyId, recordedAt });
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const subscription = new SqliteSubscription(
      {
        page: (after, studyId) => this.readPage({ after, limit: this.pageSize, studyId }),
        detach: (s) => this.subscriptions.delete(s),
        pageSize: this.pageSize,
        pollIntervalMs: this.pollIntervalMs,
      },
      handler,
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Position of the last event in the log; 0n when it is empty. */
  lastPosition(): bigint {
    return this.stmt.lastPosition.get() ?? 0n;
  }

  pragmas(): SqlitePragmas {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      foreignKeys: Number(this.db.pragma('foreign_keys', { simple: true })) === 1,
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  async inBatch<T>(work: () => Promise<T>): Promise<T> {
    // Nested batches join the outer one; appends inside become savepoints of this transaction.
    if (this.db.inTransaction) return work();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      for (const subscription of this.subscriptions) subscription.wake();
    }
  }

  async close(): Promise<void> {
    for (const subscription of [...this.subscriptions]) await subscription.close();
    if (this.db.open) this.db.close();
  }

  private appendInTransaction(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const first = events[0];
    if (first === undefined) throw new Error('unreachable: empty batch');
    // Idempotency is decided before the revision check, as EventStoreDB does: a retried
    // append whose first attempt succeeded must get its original answer, not a conflict.
    const stored = this.stmt.byEventId.get(first.eventId);
    if (stored !== undefined) return this.repeatedAppend(streamId, events, stored);

    const current = this.stmt.head.get(streamId);
    if (expected === 'no_stream' ? current !== undefined : expected !== 'any' && current !== expected) {
      throw new RevisionConflict(streamId, expected, current ?? 'no_stream');
    }
    let revision = current === undefined ? 0n : current + 1n;
    let position = 0n;
    const revisions: bigint[] = [];
    for (const event of events) {
      const metadata = event.metadata;
      const info = this.stmt.insert.run(
        event.eventId,
        streamId,
        revision,
        event.type,
        event.schemaVersion,
        toJson(event.data),
        toJson(metadata),
        metadata.studyId ?? null,
        normaliseInstant(metadata.recordedAt, 'metadata.recordedAt'),
        metadata.storedAt ?? null,
      );
      position = BigInt(info.lastInsertRowid);
      revisions.push(revision);
      revision += 1n;
    }
    return { nextExpectedRevision: revision - 1n, position, revisions };
  }

  private repeatedAppend(streamId: string, events: readonly NewEvent[], first: IdRow): AppendResult {
    const revisions: bigint[] = [];
    let position = first.position;
    events.forEach((event, index) => {
      const row = index === 0 ? first : this.stmt.byEventId.get(event.eventId);
      if (row !== undefined && row.stream_id !== streamId) {
        throw new EventIdConflict(streamId, event.eventId, `it is already stored in stream ${row.stream_id}`);
      }
      if (row === undefined || row.revision !== first.revision + BigInt(index)) {
        throw new EventIdConflict(
          streamId,
          event.eventId,
          'the batch repeats stored event ids but is not the same batch in the same order',
        );
      }
      revisions.push(row.revision);
      position = row.position;
    });
    return { nextExpectedRevision: first.revision + BigInt(events.length - 1), position, revisions };
  }

  private translateWriteError(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    error: unknown,
  ): unknown {
    if (!(error instanceof Database.SqliteError)) return error;
    if (error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('events.event_id')) {
      // The transaction has rolled back; find the culprit to say something useful.
      const seen = new Set<string>();
      for (const event of events) {
        const row = this.stmt.byEventId.get(event.eventId);
        if (row !== undefined) {
          return new EventIdConflict(
            streamId,
            event.eventId,
            `it is already stored in stream ${row.stream_id} at revision ${row.revision}`,
          );
        }
        if (seen.has(event.eventId))
          return new EventIdConflict(streamId, event.eventId, 'it appears twice in the batch');
        seen.add(event.eventId);
      }
    }
    if (error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('events.stream_id')) {
      return new RevisionConflict(streamId, expected, this.stmt.head.get(streamId) ?? 'no_stream');
    }
    if (error.code === 'SQLITE_BUSY' || error.code.startsWith('SQLITE_BUSY_')) {
      return new StoreUnavailable(`SQLite event store ${this.path} stayed locked by another writer`, error);
    }
    return error;
  }

  private readPage(params: PageParams): RecordedEvent[] {
    return this.pageStatement(params.studyId !== undefined, params.recordedAt !== undefined)
      .all(params)
      .map(toRecordedEvent);
  }

  private pageStatement(byStudy: boolean, byRecordedAt: boolean): Database.Statement<[PageParams], EventRow> {
    const key = `${byStudy}:${byRecordedAt}`;
    let statement = this.pageStatements.get(key);
    if (statement === undefined) {
      const where = ['position > @after'];
      if (byStudy) where.push('study_id = @studyId');
      if (byRecordedAt) where.push('recorded_at <= @recordedAt');
      statement = this.db.prepare<[PageParams], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT @limit`,
      );
      this.pageStatements.set(key, statement);
    }
    return statement;
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
  };
}

/** Plain JSON.stringify on the hot path; bigints (which it rejects) only cost a retry. */
function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
