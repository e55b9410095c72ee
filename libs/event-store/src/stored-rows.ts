import { normaliseInstant } from './recorded-at';
import {
  CorruptEvent,
  EventIdConflict,
  type AppendResult,
  type CommandAnswer,
  type EventMetadata,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type StoredCommand,
} from './event-store.port';

/**
 * The rows of the SQL stores (SQLite and PostgreSQL share the table layout): the exact JSON the
 * ledger wrote in text columns, read back here once for both.
 */
export const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, schema_version, data, metadata';

export interface EventRow {
  readonly position: bigint;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly type: string;
  /** bigint from SQLite (safe integers), number from PostgreSQL's int4. */
  readonly schema_version: number | bigint;
  readonly data: string;
  readonly metadata: string;
}

export interface CommandRow {
  readonly envelope_hash: string;
  readonly answer: string;
}

/** Where a stored event id sits. */
export interface IdRow {
  readonly position: bigint;
  readonly stream_id: string;
  readonly revision: bigint;
}

/**
 * The answer to an append whose first event id is already stored at `first`: the same answer as
 * the first time if the whole batch repeats it, in the same stream and order; otherwise it cannot
 * be an honest retry and is refused.
 */
export function repeatedAppend(
  streamId: string,
  events: readonly NewEvent[],
  first: IdRow,
  storedAt: (eventId: string) => IdRow | undefined,
): AppendResult {
  const revisions: bigint[] = [];
  let position = first.position;
  events.forEach((event, index) => {
    const row = index === 0 ? first : storedAt(event.eventId);
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

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: parseColumn(row, 'data'),
    metadata: parseColumn(row, 'metadata') as EventMetadata,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
  };
}

function parseColumn(row: EventRow, column: 'data' | 'metadata'): unknown {
  try {
    return JSON.parse(row[column]) as unknown;
  } catch (error) {
    throw new CorruptEvent(
      { position: row.position, streamId: row.stream_id, revision: row.revision },
      `its ${column} column is not JSON (${errorMessage(error)})`,
    );
  }
}

export function toStoredCommand(commandId: string, row: CommandRow): StoredCommand {
  try {
    return { envelopeHash: row.envelope_hash, answer: JSON.parse(row.answer) as CommandAnswer };
  } catch (error) {
    throw new CorruptEvent({}, `the stored answer of command ${commandId} is not JSON (${errorMessage(error)})`);
  }
}

/** Plain JSON.stringify on the hot path; bigints (which it rejects) only cost a retry. */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One page of the global log: events with position > after, filtered, at most `limit`. */
export interface PageParams {
  readonly after: bigint;
  readonly limit: number;
  readonly studyId?: string;
  /** Normalised (six-digit microsecond UTC), compared as a string. */
  readonly recordedAt?: string;
}

/** readAll of the SQL stores: the log page by page, in position order, as ReadAllOptions asks. */
export async function* pagedLog(
  options: ReadAllOptions,
  pageSize: number,
  readPage: (params: PageParams) => RecordedEvent[] | Promise<RecordedEvent[]>,
): AsyncGenerator<RecordedEvent> {
  let after = options.fromPosition ?? 0n;
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  const recordedAt =
    options.recordedAtOrBefore === undefined
      ? undefined
      : normaliseInstant(options.recordedAtOrBefore, 'recordedAtOrBefore');
  while (remaining > 0) {
    const limit = Math.min(pageSize, remaining);
    const page = await readPage({ after, limit, studyId: options.studyId, recordedAt });
    for (const event of page) yield event;
    const last = page[page.length - 1];
    if (last === undefined || page.length < limit) return;
    after = last.position;
    remaining -= page.length;
  }
}
