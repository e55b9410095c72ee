/**
 * The roster of each study: one row per participant with where they stand in the lifecycle
 * (consented, screen failed, enrolled, withdrawn), kept from lifecycle events only.
 */
import type { RecordedEvent } from '../../../event-store/src';
import { participantOf, type Projection } from '../projection';
import type { ParticipantStatus } from '../clinical-record/participant-record';

export interface RosterRow {
  readonly participantId: string;
  readonly status: ParticipantStatus;
  readonly consentedOn: string | null;
  readonly enrolledOn: string | null;
  readonly failedCriteria: readonly string[];
  readonly withdrawnOn: string | null;
  readonly withdrawalReason: string | null;
  readonly lastRecordedAt: string;
}

/** Study id → participant id → row (Maps: ids are user data). */
export type RosterState = Map<string, Map<string, RosterRow>>;

export const newRosterRow = (participantId: string, recordedAt: string): RosterRow => ({
  participantId,
  status: 'consented',
  consentedOn: null,
  enrolledOn: null,
  failedCriteria: [],
  withdrawnOn: null,
  withdrawalReason: null,
  lastRecordedAt: recordedAt,
});

/** Pure: the row after one of the participant's events. */
export const evolveRosterRow = (row: RosterRow, e: RecordedEvent): RosterRow => {
  const d = e.data as Record<string, unknown>;
  const r = { ...row, lastRecordedAt: e.metadata.recordedAt };
  switch (e.type) {
    case 'ConsentRecorded':
      return { ...r, consentedOn: row.consentedOn ?? String(d['signedOn']) };
    case 'ParticipantEnrolled':
      return { ...r, status: 'enrolled', enrolledOn: String(d['enrolledOn']) };
    case 'ParticipantScreenFailed':
      return {
        ...r,
        status: 'screen_failed',
        enrolledOn: null,
        failedCriteria: (d['failedCriteria'] as string[]) ?? [],
      };
    case 'ParticipantWithdrawn':
      return {
        ...r,
        status: 'withdrawn',
        withdrawnOn: String(d['withdrawnOn']),
        withdrawalReason: String(d['reason']),
      };
    case 'RecordCorrected': {
      const changes = (d['changes'] ?? {}) as Record<string, unknown>;
      return d['recordKind'] === 'enrollment' &&
        row.status !== 'screen_failed' &&
        typeof changes['enrolledOn'] === 'string'
        ? { ...r, enrolledOn: changes['enrolledOn'] }
        : r;
    }
    default:
      return r;
  }
};

export const studyRosterProjection: Projection<RosterState> = {
  name: 'study-roster',
  initial: () => new Map(),
  apply: (state, e) => {
    const who = participantOf(e);
    if (who === undefined) return state;
    let study = state.get(who.studyId);
    if (study === undefined) {
      study = new Map();
      state.set(who.studyId, study);
    }
    study.set(
      who.participantId,
      evolveRosterRow(study.get(who.participantId) ?? newRosterRow(who.participantId, e.metadata.recordedAt), e),
    );
    return state;
  },
  toJSON: (state) => [...state.entries()].map(([studyId, rows]) => ({ studyId, rows: [...rows.values()] })),
  fromJSON: (json) =>
    new Map(
      (json as { studyId: string; rows: RosterRow[] }[]).map((s) => [
        s.studyId,
        new Map(s.rows.map((r) => [r.participantId, r])),
      ]),
    ),
};

/** The study's roster rows in first-seen order. */
export const rosterOf = (state: RosterState, studyId: string): RosterRow[] => [...(state.get(studyId)?.values() ?? [])];
