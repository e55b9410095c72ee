/**
 * A participant's record as the ledger knows it after folding their stream: every record with
 * its current (amended) content and whether it was voided. `evolve` is pure and total.
 */
import type { EnrollmentFields, MedicationClass, RecordKind, WithdrawalReason } from '../shared/vocabulary';
import type { ParticipantEvent } from './participant.events';

export interface ClinicalRecord {
  readonly id: string;
  readonly kind: Exclude<RecordKind, 'enrollment'>;
  /** Current content, as amended (ids excluded). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly voided: boolean;
  /** Order of the original entry in the participant's log (0-based among records). */
  readonly order: number;
}

export interface Enrollment {
  readonly outcome: 'enrolled' | 'screen_failed';
  readonly fields: EnrollmentFields;
  readonly failedCriteria: readonly string[];
}

export interface ParticipantState {
  readonly exists: boolean;
  readonly firstConsentOn: string | null;
  readonly enrollment: Enrollment | null;
  readonly withdrawal: {
    readonly withdrawnOn: string;
    readonly reason: WithdrawalReason;
  } | null;
  /** Active holds by class: the startedOn of the active hold. */
  readonly activeHolds: Readonly<Partial<Record<MedicationClass, string>>>;
  readonly records: ReadonlyMap<string, ClinicalRecord>;
}

export const initialParticipantState: ParticipantState = {
  exists: false,
  firstConsentOn: null,
  enrollment: null,
  withdrawal: null,
  activeHolds: {},
  records: new Map(),
};

const ID_FIELDS = ['studyId', 'participantId', 'procedureId', 'assessmentId', 'adverseEventId', 'surgeryId'];

const withoutIds = (data: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).filter(([k]) => !ID_FIELDS.includes(k)));

/** Applies changes where `null` clears a field. */
export const applyChanges = (
  fields: Readonly<Record<string, unknown>>,
  changes: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  const next: Record<string, unknown> = { ...fields };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
};

const addRecord = (s: ParticipantState, id: string, kind: ClinicalRecord['kind'], data: object): ParticipantState => {
  const records = new Map(s.records);
  records.set(id, {
    id,
    kind,
    fields: withoutIds(data as Record<string, unknown>),
    voided: false,
    order: s.records.size,
  });
  return { ...s, records };
};

const updateRecord = (
  s: ParticipantState,
  id: string,
  update: (r: ClinicalRecord) => ClinicalRecord,
): ParticipantState => {
  const r = s.records.get(id);
  if (!r) return s;
  const records = new Map(s.records);
  records.set(id, update(r));
  return { ...s, records };
};

export const evolve = (s: ParticipantState, e: ParticipantEvent): ParticipantState => {
  switch (e.type) {
    case 'ConsentRecorded':
      return {
        ...s,
        exists: true,
        firstConsentOn: s.firstConsentOn ?? e.data.signedOn,
      };
    case 'ParticipantEnrolled':
    case 'ParticipantScreenFailed': {
      const { studyId: _s, participantId: _p, ...rest } = e.data;
      const { failedCriteria = [], ...fields } = rest as typeof rest & {
        failedCriteria?: readonly string[];
      };
      return {
        ...s,
        enrollment: {
          outcome: e.type === 'ParticipantEnrolled' ? 'enrolled' : 'screen_failed',
          fields: fields as EnrollmentFields,
          failedCriteria,
        },
      };
    }
    case 'MedicationHoldStarted':
      return {
        ...s,
        activeHolds: {
          ...s.activeHolds,
          [e.data.medicationClass]: e.data.startedOn,
        },
      };
    case 'MedicationHoldEnded': {
      const activeHolds = { ...s.activeHolds };
      delete activeHolds[e.data.medicationClass];
      return { ...s, activeHolds };
    }
    case 'ProcedureRecorded':
      return addRecord(s, e.data.procedureId, 'procedure', e.data);
    case 'AssessmentRecorded':
      return addRecord(s, e.data.assessmentId, 'assessment', e.data);
    case 'AdverseEventReported':
      return addRecord(s, e.data.adverseEventId, 'adverse_event', e.data);
    case 'SubsequentSurgeryRecorded':
      return addRecord(s, e.data.surgeryId, 'surgery', e.data);
    case 'AdverseEventUpdated':
      return updateRecord(s, e.data.adverseEventId, (r) => ({
        ...r,
        fields: applyChanges(r.fields, e.data.changes),
      }));
    case 'RecordCorrected':
      if (e.data.recordKind === 'enrollment') {
        if (!s.enrollment) return s;
        const fields = applyChanges(s.enrollment.fields as unknown as Record<string, unknown>, e.data.changes);
        return {
          ...s,
          enrollment: {
            ...s.enrollment,
            fields: fields as unknown as EnrollmentFields,
          },
        };
      }
      return updateRecord(s, e.data.recordId, (r) => ({
        ...r,
        fields: applyChanges(r.fields, e.data.changes),
      }));
    case 'RecordVoided':
      return updateRecord(s, e.data.recordId, (r) => ({ ...r, voided: true }));
    case 'ParticipantWithdrawn':
      return {
        ...s,
        withdrawal: { withdrawnOn: e.data.withdrawnOn, reason: e.data.reason },
      };
    case 'SafetyReportSubmitted':
    case 'RecordSigned':
      return s;
    default: {
      // Unknown future event types leave the state as it is.
      const _never: never = e;
      void _never;
      return s;
    }
  }
};

export const foldParticipant = (events: readonly ParticipantEvent[]): ParticipantState =>
  events.reduce(evolve, initialParticipantState);
