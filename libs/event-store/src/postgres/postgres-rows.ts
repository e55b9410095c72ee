import pg from 'pg';
import type { NewEvent } from '../event-store.port';
import { normaliseInstant } from '../recorded-at';
import { toJson } from '../stored-rows';

export {
  EVENT_COLUMNS,
  errorMessage,
  toRecordedEvent,
  toStoredCommand,
  type CommandRow,
  type EventRow,
} from '../stored-rows';

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
