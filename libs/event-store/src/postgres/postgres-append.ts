import type { ClientBase } from 'pg';
import {
  EventIdConflict,
  RevisionConflict,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
} from '../event-store.port';
import { repeatedAppend, type IdRow } from '../stored-rows';
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
  if (storedFirst !== undefined) return repeatedAppend(streamId, events, storedFirst, (id) => stored.get(id));
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
