import type { ClientBase } from 'pg';
import {
  EventIdConflict,
  RevisionConflict,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
} from '../event-store.port';
import { EventColumns, INSERT_EVENTS_FROM_ARRAYS } from './postgres-rows';

/** The stored rows for a batch's event ids, and (event_id NULL) the head of the stream. */
const APPEND_LOOKUP = `
  SELECT event_id, position, stream_id, revision FROM events WHERE event_id = ANY($1::text[])
  UNION ALL
  SELECT NULL, NULL, NULL, max(revision) FROM events WHERE stream_id = $2`;

interface LookupRow {
  readonly event_id: string | null;
  readonly position: bigint | null;
  readonly stream_id: string | null;
  readonly revision: bigint | null;
}

interface IdRow {
  readonly position: bigint;
  readonly stream_id: string;
  readonly revision: bigint;
}

/**
 * SqliteEventStore.appendInTransaction, inside a write transaction that holds the write lock,
 * in two round trips: what is stored (the batch's ids, the head), then one INSERT for all the
 * events. Event-id collisions are found from the lookup rather than from a failed INSERT, which
 * would abort the transaction.
 */
export async function appendEvents(
  client: ClientBase,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const first = events[0];
  if (first === undefined) throw new Error('unreachable: empty batch');
  const { rows } = await client.query<LookupRow>({
    name: 'ledger-append-lookup',
    text: APPEND_LOOKUP,
    values: [events.map((e) => e.eventId), streamId],
  });
  const stored = new Map<string, IdRow>();
  let current: bigint | undefined;
  for (const row of rows) {
    if (row.event_id === null) current = row.revision ?? undefined;
    else stored.set(row.event_id, row as IdRow);
  }
  // Idempotency is decided before the revision check, as EventStoreDB does: a retried
  // append whose first attempt succeeded must get its original answer, not a conflict.
  const storedFirst = stored.get(first.eventId);
  if (storedFirst !== undefined) return repeatedAppend(streamId, events, stored, storedFirst);
  if (expected === 'no_stream' ? current !== undefined : expected !== 'any' && current !== expected)
    throw new RevisionConflict(streamId, expected, current ?? 'no_stream');

  const seen = new Set<string>();
  for (const event of events) {
    const row = stored.get(event.eventId);
    if (row !== undefined)
      throw new EventIdConflict(
        streamId,
        event.eventId,
        `it is already stored in stream ${row.stream_id} at revision ${row.revision}`,
      );
    if (seen.has(event.eventId)) throw new EventIdConflict(streamId, event.eventId, 'it appears twice in the batch');
    seen.add(event.eventId);
  }
  return insertEvents(client, streamId, events, current === undefined ? 0n : current + 1n);
}

/** Inserts events from revision `from` on, in one statement; the caller has checked the stream is there. */
export async function insertEvents(
  client: ClientBase,
  streamId: string,
  events: readonly NewEvent[],
  from: bigint,
): Promise<AppendResult> {
  const columns = new EventColumns();
  events.forEach((event, i) => columns.add(EventColumns.prepare(streamId, from + BigInt(i), event)));
  const last = from + BigInt(events.length - 1);
  const inserted = await client.query<{ position: bigint; revision: bigint }>({
    name: 'ledger-insert-events',
    text: `${INSERT_EVENTS_FROM_ARRAYS} RETURNING position, revision`,
    values: columns.params(),
  });
  const position = inserted.rows.find((r) => r.revision === last)?.position;
  if (position === undefined) throw new Error(`append to ${streamId} inserted no row at revision ${last}`);
  return { nextExpectedRevision: last, position, revisions: events.map((_, i) => from + BigInt(i)) };
}

function repeatedAppend(
  streamId: string,
  events: readonly NewEvent[],
  stored: ReadonlyMap<string, IdRow>,
  first: IdRow,
): AppendResult {
  const revisions: bigint[] = [];
  let position = first.position;
  events.forEach((event, index) => {
    const row = stored.get(event.eventId);
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

/**
 * `work` inside a savepoint: if it throws, only what it did is undone and the transaction goes
 * on (an error inside a PostgreSQL transaction otherwise aborts all of it).
 */
export async function withSavepoint<T>(client: ClientBase, name: string, work: () => Promise<T>): Promise<T> {
  await client.query(`SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // If this fails too, the transaction is lost: that error goes up and the whole write rolls back.
    await client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
    throw error;
  }
  await client.query(`RELEASE SAVEPOINT ${name}`);
  return result;
}
