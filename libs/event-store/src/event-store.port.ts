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

/**
 * One accepted command, ready to be made durable: its events and the record that makes its
 * commandId unique, written in one transaction where the store has them.
 */
export interface CommandCommit {
  readonly commandId: string;
  /** Canonical-JSON hash of what idempotency compares (commands.md "Idempotency"). */
  readonly envelopeHash: string;
  readonly studyId: string;
  /**
   * The recorded time of the command's events. The store refuses the commit (clock-conflict)
   * when the study already holds a later recorded time, so a study's log never goes back.
   */
  readonly recordedAt: string;
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  /** Sealed events, at least one. */
  readonly events: readonly NewEvent[];
}

/** The first answer to a command, as the API returned it (commands.md "HTTP"). */
export interface CommandAnswer {
  readonly commandId: string;
  readonly events: readonly { readonly type: string; readonly streamId: string; readonly revision: number }[];
}

/** What the store remembers of an accepted command: enough to answer its repeats. */
export interface StoredCommand {
  readonly envelopeHash: string;
  readonly answer: CommandAnswer;
}

export type CommitOutcome =
  | { readonly kind: 'committed'; readonly answer: CommandAnswer; readonly position: bigint }
  /** The commandId was already recorded (by anyone, maybe a moment ago): compare the hashes. */
  | { readonly kind: 'known'; readonly command: StoredCommand }
  | { readonly kind: 'revision-conflict'; readonly actual: bigint | 'no_stream' }
  /** The study's latest recorded time is later than the commit's. */
  | { readonly kind: 'clock-conflict'; readonly latest: string }
  /** This commit alone could not be written (the error says why); the others are unaffected. */
  | { readonly kind: 'failed'; readonly error: unknown };

export interface EventStore {
  /**
   * Commits commands together (one transaction, one durable flush where the store can), each
   * judged on its own, in order, against the store as it stands inside the transaction: a
   * commandId already recorded is 'known', a stream not at the expected revision is a
   * revision-conflict, a recorded time before the study's latest is a clock-conflict; those
   * record nothing and do not hold back the others. Resolves once the committed ones are durable.
   */
  commit(commits: readonly CommandCommit[]): Promise<CommitOutcome[]>;
  /** The accepted command with this id, whoever recorded it; undefined when there is none. */
  findCommand(commandId: string): Promise<StoredCommand | undefined>;
  /** The latest recorded time among the study's events (canonical instant); undefined when none. */
  latestRecordedAt(studyId: string): Promise<string | undefined>;
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
  /**
   * What readAll yields for the same options, as one array: for readers that need the whole
   * answer before they start (a report as of an instant, a projection rebuilt from zero). A store
   * answers it as cheaply as it can (SQLite and PostgreSQL in one query), so no caller needs to
   * know which store it has.
   */
  readAllEvents(options?: ReadAllOptions): Promise<RecordedEvent[]>;
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

/**
 * The store is there but busy (another writer holds the lock longer than we may wait):
 * the caller may retry after `retryAfterSeconds`. HTTP answers 503 with Retry-After.
 */
export class StoreBusy extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreBusy';
  }
}

/**
 * A stored event cannot be read as written (unparseable column, broken hash chain): says what
 * and where, and fails only the reads and commands that touch it.
 */
export class CorruptEvent extends Error {
  constructor(
    readonly where: { readonly position?: bigint; readonly streamId?: string; readonly revision?: bigint },
    readonly detail: string,
  ) {
    super(
      `stored event ${[
        where.position !== undefined && `at position ${where.position}`,
        where.streamId !== undefined && `in stream ${where.streamId}`,
        where.revision !== undefined && `revision ${where.revision}`,
      ]
        .filter(Boolean)
        .join(' ')} is corrupt: ${detail}`,
    );
    this.name = 'CorruptEvent';
  }
}

/** The store was written by another version of the ledger and cannot be read as this one. */
export class StoreFormatMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreFormatMismatch';
  }
}

/**
 * Version of the store's layout (tables, stream ids). 2: stream ids `participant-<study>.<participant>`,
 * the commands table, six-digit recorded instants. Stores record theirs and refuse any other.
 */
export const STORE_FORMAT_VERSION = 2;

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
