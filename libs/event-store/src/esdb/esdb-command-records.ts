import { createHash, randomUUID } from 'node:crypto';
import { jsonEvent, type EventData } from '@eventstore/db-client';
import type { CommandAnswer, EventMetadata, NewEvent } from '../event-store.port';
import { bookkeepingData, corruptRecord, type Found } from './esdb-records';

/**
 * The command protocol's streams and events, as stored (docs/decisions/0008): their names, and
 * their data written and read back. Anything that does not read back as written is a CorruptEvent.
 */

/** The per-command stream; hashed because a commandId may hold any character (`$`, `@`, `/`, …). */
export const commandStreamId = (commandId: string): string =>
  // UTF-16 code units, not UTF-8: two ids differing only in an unpaired surrogate stay apart.
  `command-${createHash('sha256').update(commandId, 'utf16le').digest('hex')}`;

/** The per-study clock; study ids are `[A-Za-z0-9_-]{1,64}` in the domain, so the name is used as it is. */
export const studyClockStreamId = (studyId: string): string => `studyclock-${studyId}`;

export const CLAIMED = 'CommandClaimed';
export const ABANDONED = 'CommandAbandoned';
export const ADMITTED = 'CommandAdmitted';

export type Revision = bigint | 'no_stream';

/** A CommandClaimed event: an accepted command, its answer and its sealed events. */
export interface Claim {
  readonly stream: string;
  /** Of the CommandClaimed event in its stream. */
  readonly revision: bigint;
  readonly commandId: string;
  readonly envelopeHash: string;
  readonly studyId: string;
  readonly recordedAt: string;
  readonly streamId: string;
  readonly expectedRevision: Revision;
  readonly answer: CommandAnswer;
  readonly events: readonly NewEvent[];
}

/** A CommandAdmitted event of a study's clock. */
export interface Admission {
  readonly revision: bigint;
  readonly commandId: string;
  readonly claimStream: string;
  readonly claimRevision: bigint;
  readonly streamId: string;
  readonly expectedRevision: Revision;
  readonly eventIds: readonly string[];
  readonly recordedAt: string;
  /** The latest recorded time among the study's events when this command was admitted. */
  readonly latestBefore: string | undefined;
}

/** Why a claim was released: its stream moved on, or its study's clock did. */
export type Abandoned = 'revision-conflict' | 'clock-conflict';

export const firstRevisionAfter = (expected: Revision): bigint => (expected === 'no_stream' ? 0n : expected + 1n);
export const eventIdsOf = (claim: Pick<Claim, 'events'>): string[] => claim.events.map((e) => e.eventId);

/** What the API answers, computed from the expected revision: the events land right after it or not at all. */
export function answerOf(claim: Pick<Claim, 'commandId' | 'streamId' | 'expectedRevision' | 'events'>): CommandAnswer {
  const first = firstRevisionAfter(claim.expectedRevision);
  return {
    commandId: claim.commandId,
    events: claim.events.map((e, i) => ({
      type: e.type,
      streamId: claim.streamId,
      revision: Number(first + BigInt(i)),
    })),
  };
}

export function claimEvent(claim: Omit<Claim, 'revision' | 'stream'>): EventData {
  return jsonEvent({
    id: randomUUID(),
    type: CLAIMED,
    data: {
      commandId: claim.commandId,
      envelopeHash: claim.envelopeHash,
      studyId: claim.studyId,
      recordedAt: claim.recordedAt,
      streamId: claim.streamId,
      expectedRevision: String(claim.expectedRevision),
      answer: { commandId: claim.answer.commandId, events: claim.answer.events.map((e) => ({ ...e })) },
      events: claim.events.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
      })),
    },
  });
}

