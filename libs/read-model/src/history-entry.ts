/**
 * A participant event as the history routes show it: the fact, who recorded it, when and why,
 * and everything its hash covers (event id, schema version, the whole stored metadata with
 * `prevHash` and `hash`), so anyone can recompute the hash outside the ledger
 * (docs/audit/event-hash.md, tools/event-hash.mjs).
 */
import type { EventMetadata, RecordedEvent } from '../../event-store/src';

export interface HistoryEntry {
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export const toHistoryEntry = (e: RecordedEvent): HistoryEntry => ({
  type: e.type,
  streamId: e.streamId,
  revision: Number(e.revision),
  eventId: e.eventId,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
});
