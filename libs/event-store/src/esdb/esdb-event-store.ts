import {
  ANY,
  BACKWARDS,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  NotLeaderError,
  START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type JSONType,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
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

/**
 * How far back from the head a repeat is looked for. Before an append (cheap, and where an
 * honest retry lands) and after a conflict (rare, so it can afford to look further).
 */
const RETRY_WINDOW = 100n;
const CONFLICT_WINDOW = 1000n;

type StoredMetadata = EventMetadata & { readonly schemaVersion?: number };
type EsdbRecorded = NonNullable<ResolvedEvent['event']> | NonNullable<AllStreamResolvedEvent['event']>;

/**
 * The port on EventStoreDB. Revisions, expected revisions and idempotency are native; the
 * global position is the commit position, which ESDB gives every implicitly committed event
 * separately, so it is strictly increasing per event as the port requires.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(private readonly client: EventStoreDBClient) {}

  /** Parses the connection string; the connection itself is made lazily by the first call. */
  static connect(connectionString: string): EsdbEventStore {
    try {
      return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString));
    } catch (error) {
      throw new StoreUnavailable(`invalid EventStoreDB connection string: ${errorMessage(error)}`, error);
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`appendToStream(${streamId}) needs at least one event`);
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
    const position = result.position?.commit ?? (await this.positionOf(streamId, last));
    return { nextExpectedRevision: last, position, revisions };
  }

  async readStream(streamId: string, options: { readonly fromRevision?: bigint } = {}): Promise<RecordedEvent[]> {
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

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount <= 0) return;
    const after = options.fromPosition;
    const recordedAt =
      options.recordedAtOrBefore === undefined
        ? undefined
        : normaliseInstant(options.recordedAtOrBefore, 'recordedAtOrBefore');
    const read = this.client.readAll({ fromPosition: toReadPosition(after), direction: FORWARDS });
    let count = 0;
    try {
      for await (const resolved of read) {
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

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const subscription = new EsdbSubscription(this.client, handler, options, () =>
      this.subscriptions.delete(subscription),
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

  private async positionOf(streamId: string, revision: bigint): Promise<bigint> {
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
        const event = toRecordedEvent(resolved.event, resolved.commitPosition);
        if (event !== undefined) return event.position;
      }
    } catch (error) {
      throw translate(error, `read stream ${streamId}`);
    }
    throw new Error(`EventStoreDB did not return ${streamId}@${revision} right after appending it`);
  }
}

/**
 * ESDB has no "caught up" marker we can order against delivered events (its `caughtUp`
 * event overtakes buffered data), so the end of $all is read first and catch-up is over
 * once the subscription has gone past it. System events are received, not filtered
 * server-side, precisely so that the end position (often a system event) is seen.
 */
class EsdbSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private settleCaughtUp: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private closed = false;
  private subscription: ReturnType<EventStoreDBClient['subscribeToAll']> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
    private readonly detach: () => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.settleCaughtUp = { resolve, reject };
    });
    this.caughtUp.catch(() => undefined);
    void this.run();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    this.markCaughtUp();
    await this.subscription?.unsubscribe().catch(() => undefined);
  }

  private async run(): Promise<void> {
    try {
      let last = this.options.fromPosition ?? -1n;
      const end = await this.endOfAll();
      if (end === undefined || end <= last) this.markCaughtUp();
      if (this.closed) return;
      this.subscription = this.client.subscribeToAll({ fromPosition: toReadPosition(this.options.fromPosition) });
      for await (const resolved of this.subscription) {
        if (this.closed) return;
        const position = resolved.event?.position.commit ?? resolved.commitPosition;
        const event = toRecordedEvent(resolved.event, resolved.commitPosition);
        if (event !== undefined && event.position > last && matches(event, this.options.studyId, undefined)) {
          await this.handler(event);
          last = event.position;
        }
        if (this.closed) return;
        if (end !== undefined && position !== undefined && position >= end) this.markCaughtUp();
      }
      if (!this.closed) throw new StoreUnavailable('EventStoreDB subscription ended unexpectedly');
    } catch (error) {
      this.fail(translate(error, 'subscribe to $all'));
    }
  }

  private async endOfAll(): Promise<bigint | undefined> {
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
    try {
      for await (const resolved of read) return resolved.event?.position.commit ?? resolved.commitPosition;
      return undefined;
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  private markCaughtUp(): void {
    this.settleCaughtUp?.resolve();
    this.settleCaughtUp = undefined;
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    void this.subscription?.unsubscribe().catch(() => undefined);
    if (this.settleCaughtUp !== undefined) {
      this.settleCaughtUp.reject(error);
      this.settleCaughtUp = undefined;
    } else if (this.options.onError !== undefined) {
      this.options.onError(error);
    } else {
      console.error('event-store subscription stopped:', error);
    }
  }
}

function toEventData(event: NewEvent): ReturnType<typeof jsonEvent> {
  const metadata: StoredMetadata = { ...event.metadata, schemaVersion: event.schemaVersion };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // ESDB stores whatever JSON.stringify makes of it, exactly like the SQLite adapter.
    data: event.data as JSONType,
    metadata: metadata as unknown as JSONType,
  });
}

/** Our view of a stored event; undefined for system, link and foreign (non-JSON) records. */
function toRecordedEvent(
  recorded: EsdbRecorded | undefined,
  commitPosition: bigint | undefined,
): RecordedEvent | undefined {
  if (recorded === undefined || !recorded.isJson) return undefined;
  if (recorded.type.startsWith('$') || recorded.streamId.startsWith('$')) return undefined;
  const raw = recorded.metadata;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Uint8Array) return undefined;
  const { schemaVersion, ...metadata } = raw as unknown as StoredMetadata;
  const position = recorded.position?.commit ?? commitPosition;
  if (position === undefined)
    throw new Error(`EventStoreDB returned ${recorded.streamId}@${recorded.revision} without a position`);
  return {
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data: recorded.data,
    metadata,
    streamId: recorded.streamId,
    revision: recorded.revision,
    position,
  };
}

function matches(event: RecordedEvent, studyId: string | undefined, recordedAtOrBefore: string | undefined): boolean {
  if (studyId !== undefined && event.metadata.studyId !== studyId) return false;
  if (recordedAtOrBefore === undefined) return true;
  const recordedAt = Date.parse(event.metadata.recordedAt);
  return !Number.isNaN(recordedAt) && new Date(recordedAt).toISOString() <= recordedAtOrBefore;
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return expected;
}

/** Our positions are exclusive checkpoints; an ESDB read from a position includes it. */
function toReadPosition(position: bigint | undefined): ReadPosition {
  return position === undefined ? START : { commit: position, prepare: position };
}

function translate(error: unknown, what: string): unknown {
  if (error instanceof StoreUnavailable || error instanceof RevisionConflict || error instanceof EventIdConflict)
    return error;
  const unreachable =
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    (error instanceof Error && /failed to discover|ECONNREFUSED|ENOTFOUND|UNAVAILABLE/i.test(error.message));
  return unreachable
    ? new StoreUnavailable(`EventStoreDB unavailable (${what}): ${errorMessage(error)}`, error)
    : error;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
