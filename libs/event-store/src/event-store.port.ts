/**
 * The one event-store port of the ledger. Its vocabulary is borrowed from EventStoreDB
 * (appendToStream, expectedRevision, bigint revisions and positions) so that the
 * EventStoreDB adapter maps it natively and the SQLite adapter honours the same semantics.
 */

/** What the writer expects of the stream before its append. */
export type ExpectedRevision = 'any' | 'no_stream' | bigint;

/** Metadata every ledger event carries (commands.md "Metadata", issue 9 item 3). */
export interface EventMetadata {
  readonly actor: { readonly id: string; readonly role: string };
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** The clinical record time: server clock over HTTP, the envelope's on import (ISO UTC). */
  readonly recordedAt: string;
  /** The ledger's own clock when the event was written (ISO UTC). */
  readonly storedAt: string;
  readonly imported?: boolean;
  readonly studyId: string;
  /** Amendments only: the record amended and why. */
  readonly recordId?: string;
  readonly reason?: string;
  /** Canonical-JSON hash of the command envelope, for idempotency comparisons. */
  readonly envelopeHash?: string;
  /** Hash chain within the stream: the previous event's hash ('' for the first) and this event's. */
  readonly prevHash: string;
  readonly hash: string;
}

export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 0-based position of the event in its stream. */
  readonly revision: bigint;
  /** Position in the global log (commit order); strictly increasing, not necessarily contiguous. */
  readonly position: bigint;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended (or found, on an idempotent repeat). */
  readonly position: bigint;
  /** The revisions of the appended events, in order. */
  readonly revisions: readonly bigint[];
}

export interface ReadAllOptions {
  /** Exclusive: events with position > fromPosition. Omitted: from the start. */
  readonly fromPosition?: bigint;
  /** Only events whose metadata.studyId equals this. */
  readonly studyId?: string;
  /** Only events whose metadata.recordedAt is <= this ISO instant (string compare of normalised UTC). */
  readonly recordedAtOrBefore?: string;
  /** Read at most this many events. */
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: delivery starts after this position. Omitted: from the start. */
  readonly fromPosition?: bigint;
  readonly studyId?: string;
  /**
   * Called when the subscription stops on an error after catch-up (a throwing handler, a lost
   * connection). Before catch-up the error rejects `caughtUp` instead. Omitted: console.error.
   */
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once the catch-up phase is over (everything stored at subscribe time delivered). */
  readonly caughtUp: Promise<void>;
  close(): Promise<void>;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface EventStore {
  /**
   * Appends atomically. Throws RevisionConflict when the stream is not at the expected revision.
   * Idempotent on event ids: re-appending events whose ids are already stored in that stream,
   * in the same order, records nothing and answers as the first append did.
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Every event of the stream in revision order, from fromRevision (inclusive); [] when none. */
  readStream(streamId: string, options?: { readonly fromRevision?: bigint }): Promise<RecordedEvent[]>;
  /** The global log in commit order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catch-up then live: every event after the checkpoint, in order, each exactly once. */
  subscribeToAll(handler: EventHandler, options?: SubscribeOptions): Subscription;
  /**
   * Runs `work` so that the appends it makes become durable together, with one commit, where the
   * store can (SQLite: one transaction, one fsync); elsewhere each append commits on its own.
   * For bulk imports, whose lines are acknowledged only when the whole run ends. If `work`
   * throws, the batch's appends are rolled back where the store batches them.
   */
  inBatch<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The stream was not at the revision the writer expected. */
export class RevisionConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId} expected revision ${String(expected)} but is at ${String(actual)}`);
    this.name = 'RevisionConflict';
  }
}

/** The store cannot be reached or opened. */
export class StoreUnavailable extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailable';
  }
}

/**
 * Event ids are the idempotency key: re-sending part of a stored batch, or an id that is
 * stored in another stream, cannot be an honest retry and is refused rather than guessed at.
 */
export class EventIdConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    detail: string,
  ) {
    super(`event id ${eventId} cannot be appended to stream ${streamId}: ${detail}`);
    this.name = 'EventIdConflict';
  }
}
