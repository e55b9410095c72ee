import { createHash } from 'node:crypto';
import { canonicalJson } from '../../canonical-json/src';
import type { EventMetadata, NewEvent, RecordedEvent } from './event-store.port';

export { canonicalJson };

export type UnsealedMetadata = Omit<EventMetadata, 'prevHash' | 'hash'>;

export interface HashableEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly revision: bigint;
  readonly data: unknown;
  /** Metadata without `hash` (a present `hash` or `prevHash` member is ignored). */
  readonly metadata: UnsealedMetadata & { readonly prevHash?: string; readonly hash?: string };
}

/**
 * The stream id and revision are hashed too, so an event cannot be moved to another
 * stream or slot without breaking the chain; prevHash is hashed from its argument so the
 * caller decides the chain, not whatever the metadata happens to say.
 */
export function hashEvent(event: HashableEvent, prevHash: string): string {
  const { hash: _hash, prevHash: _prev, ...metadata } = event.metadata;
  const content = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    revision: event.revision,
    data: event.data,
    metadata,
    prevHash,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export type UnsealedEvent = Omit<NewEvent, 'metadata'> & { readonly metadata: UnsealedMetadata };

/**
 * Seals events about to be appended at startRevision, continuing the chain from prevHash
 * (the hash of the stream's last event, '' for a new stream).
 */
export function sealEvents(
  streamId: string,
  startRevision: bigint,
  prevHash: string,
  events: readonly UnsealedEvent[],
): NewEvent[] {
  const sealed: NewEvent[] = [];
  let previous = prevHash;
  events.forEach((event, index) => {
    const revision = startRevision + BigInt(index);
    const hash = hashEvent({ ...event, streamId, revision }, previous);
    sealed.push({ ...event, metadata: { ...event.metadata, prevHash: previous, hash } });
    previous = hash;
  });
  return sealed;
}

export type StreamVerification =
  { readonly ok: true } | { readonly ok: false; readonly revision: bigint; readonly reason: string };

/** Verifies a whole stream as read (from revision 0), stopping at the first broken link. */
export function verifyStream(events: readonly RecordedEvent[]): StreamVerification {
  let previous = '';
  let expectedRevision = 0n;
  const streamId = events[0]?.streamId;
  for (const event of events) {
    if (event.streamId !== streamId) {
      return {
        ok: false,
        revision: event.revision,
        reason: `event ${event.eventId} belongs to stream ${event.streamId}, not ${String(streamId)}`,
      };
    }
    if (event.revision !== expectedRevision) {
      return {
        ok: false,
        revision: event.revision,
        reason: `expected revision ${expectedRevision}, found ${event.revision}`,
      };
    }
    if (event.metadata.prevHash !== previous) {
      return { ok: false, revision: event.revision, reason: 'prevHash does not match the previous event hash' };
    }
    const recomputed = hashEvent(event, previous);
    if (event.metadata.hash !== recomputed) {
      return { ok: false, revision: event.revision, reason: 'hash does not match the event content' };
    }
    previous = recomputed;
    expectedRevision += 1n;
  }
  return { ok: true };
}
