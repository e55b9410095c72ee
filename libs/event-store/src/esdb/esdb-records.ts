import {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  isCommandError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type EventData,
  type EventStoreDBClient,
  type JSONType,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  CorruptEvent,
  EventIdConflict,
  RevisionConflict,
  StoreBusy,
  StoreFormatMismatch,
  StoreUnavailable,
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port';
import { normaliseInstant } from '../recorded-at';
import { errorMessage } from '../stored-rows';

export { errorMessage };

/**
 * The ledger's own categories: the global log the ledger reads (readAll, subscribeToAll) holds
 * their events only. The adapter's bookkeeping streams (`command-…`, `studyclock-…`,
 * `ledger-format`), ESDB's system streams and anything a foreign writer put on the server stay out.
 */
const LEDGER_CATEGORIES = ['study-', 'participant-'] as const;

export function isLedgerStream(streamId: string | undefined): boolean {
  return streamId !== undefined && LEDGER_CATEGORIES.some((category) => streamId.startsWith(category));
}

type StoredMetadata = EventMetadata & { readonly schemaVersion?: number };
export type EsdbRecorded = NonNullable<ResolvedEvent['event']> | NonNullable<AllStreamResolvedEvent['event']>;

export function toEventData(event: NewEvent): EventData {
  const metadata: StoredMetadata = { ...event.metadata, schemaVersion: event.schemaVersion };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // ESDB stores whatever JSON.stringify makes of it, exactly like the SQLite adapter.
    data: event.data as JSONType,
    metadata: metadata as unknown as JSONType,
  });
}

/**
 * Our view of a stored event; undefined for system and link records, and for foreign records
 * outside the ledger's categories. In a ledger stream, a record that cannot be read as we write
 * them is a CorruptEvent. The client returns JSON data that fails to parse as its raw text, and
 * metadata that fails to parse as bytes; every ledger event's data is a JSON object, so a bare
 * string there can only be such a payload.
 */
export function toRecordedEvent(
  recorded: EsdbRecorded | undefined,
  commitPosition: bigint | undefined,
): RecordedEvent | undefined {
  if (recorded === undefined) return undefined;
  if (recorded.type.startsWith('$') || recorded.streamId.startsWith('$')) return undefined;
  const position = recorded.position?.commit ?? commitPosition;
  const ledger = isLedgerStream(recorded.streamId);
  const corrupt = (detail: string) =>
    new CorruptEvent({ position, streamId: recorded.streamId, revision: recorded.revision }, detail);
  if (!recorded.isJson) {
    if (ledger) throw corrupt('it is not stored as JSON');
    return undefined;
  }
  const raw = recorded.metadata;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Uint8Array) {
    if (ledger) throw corrupt(raw instanceof Uint8Array ? 'its metadata is not JSON' : 'it has no metadata object');
    return undefined;
  }
  if (ledger && typeof recorded.data === 'string') throw corrupt('its data is not JSON');
  if (position === undefined)
    throw new Error(`EventStoreDB returned ${recorded.streamId}@${recorded.revision} without a position`);
  const { schemaVersion, ...metadata } = raw as unknown as StoredMetadata;
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

/** A record read back from a stream, with its global position when the server gives one. */
export interface Found {
  readonly record: EsdbRecorded;
  readonly position: bigint | undefined;
}

/** What was wrong with a record, and where it sits. */
export function corruptRecord(found: Found, detail: string): CorruptEvent {
  return new CorruptEvent(
    { position: found.position, streamId: found.record.streamId, revision: found.record.revision },
    detail,
  );
}

/** The data of one of the adapter's bookkeeping events, which is always a JSON object. */
export function bookkeepingData(found: Found): Record<string, unknown> {
  const data: unknown = found.record.data;
  if (!found.record.isJson || data === null || typeof data !== 'object' || Array.isArray(data))
    throw corruptRecord(found, `its ${found.record.type} data is not a JSON object`);
  return data as Record<string, unknown>;
}

export function matches(
  event: RecordedEvent,
  studyId: string | undefined,
  recordedAtOrBefore: string | undefined,
): boolean {
  if (studyId !== undefined && event.metadata.studyId !== studyId) return false;
  if (recordedAtOrBefore === undefined) return true;
  // Both sides in the same six-digit shape: a millisecond instant must not sort after its own microsecond form.
  try {
    return normaliseInstant(event.metadata.recordedAt, 'metadata.recordedAt') <= recordedAtOrBefore;
  } catch {
    return false;
  }
}

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return expected;
}

