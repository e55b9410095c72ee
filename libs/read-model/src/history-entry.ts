/** A participant event as the history routes show it: the fact, who recorded it, when, why, and its hash. */
import type { RecordedEvent } from '../../event-store/src';

export interface HistoryEntry {
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly data: unknown;
  readonly metadata: {
    readonly actor: { readonly id: string; readonly role: string };
    readonly recordedAt: string;
    readonly storedAt: string;
    readonly commandId: string;
    readonly imported?: boolean;
    readonly reason?: string;
    readonly recordId?: string;
    readonly hash: string;
  };
}

export const toHistoryEntry = (e: RecordedEvent): HistoryEntry => {
  const m = e.metadata;
  return {
    type: e.type,
    streamId: e.streamId,
    revision: Number(e.revision),
    data: e.data,
    metadata: {
      actor: m.actor,
      recordedAt: m.recordedAt,
      storedAt: m.storedAt,
      commandId: m.commandId,
      ...(m.imported && { imported: true }),
      ...(m.reason !== undefined && { reason: m.reason }),
      ...(m.recordId !== undefined && { recordId: m.recordId }),
      hash: m.hash,
    },
  };
};
