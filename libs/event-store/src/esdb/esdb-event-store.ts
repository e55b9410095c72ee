import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendResult as EsdbAppendResult,
} from '@eventstore/db-client';
import {
  EventIdConflict,
  RevisionConflict,
  STORE_FORMAT_VERSION,
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
import { normaliseInstant } from '../recorded-at';
import { EsdbCommands } from './esdb-commands';
import {
  appendRecords,
  errorMessage,
  isLedgerStream,
  matches,
  positionOf,
  readLast,
  toEsdbExpected,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  translate,
  type Found,
} from './esdb-records';
import { EsdbSubscription } from './esdb-subscription';

/** Records the layout version of the store, once, when the ledger first uses an empty server. */
export const FORMAT_STREAM = 'ledger-format';
const FORMAT_RECORDED = 'LedgerFormatRecorded';

/**
 * How far back from the head a repeat is looked for. Before an append (cheap, and where an
 * honest retry lands) and after a conflict (rare, so it can afford to look further).
 */
const RETRY_WINDOW = 100n;
const CONFLICT_WINDOW = 1000n;

/**
 * The port on EventStoreDB. Revisions, expected revisions and idempotency are native; the
 * global position is the commit position, which ESDB gives every implicitly committed event
 * separately, so it is strictly increasing per event as the port requires. Commands (claim,
 * study clock, events) are in esdb-commands.ts; the design is docs/decisions/0008.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly commands: EsdbCommands;
  private format: Promise<void> | undefined;

  constructor(private readonly client: EventStoreDBClient) {
    this.commands = new EsdbCommands(client);
  }

  /** Parses the connection string; the connection itself is made lazily by the first call. */
  static connect(connectionString: string): EsdbEventStore {
    try {
      return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString));
    } catch (error) {
      throw new StoreUnavailable(`invalid EventStoreDB connection string: ${errorMessage(error)}`, error);
    }
  }

  /** Each commit on its own and in order, as three conditional appends (claim, clock, events). */
  async commit(commits: readonly CommandCommit[]): Promise<CommitOutcome[]> {
    await this.ready();
    const outcomes: CommitOutcome[] = [];
    for (const c of commits) {
      try {
        outcomes.push(await this.commands.commit(c));
      } catch (error) {
        outcomes.push({ kind: 'failed', error: translate(error, `commit command ${c.commandId}`) });
      }
    }
    return outcomes;
  }

  async findCommand(commandId: string): Promise<StoredCommand | undefined> {
    await this.ready();
    try {
      return await this.commands.find(commandId);
    } catch (error) {
      throw translate(error, `find command ${commandId}`);
    }
  }

  async latestRecordedAt(studyId: string): Promise<string | undefined> {
    await this.ready();
    try {
      return await this.commands.latestRecordedAt(studyId);
    } catch (error) {
      throw translate(error, `read the clock of study ${studyId}`);
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`appendToStream(${streamId}) needs at least one event`);
    await this.ready();
    const expected = options.expectedRevision;
    // ESDB recognises a repeat only when it sits right after an exact expectedRevision (and
    // best-effort for 'any'); re-sent with 'any' or with the stream's current head as the
    // expectation, it would store the ids twice. 'no_stream' needs no look: it either
    // conflicts (and is looked at below) or the stream is empty.
    if (expected !== 'no_stream') {
      const repeat = await this.findRepeat(streamId, events, BigInt(events.length) + RETRY_WINDOW);
      if (repeat !== undefined) return repeat;
    }
    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toEsdbExpected(expected),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        // A retry with a stale expectation of a batch that did land is still a repeat.
        const repeat = await this.findRepeat(streamId, events, CONFLICT_WINDOW);
        if (repeat !== undefined) return repeat;
        throw new RevisionConflict(streamId, expected, error.actualVersion);
      }
      throw translate(error, `append to ${streamId}`);
    }
    const last = result.nextExpectedRevision;
    const revisions = events.map((_, index) => last - BigInt(events.length - 1 - index));
    // The server omits the position on some idempotent answers; the stored event has it.
    const position = result.position?.commit ?? (await positionOf(this.client, streamId, last));
    return { nextExpectedRevision: last, position, revisions };
  }

  async readStream(streamId: string, options: { readonly fromRevision?: bigint } = {}): Promise<RecordedEvent[]> {
    await this.ready();
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: options.fromRevision ?? START,
        direction: FORWARDS,
      })) {
        const event = toRecordedEvent(resolved.event, resolved.commitPosition);
        if (event !== undefined) out.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translate(error, `read stream ${streamId}`);
    }
    return out;
  }

  /** The ledger's global log: its own categories only, never the bookkeeping streams. */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount <= 0) return;
    const after = options.fromPosition;
    const recordedAt =
      options.recordedAtOrBefore === undefined
        ? undefined
        : normaliseInstant(options.recordedAtOrBefore, 'recordedAtOrBefore');
    await this.ready();
    const read = this.client.readAll({ fromPosition: toReadPosition(after), direction: FORWARDS });
    let count = 0;
    try {
      for await (const resolved of read) {
        if (!isLedgerStream(resolved.event?.streamId)) continue;
        const event = toRecordedEvent(resolved.event, resolved.commitPosition);
        if (event === undefined || (after !== undefined && event.position <= after)) continue;
        if (!matches(event, options.studyId, recordedAt)) continue;
        yield event;
        count += 1;
        if (count >= maxCount) return;
      }
    } catch (error) {
      throw translate(error, 'read $all');
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  /** readAll gathered: $all is read as a stream whatever the caller does with it. */
  async readAllEvents(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.readAll(options)) events.push(event);
    return events;
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const subscription = new EsdbSubscription(
      this.client,
      handler,
      options,
      () => this.ready(),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** EventStoreDB has no multi-stream transaction: each append inside commits on its own. */
  inBatch<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    for (const subscription of [...this.subscriptions]) await subscription.close();
    await this.client.dispose();
  }

  /**
   * Checks the store's format once per instance, before its first use. A failure to reach the
   * server is not remembered (the next call tries again); a mismatch is.
   */
  private ready(): Promise<void> {
    this.format ??= this.checkFormat().catch((error: unknown) => {
      const translated = translate(error, `read ${FORMAT_STREAM}`);
      if (!(translated instanceof StoreFormatMismatch)) this.format = undefined;
      throw translated;
    });
    return this.format;
  }

  /**
   * A server with a `ledger-format` stream must hold this format. Without one it must hold no
   * ledger stream either (an older ledger wrote those without recording its format: its stream
   * ids are not ours), and then this format is recorded.
   */
  private async checkFormat(): Promise<void> {
    const recorded = await readLast(this.client, FORMAT_STREAM);
    if (recorded !== undefined) return checkRecordedFormat(recorded);
    const older = await this.firstLedgerStream();
    if (older !== undefined) {
      // Another ledger process may have recorded the format, then written, since we looked.
      const meanwhile = await readLast(this.client, FORMAT_STREAM);
      if (meanwhile !== undefined) return checkRecordedFormat(meanwhile);
      throw new StoreFormatMismatch(
        `the EventStoreDB store holds ledger streams (${older}, …) but no ${FORMAT_STREAM} stream: an older ledger ` +
          `wrote them, with stream ids this ledger (format ${STORE_FORMAT_VERSION}) does not read; ` +
          're-import their source into an empty EventStoreDB database',
      );
    }
    const event = jsonEvent({
      id: randomUUID(),
      type: FORMAT_RECORDED,
      data: { formatVersion: STORE_FORMAT_VERSION },
    });
    try {
      await appendRecords(this.client, FORMAT_STREAM, [event], 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Another ledger process recorded it first: it must have recorded ours.
      const first = await readLast(this.client, FORMAT_STREAM);
      if (first === undefined) throw error;
      checkRecordedFormat(first);
    }
  }

  /** The first ledger stream in $all; read once, on a server without a recorded format. */
  private async firstLedgerStream(): Promise<string | undefined> {
    const read = this.client.readAll({ fromPosition: START, direction: FORWARDS });
    try {
      for await (const resolved of read) {
        const streamId = resolved.event?.streamId;
        if (isLedgerStream(streamId)) return streamId;
      }
      return undefined;
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  /** The original answer when every event id of the batch is already in the stream, in order. */
  private async findRepeat(
    streamId: string,
    events: readonly NewEvent[],
    window: bigint,
  ): Promise<AppendResult | undefined> {
    const recent = new Map<string, RecordedEvent>();
    try {
      const read = this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: window });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved.event, resolved.commitPosition);
        if (event !== undefined) recent.set(event.eventId, event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw translate(error, `read stream ${streamId}`);
    }
    const first = events[0] === undefined ? undefined : recent.get(events[0].eventId);
    if (first === undefined) return undefined;
    const revisions: bigint[] = [];
    let position = first.position;
    events.forEach((event, index) => {
      const stored = recent.get(event.eventId);
      if (stored === undefined || stored.revision !== first.revision + BigInt(index)) {
        throw new EventIdConflict(
          streamId,
          event.eventId,
          'the batch repeats stored event ids but is not the same batch in the same order',
        );
      }
      revisions.push(stored.revision);
      position = stored.position;
    });
    return { nextExpectedRevision: first.revision + BigInt(events.length - 1), position, revisions };
  }
}

function checkRecordedFormat(found: Found): void {
  const data = found.record.data;
  const version =
    found.record.type === FORMAT_RECORDED && data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)['formatVersion']
      : undefined;
  if (version === STORE_FORMAT_VERSION) return;
  throw new StoreFormatMismatch(
    typeof version === 'number'
      ? `the EventStoreDB store is of ledger format ${version} (${FORMAT_STREAM}); this ledger reads format ` +
          `${STORE_FORMAT_VERSION} only: re-import its source into an empty EventStoreDB database`
      : `the EventStoreDB stream ${FORMAT_STREAM}@${found.record.revision} records no ledger format version; ` +
          'refusing to use a store this ledger cannot identify',
  );
}