/** Our positions are exclusive checkpoints; an ESDB read from a position includes it. */
export function toReadPosition(position: bigint | undefined): ReadPosition {
  return position === undefined ? START : { commit: position, prepare: position };
}

/**
 * Reads for the command protocol go to the leader: a follower may lag, and the protocol's
 * reasoning (a claim seen absent, a clock seen at revision n) holds only for an up-to-date read.
 */
const LEADER = { requiresLeader: true } as const;

/** The last record of a stream; undefined when the stream does not exist. */
export async function readLast(client: EventStoreDBClient, streamId: string): Promise<Found | undefined> {
  const found = await readRecords(client, streamId, END, 1, BACKWARDS);
  return found[0];
}

/** Up to maxCount records from `fromRevision` on; [] when the stream does not exist or is shorter. */
export function readForward(
  client: EventStoreDBClient,
  streamId: string,
  fromRevision: bigint,
  maxCount: number,
): Promise<Found[]> {
  return readRecords(client, streamId, fromRevision, maxCount, FORWARDS);
}

async function readRecords(
  client: EventStoreDBClient,
  streamId: string,
  fromRevision: bigint | typeof END,
  maxCount: number,
  direction: typeof FORWARDS | typeof BACKWARDS,
): Promise<Found[]> {
  const out: Found[] = [];
  try {
    for await (const resolved of client.readStream(streamId, { fromRevision, direction, maxCount, ...LEADER })) {
      const record = resolved.event;
      if (record !== undefined) out.push({ record, position: record.position?.commit ?? resolved.commitPosition });
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw translate(error, `read stream ${streamId}`);
  }
  return out;
}

/** Global position of the event at `revision` (a server that omits it on an idempotent answer has it stored). */
export async function positionOf(client: EventStoreDBClient, streamId: string, revision: bigint): Promise<bigint> {
  const [found] = await readForward(client, streamId, revision, 1);
  if (found?.record.revision === revision && found.position !== undefined) return found.position;
  throw new Error(`EventStoreDB did not return ${streamId}@${revision} with its position right after appending it`);
}

/** One append, WrongExpectedVersionError left as it is (the caller decides what it means). */
export async function appendRecords(
  client: EventStoreDBClient,
  streamId: string,
  events: EventData[],
  expected: ExpectedRevision,
): Promise<EsdbAppendResult> {
  try {
    return await client.appendToStream(streamId, events, { expectedRevision: toEsdbExpected(expected) });
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) throw error;
    throw translate(error, `append to ${streamId}`);
  }
}

export function translate(error: unknown, what: string): unknown {
  if (
    error instanceof StoreUnavailable ||
    error instanceof StoreBusy ||
    error instanceof StoreFormatMismatch ||
    error instanceof CorruptEvent ||
    error instanceof RevisionConflict ||
    error instanceof EventIdConflict
  )
    return error;
  return isUnreachable(error)
    ? new StoreUnavailable(`EventStoreDB unavailable (${what}): ${errorMessage(error)}`, error)
    : error;
}

/** The client's error types that mean the server (or a leader) could not be had. */
const UNREACHABLE_TYPES: ReadonlySet<unknown> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

/** gRPC status codes (grpc.status) of a call the client passes on unconverted: UNAVAILABLE, DEADLINE_EXCEEDED. */
const UNREACHABLE_GRPC_STATUSES: ReadonlySet<unknown> = new Set([14, 4]);

/**
 * By the client's error type, gRPC's status code or Node's socket code. One failure has none of
 * these: a cluster whose discovery (gossip) fails, which db-client 6.2.1 throws as a bare Error
 * (Client/discovery.js) with nothing but its text to tell it by; that text, exactly, is the one
 * message still read here, until the client gives it a type.
 */
function isUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (isCommandError(error as Error)) return UNREACHABLE_TYPES.has(type);
  if (typeof code === 'number') return UNREACHABLE_GRPC_STATUSES.has(code);
  if (typeof code === 'string') return /^E[A-Z_]+$/.test(code);
  return isDiscoveryFailure(error);
}

const isDiscoveryFailure = (error: object): boolean =>
  Object.getPrototypeOf(error) === Error.prototype &&
  /^Failed to discover after \d+ attempts\.$/.test((error as Error).message);
