import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import {
  StoreBusy,
  StoreFormatMismatch,
  StoreUnavailable,
  type AppendResult,
  type CommandCommit,
  type CommitOutcome,
  type EventHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type StoredCommand,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { appendEvents } from './postgres-append';
import { describeUrl, translateError } from './postgres-errors';
import { commitGroup, GroupNeedsSplitting, SELECT_COMMAND, SELECT_LATEST } from './postgres-group-commit';
import { CHANNEL, Listener } from './postgres-listener';
import {
  EVENT_COLUMNS,
  PG_TYPES,
  toRecordedEvent,
  toStoredCommand,
  type CommandRow,
  type EventRow,
} from './postgres-rows';
import { normaliseInstant } from '../recorded-at';
import { pagedLog, type PageParams } from '../stored-rows';
import { LOCK_CLASS, WRITE_LOCK_ID, prepareSchema } from './postgres-schema';
import { PollingSubscription } from '../polling-subscription';
import { BatchContext, WriteGate } from './postgres-write-gate';

export interface PostgresEventStoreOptions {
  /** How long a writer waits for the write lock (another writer, here or elsewhere) before StoreBusy. */
  readonly lockTimeoutMs?: number;
  /** How often subscriptions look for events written by other processes (LISTEN usually wakes them first). */
  readonly pollIntervalMs?: number;
  /** Rows per query when reading the global log. */
  readonly pageSize?: number;
  /** Pooled connections; writes use one at a time per process, reads the rest. */
  readonly poolSize?: number;
  /** How long opening a connection may take before StoreUnavailable. */
  readonly connectTimeoutMs?: number;
  /** LISTEN for other processes' writes so subscriptions see them at once (default true). */
  readonly listen?: boolean;
}

/** Every write's COMMIT notifies the listeners of other processes (and of this one). */
const COMMIT = `NOTIFY ${CHANNEL}; COMMIT`;

/**
 * The event store on PostgreSQL, for several API and worker processes sharing one database.
 *
 * The trap: a position drawn from a sequence is not a commit order. Transaction A can draw 10,
 * B draw 11 and commit first; a reader that has seen 11 and asks for `position > 11` never sees
 * 10, committed a moment later. So every write transaction first takes one transaction-level
 * advisory lock: positions are drawn only by the lock holder, and PostgreSQL releases an xact
 * lock only after its commit is visible, so the next writer's positions are higher and become
 * visible later. Any snapshot then sees a prefix of the log, and `position > last` skips nothing.
 * Writes are serialised; group commit (`commit` of many commands in one transaction, one
 * statement) is how throughput is had.
 */
export class PostgresEventStore implements EventStore {
  /** host:port/database, for messages; never the password. */
  readonly where: string;
  private readonly pool: pg.Pool;
  private readonly clientConfig: pg.ClientConfig;
  private readonly lockTimeoutMs: number;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly listen: boolean;
  private readonly gate = new WriteGate();
  /** Marks the async context of an open inBatch: its reads and writes use the batch's transaction. */
  private readonly batches = new AsyncLocalStorage<BatchContext>();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly listener: Listener;
  private readying: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  /** Synchronous: nothing is contacted until the first use (or `ready()`). */
  static connect(url: string, options: PostgresEventStoreOptions = {}): PostgresEventStore {
    return new PostgresEventStore(url, options);
  }

  private constructor(url: string, options: PostgresEventStoreOptions) {
    try {
      this.where = describeUrl(url);
    } catch {
      throw new StoreUnavailable(
        'the PostgreSQL store URL is not a URL: use postgres://user@host:5432/database (LEDGER_STORE)',
      );
    }
    this.lockTimeoutMs = Math.max(1, Math.trunc(options.lockTimeoutMs ?? 5000));
    this.pageSize = options.pageSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.listen = options.listen ?? true;
    this.clientConfig = {
      connectionString: url,
      types: PG_TYPES,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      application_name: 'trial-ledger',
    };
    this.pool = new pg.Pool({ ...this.clientConfig, max: options.poolSize ?? 10 });
    this.listener = new Listener(this.clientConfig, () => this.wakeSubscriptions());
    // An idle connection that drops is discarded by the pool; the next query opens another.
    this.pool.on('error', () => undefined);
  }

  /**
   * Connects once and creates the schema in an empty database, or refuses one of another format
   * (StoreFormatMismatch). Every method awaits it; a failed connection is retried on next use.
   */
  ready(): Promise<void> {
    // A programming error, as on SQLite (500), not an unavailable server (503).
    if (this.closing !== undefined)
      return Promise.reject(new Error(`the PostgreSQL event store ${this.where} is closed`));
    this.readying ??= this.prepare().catch((error: unknown) => {
      if (!(error instanceof StoreFormatMismatch)) this.readying = undefined;
      throw error;
    });
    return this.readying;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`appendToStream(${streamId}) needs at least one event`);
    const append = (client: pg.ClientBase) => appendEvents(client, streamId, events, options.expectedRevision);
    // A refused append (revision, event id) is judged before anything is written, so it leaves a
    // batch's transaction usable without a savepoint (see commitGroup on why none is taken).
    return this.write((client) => append(client));
  }

  async commit(commits: readonly CommandCommit[]): Promise<CommitOutcome[]> {
    if (commits.length === 0) return [];
    if (this.openBatch() !== undefined) return this.write((client) => commitGroup(client, commits));
    try {
      return await this.write((client) => commitGroup(client, commits));
    } catch (error) {
      // The group's transaction was refused as a whole (rolled back, nothing written): commit
      // again one commit per transaction, so that only the culprit fails. An outage or a lock
      // that could not be had is no one commit's fault: it goes to every caller.
      if (error instanceof StoreUnavailable || error instanceof StoreBusy) throw error;
      if (commits.length === 1 && !(error instanceof GroupNeedsSplitting)) return [{ kind: 'failed', error }];
      const outcomes: CommitOutcome[] = [];
      for (const c of commits) {
        try {
          outcomes.push(...(await this.write((client) => commitGroup(client, [c]))));
        } catch (each) {
          if (each instanceof StoreUnavailable || each instanceof StoreBusy) throw each;
          outcomes.push({ kind: 'failed', error: each });
        }
      }
      return outcomes;
    }
  }

  async findCommand(commandId: string): Promise<StoredCommand | undefined> {
    const [row] = await this.query<CommandRow>({
      name: 'ledger-command',
      text: SELECT_COMMAND,
      values: [commandId],
    });
    return row === undefined ? undefined : toStoredCommand(commandId, row);
  }

  async latestRecordedAt(studyId: string): Promise<string | undefined> {
    const [row] = await this.query<{ latest: string | null }>({
      name: 'ledger-latest',
      text: SELECT_LATEST,
      values: [studyId],
    });
    return row?.latest ?? undefined;
  }

  async readStream(streamId: string, options: { readonly fromRevision?: bigint } = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>({
      name: 'ledger-stream',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision`,
      values: [streamId, options.fromRevision ?? 0n],
    });
    return rows.map(toRecordedEvent);
  }

  readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    return pagedLog(options, this.pageSize, (params) => this.readPage(params));
  }

  /** One statement, so one snapshot: a prefix of the log (see the class comment). */
  async readAllEvents(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const recordedAt =
      options.recordedAtOrBefore === undefined
        ? undefined
        : normaliseInstant(options.recordedAtOrBefore, 'recordedAtOrBefore');
    const limit = options.maxCount === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.trunc(options.maxCount));
    return this.readPage({ after: options.fromPosition ?? 0n, limit, studyId: options.studyId, recordedAt });
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const subscription = new PollingSubscription(
      {
        // Always the pool: the subscription's timers may have been set up inside a batch's context.
        page: (after, studyId) => this.readPage({ after, limit: this.pageSize, studyId }, false),
        detach: (s) => this.detach(s),
        pageSize: this.pageSize,
        pollIntervalMs: this.pollIntervalMs,
      },
      handler,
      options,
    );
    this.subscriptions.add(subscription);
    if (this.listen && this.closing === undefined) this.listener.start();
    return subscription;
  }

  /** Position of the last event in the log; 0n when it is empty. */
  async lastPosition(): Promise<bigint> {
    const [row] = await this.query<{ last: bigint }>({
      name: 'ledger-last-position',
      text: 'SELECT COALESCE(max(position), 0)::bigint AS last FROM events',
    });
    return row?.last ?? 0n;
  }

  async inBatch<T>(work: () => Promise<T>): Promise<T> {
    // Nested batches join the outer one.
    if (this.openBatch() !== undefined) return work();
    return this.transaction(async (client) => {
      const batch = new BatchContext(client);
      try {
        return await this.batches.run(batch, work);
      } finally {
        // Operations the work started but did not await finish before COMMIT or ROLLBACK.
        batch.open = false;
        await batch.idle();
      }
    });
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      for (const subscription of [...this.subscriptions]) await subscription.close();
      await this.listener.stop();
      await this.pool.end();
    })();
    return this.closing;
  }

  private async prepare(): Promise<void> {
    const client = await this.connectClient();
    let failure: unknown;
    try {
      await prepareSchema(client, this.where, this.lockTimeoutMs);
    } catch (error) {
      failure = error;
      throw this.translate(error, client);
    } finally {
      this.release(client, failure !== undefined);
    }
  }

  private openBatch(): BatchContext | undefined {
    const batch = this.batches.getStore();
    return batch?.open === true ? batch : undefined;
  }

  /** One statement: on the open batch's connection when called inside one, else on a pooled one. */
  private async query<R extends pg.QueryResultRow>(config: pg.QueryConfig, joinBatch = true): Promise<R[]> {
    await this.ready();
    const batch = joinBatch ? this.openBatch() : undefined;
    if (batch !== undefined) {
      try {
        return (await batch.serialise(() => batch.client.query<R>(config))).rows;
      } catch (error) {
        throw this.translate(error, batch.client);
      }
    }
    // As pool.query does, with the connection in hand so that its loss can be told apart.
    const client = await this.connectClient();
    try {
      return (await client.query<R>(config)).rows;
    } catch (error) {
      throw this.translate(error, client);
    } finally {
      this.release(client, false);
    }
  }

  /** `work` in a write transaction: the open batch's when called inside one, else its own. */
  private async write<T>(work: (client: pg.ClientBase, inBatch: boolean) => Promise<T>): Promise<T> {
    await this.ready();
    const batch = this.openBatch();
    if (batch === undefined) return this.transaction((client) => work(client, false));
    try {
      return await batch.serialise(() => work(batch.client, true));
    } catch (error) {
      throw this.translate(error, batch.client);
    }
  }

  /**
   * BEGIN, the write lock, `work`, COMMIT; ROLLBACK when anything throws. Waiting for the turn
   * in this process and then for the lock share one deadline, lockTimeoutMs: past it, StoreBusy.
   */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready();
    const deadline = Date.now() + this.lockTimeoutMs;
    await this.gate.acquire(this.lockTimeoutMs, () => this.busy());
    try {
      const client = await this.connectClient();
      let broken = false;
      try {
        const wait = Math.max(1, deadline - Date.now());
        await client.query(
          `BEGIN; SET LOCAL lock_timeout = ${wait}; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${WRITE_LOCK_ID})`,
        );
        const result = await work(client);
        await client.query(COMMIT);
        return result;
      } catch (error) {
        broken = !(await client.query('ROLLBACK').then(
          () => true,
          () => false,
        ));
        throw this.translate(error, client);
      } finally {
        this.release(client, broken);
        this.wakeSubscriptions();
      }
    } finally {
      this.gate.release();
    }
  }

  private async readPage(params: PageParams, joinBatch = true): Promise<RecordedEvent[]> {
    const values: unknown[] = [params.after];
    const where = ['position > $1'];
    if (params.studyId !== undefined) where.push(`study_id = $${values.push(params.studyId)}`);
    if (params.recordedAt !== undefined) where.push(`recorded_at <= $${values.push(params.recordedAt)}`);
    // An infinite limit (readAllEvents without maxCount) is no limit.
    const limit = Number.isFinite(params.limit) ? `$${values.push(params.limit)}` : 'ALL';
    const rows = await this.query<EventRow>(
      {
        name: `ledger-page-${params.studyId !== undefined}-${params.recordedAt !== undefined}-${limit === 'ALL'}`,
        text: `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ${limit}`,
        values,
      },
      joinBatch,
    );
    return rows.map(toRecordedEvent);
  }

  private async connectClient(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      // Whatever kept us from a connection (refused, timed out, no such database, closed pool),
      // with a code or without, the server is what we could not have.
      throw translateError(error, this.where, this.lockTimeoutMs, true);
    }
    // The driver reports a connection that drops (between statements or during one) as 'error'
    // before it fails the statement; listening also keeps it from crashing the process.
    client.on('error', markLost);
    return client;
  }

  /** A lost connection is never handed back to the pool for reuse. */
  private release(client: pg.PoolClient, destroy: boolean): void {
    client.off('error', markLost);
    client.release(destroy || lost.has(client));
  }

  private translate(error: unknown, client?: pg.ClientBase): unknown {
    return translateError(error, this.where, this.lockTimeoutMs, client !== undefined && lost.has(client));
  }

  private busy(): StoreBusy {
    return new StoreBusy(
      `PostgreSQL event store ${this.where}: another writer of this process held it for ${this.lockTimeoutMs} ms`,
    );
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  private detach(subscription: PollingSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) void this.listener.stop();
  }
}

/**
 * Checked-out connections the driver has reported broken (their 'error' event: the socket closed
 * or failed). Whatever a statement on one of them throws, with a SQLSTATE or without, the server
 * is what failed: StoreUnavailable.
 */
const lost = new WeakSet<pg.ClientBase>();

/** A checked-out client's 'error' listener (released clients are the pool's to watch). */
function markLost(this: pg.ClientBase): void {
  lost.add(this);
}
