/**
 * A study's clinical records: every participant's record folded from the study's events, in the
 * order participants first appear in the log, plus the number of events applied. Participant ids
 * are user data, so they key a Map (never a plain object: `__proto__` is a valid id).
 */
import type { RecordedEvent } from '../../../event-store/src';
import type { Projection } from '../projection';
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

/** JSON form: participants as an array in first-appearance order. */
export interface StudyRecordJson {
  readonly studyId: string;
  readonly eventsApplied: number;
  readonly registered: StudyRecord['registered'];
  readonly participants: readonly ParticipantRecord[];
}

export const studyRecordToJSON = (s: StudyRecord): StudyRecordJson => ({
  studyId: s.studyId,
  eventsApplied: s.eventsApplied,
  registered: s.registered,
  participants: [...s.participants.values()],
});

export const studyRecordFromJSON = (j: StudyRecordJson): StudyRecord => ({
  studyId: j.studyId,
  eventsApplied: j.eventsApplied,
  registered: j.registered,
  participants: new Map(j.participants.map((p) => [p.participantId, p])),
});

/** Every study's records, keyed by study id. */
export type StudiesState = Map<string, StudyRecord>;

/** The clinical records of every study: the base fold the study report, deviations and summaries read. */
export const clinicalRecordsProjection: Projection<StudiesState> = {
  name: 'clinical-records',
  initial: () => new Map(),
  apply: (state, e) => {
    const studyId = e.metadata.studyId;
    if (typeof studyId !== 'string') return state;
    let s = state.get(studyId);
    if (s === undefined) {
      s = newStudyRecord(studyId);
      state.set(studyId, s);
    }
    applyToStudyRecord(s, e);
    return state;
  },
  toJSON: (state) => [...state.values()].map(studyRecordToJSON),
  fromJSON: (json) => new Map((json as StudyRecordJson[]).map((j) => [j.studyId, studyRecordFromJSON(j)])),
};
