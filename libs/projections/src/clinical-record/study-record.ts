/**
 * A study's clinical records: every participant's record folded from the study's events, in the
 * order participants first appear in the log, plus the number of events applied. Participant ids
 * are user data, so they key a Map (never a plain object: `__proto__` is a valid id).
 */
import type { RecordedEvent } from '../../../event-store/src';
import { canonicalRecordedAt } from '../projection';
import { evolveParticipantRecord, newParticipantRecord, type ParticipantRecord } from './participant-record';

export interface StudyRecord {
  readonly studyId: string;
  /** The study's events applied (study stream included). */
  eventsApplied: number;
  registered: { readonly title: string; readonly irbApprovalNumber: string; readonly protocolVersion: string } | null;
  readonly participants: Map<string, ParticipantRecord>;
}

export const newStudyRecord = (studyId: string): StudyRecord => ({
  studyId,
  eventsApplied: 0,
  registered: null,
  participants: new Map(),
});

const participantIdOf = (e: RecordedEvent): string | undefined => {
  const id = (e.data as { participantId?: unknown } | null)?.participantId;
  return typeof id === 'string' ? id : undefined;
};

/** Applies one of the study's events in place (the fold owns the study record). */
export const applyToStudyRecord = (s: StudyRecord, e: RecordedEvent): StudyRecord => {
  s.eventsApplied += 1;
  if (e.type === 'StudyRegistered') {
    const d = e.data as Record<string, string>;
    s.registered = {
      title: String(d['title']),
      irbApprovalNumber: String(d['irbApprovalNumber']),
      protocolVersion: String(d['protocolVersion']),
    };
    return s;
  }
  const participantId = participantIdOf(e);
  if (participantId === undefined) return s;
  const before = s.participants.get(participantId) ?? newParticipantRecord(s.studyId, participantId);
  s.participants.set(participantId, evolveParticipantRecord(before, e));
  return s;
};

/** Folds the study's events recorded at or before `asOf` (canonical instant; omitted: all). Filters, never assumes. */
export const foldStudyRecord = (studyId: string, events: Iterable<RecordedEvent>, asOf?: string): StudyRecord => {
  const s = newStudyRecord(studyId);
  for (const e of events) {
    if (e.metadata.studyId !== studyId) continue;
    if (asOf !== undefined && canonicalRecordedAt(e.metadata.recordedAt) > asOf) continue;
    applyToStudyRecord(s, e);
  }
  return s;
};
