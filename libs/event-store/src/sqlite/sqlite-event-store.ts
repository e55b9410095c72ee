import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, resolve } from 'node:path';
import {
  EventIdConflict,
  RevisionConflict,
  STORE_FORMAT_VERSION,
  StoreBusy,
  StoreFormatMismatch,
  StoreUnavailable,
  type AppendResult,
  type CommandAnswer,
  type CommandCommit,
  type CommitOutcome,
  type StoredCommand,
  type EventHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { normaliseInstant } from '../recorded-at';
import { PollingSubscription } from '../polling-subscription';
import {
  EVENT_COLUMNS,
  errorMessage,
  pagedLog,
  repeatedAppend,
  toJson,
  toRecordedEvent,
  toStoredCommand,
  type CommandRow,
  type EventRow,
  type IdRow,
  type PageParams,
} from '../stored-rows';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

export interface SqliteEventStoreOptions {
  /** FULL (default) fsyncs every commit: an acknowledged clinical record survives power loss. */
  readonly synchronous?: SqliteSynchronous;
  /**
   * How long a writer waits for another process's write lock before giving up (StoreBusy). The
   * wait is a series of short non-blocking sleeps, so the event loop keeps serving meanwhile.
   */
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
  /** What the writer waits for a lock in all, in non-blocking steps; SQLite itself never blocks. */
  readonly busyTimeoutMs: number;
}

type InsertParams = [string, string, bigint, string, number, string, string, string | null, string, string | null];

const SCHEMA = `
CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
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
CREATE INDEX events_study_position ON events (study_id, position);
CREATE INDEX events_study_recorded_at ON events (study_id, recorded_at);
CREATE TABLE commands (
  command_id TEXT PRIMARY KEY,
  envelope_hash TEXT NOT NULL,
  study_id TEXT NOT NULL,
  answer TEXT NOT NULL,
  position INTEGER NOT NULL
);
INSERT INTO ledger_meta (key, value) VALUES ('format_version', '${STORE_FORMAT_VERSION}');
`;

/**
 * The event store on one SQLite file. SQLite has a single writer, so AUTOINCREMENT positions
 * are handed out in commit order and a reader can never see position n+1 without n: that is
 * what lets subscriptions (and other processes) follow the log with `position > last`.
 *
 * SQLite's own lock waits (busy_timeout) block the thread, and so the whole event loop; this
 * store never lets SQLite wait: a write that finds the file locked by another process sleeps a
 * few milliseconds without blocking and tries again, up to busyTimeoutMs, then gives up with
 * StoreBusy. Within this process, writes take turns on one async gate.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly busyTimeoutMs: number;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pageStatements = new Map<string, Database.Statement<[PageParams], EventRow>>();
  private readonly stmt: {
    readonly head: Database.Statement<[string], bigint>;
    readonly byEventId: Database.Statement<[string], IdRow>;
    readonly insert: Database.Statement<InsertParams>;
    readonly stream: Database.Statement<[string, bigint], EventRow>;
    readonly lastPosition: Database.Statement<[], bigint>;
    readonly command: Database.Statement<[string], CommandRow>;
    readonly insertCommand: Database.Statement<[string, string, string, string, bigint]>;
    readonly latestRecordedAt: Database.Statement<[string], string | null>;
  };
  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => AppendResult
  >;
  /**
   * Each commit of a group runs in a savepoint of the open transaction, so one failing commit
   * leaves the others; prepared once (db.transaction would parse them on every call).
   */
  private readonly savepoint: {
    readonly begin: Database.Statement;
    readonly release: Database.Statement;
    readonly rollback: Database.Statement;
  };
  /** Marks the async context of an open inBatch: its writes join the batch's transaction. */
  private readonly batch = new AsyncLocalStorage<true>();
  /** Writers of this process take turns; a batch holds the turn until it commits. */
  private writerTurn: Promise<void> = Promise.resolve();

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
    this.busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000));
    let db: Database.Database | undefined;
    try {
      if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(resolve(path)), { recursive: true });
      db = new Database(path);
      // Opening is once per process, before serving: a short blocking wait is acceptable here.
      db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      db.pragma('foreign_keys = ON');
      prepareSchema(db, path);
      db.pragma('busy_timeout = 0');
      // Revisions and positions are bigints in the port; reading them as such avoids a
      // silent precision cliff and a conversion per row.
      db.defaultSafeIntegers(true);
    } catch (error) {
      db?.close();
      if (error instanceof StoreFormatMismatch) throw error;
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
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
      ),
      lastPosition: db.prepare<[], bigint>('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
      command: db.prepare<[string], CommandRow>('SELECT envelope_hash, answer FROM commands WHERE command_id = ?'),
      insertCommand: db.prepare<[string, string, string, string, bigint]>(
        'INSERT INTO commands (command_id, envelope_hash, study_id, answer, position) VALUES (?, ?, ?, ?, ?)',
      ),
      latestRecordedAt: db
        .prepare<[string], string | null>('SELECT MAX(recorded_at) FROM events WHERE study_id = ?')
        .pluck(),
    };
    this.appendTransaction = db.transaction(
      (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) =>
        this.appendInTransaction(streamId, events, expected),
    );
    this.savepoint = {
      begin: db.prepare('SAVEPOINT ledger_commit'),
      release: db.prepare('RELEASE ledger_commit'),
      rollback: db.prepare('ROLLBACK TO ledger_commit'),
    };
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`appendToStream(${streamId}) needs at least one event`);
    return this.write(
      () => this.appendInTransaction(streamId, events, options.expectedRevision),
      (error) => this.translateWriteError(streamId, events, options.expectedRevision, error),
    );
  }

  /**
   * The same append, without a promise: for benchmarks and tools that write in a loop in a
   * process of their own. It does not wait for another process's lock: StoreBusy at once.
   */
  appendToStreamSync(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): AppendResult {
    if (events.length === 0) throw new Error(`appendToStream(${streamId}) needs at least one event`);
    let result: AppendResult;
    try {
      // IMMEDIATE takes the write lock before reading the head, so a writer in another process
      // cannot slip in between our revision check and our insert.
      result = this.db.inTransaction
        ? this.appendInTransaction(streamId, events, options.expectedRevision)
        : this.appendTransaction.immediate(streamId, events, options.expectedRevision);
    } catch (error) {
      throw this.translateWriteError(streamId, events, options.expectedRevision, error);
    }
    this.wakeSubscriptions();
    return result;
  }

  async commit(commits: readonly CommandCommit[]): Promise<CommitOutcome[]> {
    if (commits.length === 0) return [];
    return this.write(
      () =>
        commits.map((c): CommitOutcome => {
          this.savepoint.begin.run();
          try {
            const outcome = this.commitOne(c);
            this.savepoint.release.run();
            return outcome;
          } catch (error) {
            this.savepoint.rollback.run();
            this.savepoint.release.run();
            return { kind: 'failed', error };
          }
        }),
      (error) =>
        isBusy(error) ? new StoreBusy(`SQLite event store ${this.path} is locked by another writer`, 1, error) : error,
    );
  }

  async findCommand(commandId: string): Promise<StoredCommand | undefined> {
    const row = this.read(() => this.stmt.command.get(commandId));
    return row === undefined ? undefined : toStoredCommand(commandId, row);
  }

  async latestRecordedAt(studyId: string): Promise<string | undefined> {
    return this.read(() => this.stmt.latestRecordedAt.get(studyId)) ?? undefined;
  }

  async readStream(streamId: string, options: { readonly fromRevision?: bigint } = {}): Promise<RecordedEvent[]> {
    return this.readStreamSync(streamId, options);
  }

  readStreamSync(streamId: string, options: { readonly fromRevision?: bigint } = {}): RecordedEvent[] {
    return this.read(() => this.stmt.stream.all(streamId, options.fromRevision ?? 0n)).map(toRecordedEvent);
  }

  readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    return pagedLog(options, this.pageSize, (params) => this.readPage(params));
  }

  /** One query: on a local file paging only costs. */
  async readAllEvents(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options);
  }

  /** readAllEvents without a promise, for tools that run in a process of their own. */
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
    const subscription = new PollingSubscription(
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
    return this.read(() => this.stmt.lastPosition.get()) ?? 0n;
  }

  pragmas(): SqlitePragmas {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      foreignKeys: Number(this.db.pragma('foreign_keys', { simple: true })) === 1,
      busyTimeoutMs: this.busyTimeoutMs,
    };
  }

  async inBatch<T>(work: () => Promise<T>): Promise<T> {
    // Nested batches join the outer one.
    if (this.batch.getStore()) return work();
    return this.takeTurn(async () => {
      await this.beginImmediate();
      try {
        const result = await this.batch.run(true, work);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        this.wakeSubscriptions();
      }
    });
  }

  async close(): Promise<void> {
    for (const subscription of [...this.subscriptions]) await subscription.close();
    // A batch still open (its work never settled) must not keep the file locked.
    await Promise.race([this.writerTurn, sleep(50)]);
    if (this.db.open) this.db.close();
  }

  /**
   * Runs `work` (synchronous: nothing else can touch the connection meanwhile) in a write
   * transaction: the open batch's, when called inside one, else its own, committed before
   * the promise resolves.
   */
  private async write<T>(work: () => T, translate: (error: unknown) => unknown): Promise<T> {
    if (this.batch.getStore()) {
      try {
        return work();
      } catch (error) {
        throw translate(error);
      }
    }
    return this.takeTurn(async () => {
      await this.beginImmediate();
      try {
        const result = work();
        this.db.exec('COMMIT');
        this.wakeSubscriptions();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw translate(error);
      }
    });
  }

  private takeTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.writerTurn.then(work);
    this.writerTurn = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** BEGIN IMMEDIATE takes the write lock at once or fails; we wait for it in short sleeps. */
  private async beginImmediate(): Promise<void> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline)
          throw new StoreBusy(
            `SQLite event store ${this.path} stayed locked by another writer for ${this.busyTimeoutMs} ms`,
            1,
            error,
          );
        await sleep(pause);
      }
    }
  }

  /** Reads never wait either: in WAL mode they only meet a lock while the file is being recovered. */
  private read<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (isBusy(error))
        throw new StoreBusy(`SQLite event store ${this.path} is busy (${errorMessage(error)})`, 1, error);
      throw error;
    }
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  /** One command inside the open transaction, judged against what the transaction sees. */
  private commitOne(c: CommandCommit): CommitOutcome {
    const known = this.stmt.command.get(c.commandId);
    if (known !== undefined) return { kind: 'known', command: toStoredCommand(c.commandId, known) };
    const current = this.stmt.head.get(c.streamId);
    const expected = c.expectedRevision;
    if (expected === 'no_stream' ? current !== undefined : expected !== 'any' && current !== expected)
      return { kind: 'revision-conflict', actual: current ?? 'no_stream' };
    const recordedAt = normaliseInstant(c.recordedAt, 'recordedAt');
    const latest = this.stmt.latestRecordedAt.get(c.studyId);
    if (latest !== null && latest !== undefined && recordedAt < latest) return { kind: 'clock-conflict', latest };
    // A command's events are new (fresh ids): no repeat to look for, and the head is checked above.
    const appended = this.insertEvents(c.streamId, c.events, current === undefined ? 0n : current + 1n);
    const answer: CommandAnswer = {
      commandId: c.commandId,
      events: c.events.map((e, i) => ({
        type: e.type,
        streamId: c.streamId,
        revision: Number(appended.revisions[i] ?? 0n),
      })),
    };
    this.stmt.insertCommand.run(c.commandId, c.envelopeHash, c.studyId, JSON.stringify(answer), appended.position);
    return { kind: 'committed', answer, position: appended.position };
  }

  private appendInTransaction(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const first = events[0];
    if (first === undefined) throw new Error('unreachable: empty batch');
    // Idempotency is decided before the revision check, as EventStoreDB does: a retried
    // append whose first attempt succeeded must get its original answer, not a conflict.
    const stored = this.stmt.byEventId.get(first.eventId);
    if (stored !== undefined) return repeatedAppend(streamId, events, stored, (id) => this.stmt.byEventId.get(id));

    const current = this.stmt.head.get(streamId);
    if (expected === 'no_stream' ? current !== undefined : expected !== 'any' && current !== expected) {
      throw new RevisionConflict(streamId, expected, current ?? 'no_stream');
    }
    return this.insertEvents(streamId, events, current === undefined ? 0n : current + 1n);
  }

  /** Inserts events from `revision` on; the caller has checked the stream is there. */
  private insertEvents(streamId: string, events: readonly NewEvent[], from: bigint): AppendResult {
    let revision = from;
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

  /**
   * The port's error for a refused write, by SQLite's result code. Both UNIQUE constraints of
   * `events` (event_id; stream_id + revision) fail with SQLITE_CONSTRAINT_UNIQUE, so which one it
   * was is asked of the data, not of the message: an event id that is stored already or repeated
   * in the batch is the event id's; otherwise another writer took the revision.
   */
  private translateWriteError(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    error: unknown,
  ): unknown {
    const code = sqliteCode(error);
    if (code === 'SQLITE_CONSTRAINT_UNIQUE')
      return (
        this.eventIdConflict(streamId, events) ??
        new RevisionConflict(streamId, expected, this.stmt.head.get(streamId) ?? 'no_stream')
      );
    if (isBusy(error))
      return new StoreBusy(`SQLite event store ${this.path} stayed locked by another writer`, 1, error);
    return error;
  }

  /** The first event of the batch whose id is already stored, or repeated within the batch. */
  private eventIdConflict(streamId: string, events: readonly NewEvent[]): EventIdConflict | undefined {
    // The transaction has rolled back; what is stored now is what the batch met.
    const seen = new Set<string>();
    for (const event of events) {
      const row = this.stmt.byEventId.get(event.eventId);
      if (row !== undefined)
        return new EventIdConflict(
          streamId,
          event.eventId,
          `it is already stored in stream ${row.stream_id} at revision ${row.revision}`,
        );
      if (seen.has(event.eventId)) return new EventIdConflict(streamId, event.eventId, 'it appears twice in the batch');
      seen.add(event.eventId);
    }
    return undefined;
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
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT @limit`,
      );
      this.pageStatements.set(key, statement);
    }
    return statement;
  }
}

/**
 * Creates the schema in a new file, or checks that an existing file is of this format: an
 * older ledger file (stream ids that two participants could share, no commands table) must be
 * refused, not misread.
 */
function prepareSchema(db: Database.Database, path: string): void {
  // A ledger of this format opens with reads only: a reader (a read thread, a second process)
  // must not wait for the write lock another writer holds.
  const hasMeta = db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ledger_meta'")
    .pluck()
    .get();
  if (
    hasMeta !== undefined &&
    db.prepare<[], string>("SELECT value FROM ledger_meta WHERE key = 'format_version'").pluck().get() ===
      String(STORE_FORMAT_VERSION)
  )
    return;
  db.transaction(() => {
    const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    if (tables.size === 0 || (tables.size === 1 && tables.has('sqlite_sequence'))) {
      db.exec(SCHEMA);
      return;
    }
    const version = tables.has('ledger_meta')
      ? db.prepare<[], string>("SELECT value FROM ledger_meta WHERE key = 'format_version'").pluck().get()
      : tables.has('events')
        ? '1'
        : undefined;
    if (version === String(STORE_FORMAT_VERSION)) return;
    throw new StoreFormatMismatch(
      version === undefined
        ? `${path} is not a Trial Ledger store (it holds tables ${[...tables].join(', ')}); refusing to use it`
        : `${path} is a Trial Ledger store of format ${version}; this ledger reads format ${STORE_FORMAT_VERSION} only ` +
            '(stream ids and the commands table changed): re-import its source into a new store',
    );
  }).immediate();
}

/**
 * The SQLite result code of an error, by its shape rather than `instanceof SqliteError`: the
 * native addon is loaded once per process and keeps throwing the SqliteError class of whichever
 * copy of the module loaded it first (jest gives each spec file its own copy).
 */
function sqliteCode(error: unknown): string | undefined {
  // Not even `instanceof Error`: under jest that class belongs to another spec file's realm too.
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_BUSY_') === true;
}