export function admissionEvent(claim: Claim, latestBefore: string | undefined): EventData {
  return jsonEvent({
    id: randomUUID(),
    type: ADMITTED,
    data: {
      commandId: claim.commandId,
      claimStream: claim.stream,
      claimRevision: String(claim.revision),
      streamId: claim.streamId,
      expectedRevision: String(claim.expectedRevision),
      eventIds: eventIdsOf(claim),
      recordedAt: claim.recordedAt,
      latestBefore: latestBefore ?? null,
    },
  });
}

export function abandonedEvent(claimRevision: bigint, reason: Abandoned): EventData {
  return jsonEvent({ id: randomUUID(), type: ABANDONED, data: { claimRevision: String(claimRevision), reason } });
}

export function parseClaim(found: Found, commandId: string): Claim {
  const fields = fieldsOf(found, CLAIMED);
  const answer = fields.object('answer');
  const claim: Claim = {
    stream: found.record.streamId,
    revision: found.record.revision,
    commandId: fields.string('commandId'),
    envelopeHash: fields.string('envelopeHash'),
    studyId: fields.string('studyId'),
    recordedAt: fields.string('recordedAt'),
    streamId: fields.string('streamId'),
    expectedRevision: fields.revision('expectedRevision'),
    answer: {
      commandId: String(answer['commandId']),
      events: fields.array(answer['events'], 'answer.events').map((e) => ({
        type: String(e['type']),
        streamId: String(e['streamId']),
        revision: Number(e['revision']),
      })),
    },
    events: fields.array(fields.value('events'), 'events').map((e) => ({
      eventId: String(e['eventId']),
      type: String(e['type']),
      schemaVersion: Number(e['schemaVersion']),
      data: e['data'],
      metadata: e['metadata'] as EventMetadata,
    })),
  };
  if (claim.commandId !== commandId)
    throw corruptRecord(found, `it claims command ${claim.commandId}, not ${commandId}`);
  if (claim.events.length === 0) throw corruptRecord(found, 'it claims no events');
  return claim;
}

export function parseAdmission(found: Found): Admission {
  const fields = fieldsOf(found, ADMITTED);
  const latestBefore = fields.value('latestBefore');
  const eventIds = fields.value('eventIds');
  if (!Array.isArray(eventIds) || eventIds.length === 0 || !eventIds.every((id) => typeof id === 'string'))
    throw corruptRecord(found, 'its eventIds are not a list of ids');
  return {
    revision: found.record.revision,
    commandId: fields.string('commandId'),
    claimStream: fields.string('claimStream'),
    claimRevision: fields.revision('claimRevision', false) as bigint,
    streamId: fields.string('streamId'),
    expectedRevision: fields.revision('expectedRevision'),
    eventIds: eventIds as string[],
    recordedAt: fields.string('recordedAt'),
    latestBefore: latestBefore === null ? undefined : fields.string('latestBefore'),
  };
}

/** Checked access to a bookkeeping event's fields: anything unexpected is a CorruptEvent. */
function fieldsOf(found: Found, type: string) {
  if (found.record.type !== type) throw corruptRecord(found, `a ${type} was expected here`);
  const data = bookkeepingData(found);
  const value = (key: string): unknown => data[key];
  const string = (key: string): string => {
    const v = data[key];
    if (typeof v !== 'string') throw corruptRecord(found, `its ${key} is not a string`);
    return v;
  };
  const object = (key: string): Record<string, unknown> => {
    const v = data[key];
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw corruptRecord(found, `its ${key} is not an object`);
    return v as Record<string, unknown>;
  };
  const array = (v: unknown, what: string): Record<string, unknown>[] => {
    if (!Array.isArray(v) || !v.every((e) => e !== null && typeof e === 'object'))
      throw corruptRecord(found, `its ${what} are not a list of objects`);
    return v as Record<string, unknown>[];
  };
  const revision = (key: string, orNoStream = true): Revision => {
    const v = string(key);
    if (v === 'no_stream' && orNoStream) return v;
    if (!/^\d+$/.test(v)) throw corruptRecord(found, `its ${key} is not a revision`);
    return BigInt(v);
  };
  return { value, string, object, array, revision };
}
