/**
 * A study as the read model folds it: the projections' study record (whose participants are the
 * domain's one participant fold) plus what the read side keeps beside it: when the study was
 * registered, its latest recorded time, and each participant's place in the roster (the log
 * position of their first event, their first consent).
 */
import type { RecordedEvent } from '../../event-store/src';
import { applyToStudyRecord, newStudyRecord, type StudyRecord } from '../../projections/src';
import type { ParticipantRow, StudyRow } from './read-model.port';

export interface StudyFold {
  readonly record: StudyRecord;
  registeredAt: string | null;
  lastRecordedAt: string | null;
  readonly seqs: Map<string, bigint>;
}

export const newStudyFold = (studyId: string): StudyFold => ({
  record: newStudyRecord(studyId),
  registeredAt: null,
  lastRecordedAt: null,
  seqs: new Map(),
});

/** A study fold resumed from stored rows (some or all of its participants). */
export const studyFoldFrom = (row: StudyRow, participants: readonly ParticipantRow[]): StudyFold => {
  const fold = newStudyFold(row.studyId);
  fold.record.eventsApplied = row.eventsApplied;
  fold.record.registered = row.registered;
  fold.registeredAt = row.registeredAt;
  fold.lastRecordedAt = row.lastRecordedAt;
  for (const p of participants) addParticipant(fold, p);
  return fold;
};

export const addParticipant = (fold: StudyFold, p: ParticipantRow): void => {
  fold.record.participants.set(p.state.participantId, p.state);
  fold.seqs.set(p.state.participantId, p.seq);
};

const participantIdOf = (e: RecordedEvent): string | undefined => {
  const id = (e.data as { participantId?: unknown } | null)?.participantId;
  return typeof id === 'string' ? id : undefined;
};

/** Applies one of the study's events in place; returns the participant it concerned, if any. */
export const applyToStudyFold = (fold: StudyFold, e: RecordedEvent): string | undefined => {
  applyToStudyRecord(fold.record, e);
  if (e.type === 'StudyRegistered' && fold.registeredAt === null) fold.registeredAt = e.metadata.recordedAt;
  fold.lastRecordedAt = e.metadata.recordedAt;
  const participantId = participantIdOf(e);
  if (participantId !== undefined && !fold.seqs.has(participantId)) fold.seqs.set(participantId, e.position);
  return participantId;
};

export const studyRowOf = (fold: StudyFold): StudyRow => ({
  studyId: fold.record.studyId,
  eventsApplied: fold.record.eventsApplied,
  registered: fold.record.registered,
  registeredAt: fold.registeredAt,
  lastRecordedAt: fold.lastRecordedAt,
});

export const participantRowOf = (fold: StudyFold, participantId: string): ParticipantRow | undefined => {
  const state = fold.record.participants.get(participantId);
  const seq = fold.seqs.get(participantId);
  return state === undefined || seq === undefined ? undefined : { seq, state };
};

/** The study's participants in roster order. */
export const participantRowsOf = (fold: StudyFold): ParticipantRow[] =>
  [...fold.record.participants.keys()]
    .map((id) => participantRowOf(fold, id) as ParticipantRow)
    .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
