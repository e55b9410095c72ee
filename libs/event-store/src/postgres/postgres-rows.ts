import pg from 'pg';
import {
  CorruptEvent,
  type CommandAnswer,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
  type StoredCommand,
} from '../event-store.port';
import { normaliseInstant } from '../recorded-at';

/**
 * int8 (positions, revisions, MAX(...)) parsed as bigint, for this store's pool only: pg's
 * default is a string, and a global setting would change every other pg user in the process.
 */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => BigInt(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, schema_version, data, metadata';

export interface EventRow {
  readonly position: bigint;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
}

export interface CommandRow {
  readonly envelope_hash: string;
  readonly answer: string;
}

/** One events row, ready to insert: everything that can throw has been done. */
export interface PreparedEventRow {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
  readonly studyId: string | null;
  readonly recordedAt: string;
  readonly storedAt: string | null;
}

/** Events rows as column arrays, for an INSERT ... SELECT FROM unnest(...): one statement for many rows. */
export class EventColumns {
  private readonly rows: PreparedEventRow[] = [];

  /** Throws (a bad recordedAt, unserialisable data) as SQLite's insert loop does, in the same order. */
  static prepare(streamId: string, revision: bigint, event: NewEvent): PreparedEventRow {
    const metadata = event.metadata;
    const data = toJson(event.data);
    const metadataJson = toJson(metadata);
    return {
      eventId: event.eventId,
      streamId,
      revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data,
      metadata: metadataJson,
      studyId: metadata.studyId ?? null,
      recordedAt: normaliseInstant(metadata.recordedAt, 'metadata.recordedAt'),
      storedAt: metadata.storedAt ?? null,
    };
  }

  get length(): number {
    return this.rows.length;
  }

  add(row: PreparedEventRow): void {
    this.rows.push(row);
  }

  /** $1..$10 of INSERT_EVENTS_FROM_ARRAYS. */
  params(): unknown[] {
    const column = <K extends keyof PreparedEventRow>(key: K) => this.rows.map((r) => r[key]);
    return [
      column('eventId'),
      column('streamId'),
      column('revision'),
      column('type'),
      column('schemaVersion'),
      column('data'),
      column('metadata'),
      column('studyId'),
      column('recordedAt'),
      column('storedAt'),
    ];
  }
}

/**
 * The rows go in in array order (ORDER BY the ordinality), so positions, drawn from the
 * identity as each row is inserted, rise with the order the ledger gave.
 */
export const INSERT_EVENTS_FROM_ARRAYS = `
  INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, study_id, recorded_at, stored_at)
  SELECT e.event_id, e.stream_id, e.revision, e.type, e.schema_version, e.data, e.metadata, e.study_id, e.recorded_at, e.stored_at
  FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
    WITH ORDINALITY AS e(event_id, stream_id, revision, type, schema_version, data, metadata, study_id, recorded_at, stored_at, ord)
  ORDER BY e.ord`;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
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
