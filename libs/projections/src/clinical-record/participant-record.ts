/**
 * A participant's clinical record as amended: every record with its current content (corrections
 * and adverse-event updates applied, `null` clearing a field), voided ones flagged, holds paired
 * start→end per class, safety-report submissions, signatures and an amendment count.
 * `evolveParticipantRecord` is pure: it returns a new record and never touches the one it is given.
 * The record is plain JSON, so a checkpoint can hold it.
 */
import type { RecordedEvent } from '../../../event-store/src';
import {
  applyChanges,
  type AdverseEventFields,
  type AssessmentFields,
  type EnrollmentFields,
  type MedicationClass,
  type ProcedureFields,
  type RecordKind,
  type SurgeryFields,
  type WithdrawalReason,
} from '../../../trial-domain/src';
import {
  evolveAdverseEvent,
  reportedAdverseEvent,
  type AdverseEventEntry,
} from '../adverse-events/adverse-event-entry';

/** One clinical record: its id, its current fields, whether voided, and the order of its original entry. */
export interface Entry<F> {
  readonly id: string;
  /** 0-based order of the original entry among the participant's records (recording order). */
  readonly order: number;
  readonly voided: boolean;
  readonly fields: F;
}

/** A medication hold: active from its start until an end of that class is recorded. */
export interface Hold {
  readonly medicationClass: MedicationClass;
  readonly startedOn: string;
  readonly endedOn: string | null;
}

export interface Signature {
  readonly recordId: string;
  readonly recordKind: RecordKind;
  readonly meaning: string;
  readonly signedBy: { readonly id: string; readonly role: string };
  readonly signedAt: string;
  readonly contentHash: string;
}

export interface EnrollmentRecord {
  readonly outcome: 'enrolled' | 'screen_failed';
  readonly fields: EnrollmentFields;
  readonly failedCriteria: readonly string[];
}

export interface ParticipantRecord {
  readonly studyId: string;
  readonly participantId: string;
  /** signedOn of the first consent; later consents leave it. */
  readonly consentedOn: string | null;
  readonly consents: readonly { readonly consentVersion: string; readonly signedOn: string }[];
  readonly enrollment: EnrollmentRecord | null;
  readonly withdrawal: { readonly withdrawnOn: string; readonly reason: WithdrawalReason } | null;
  readonly holds: readonly Hold[];
  readonly procedures: readonly Entry<ProcedureFields>[];
  readonly assessments: readonly Entry<AssessmentFields>[];
  readonly adverseEvents: readonly AdverseEventEntry[];
  readonly surgeries: readonly Entry<SurgeryFields>[];
  /** Corrections and voids recorded. */
  readonly amendments: number;
  readonly signatures: readonly Signature[];
  /** How many records have been entered (the next record's order). */
  readonly entries: number;
  /** Recorded time of the participant's latest event. */
  readonly lastRecordedAt: string | null;
}

export const newParticipantRecord = (studyId: string, participantId: string): ParticipantRecord => ({
  studyId,
  participantId,
  consentedOn: null,
  consents: [],
  enrollment: null,
  withdrawal: null,
  holds: [],
  procedures: [],
  assessments: [],
  adverseEvents: [],
  surgeries: [],
  amendments: 0,
  signatures: [],
  entries: 0,
  lastRecordedAt: null,
});

const NOT_FIELDS = new Set(['studyId', 'participantId', 'procedureId', 'assessmentId', 'adverseEventId', 'surgeryId']);

/** Event data without the ids: the record's content. */
export const contentOf = <F>(data: Readonly<Record<string, unknown>>): F => {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(data)) if (!NOT_FIELDS.has(k)) out[k] = data[k];
  return out as F;
};

const newEntry = <F>(p: ParticipantRecord, id: string, data: Readonly<Record<string, unknown>>): Entry<F> => ({
  id,
  order: p.entries,
  voided: false,
  fields: contentOf<F>(data),
});

const replaceById = <E extends { readonly id: string }>(
  list: readonly E[],
  id: string,
  update: (e: E) => E,
): readonly E[] => {
  const i = list.findIndex((e) => e.id === id);
  if (i < 0) return list;
  const next = list.slice();
  next[i] = update(list[i] as E);
  return next;
};

type Lists = 'procedures' | 'assessments' | 'adverseEvents' | 'surgeries';
const LIST_OF_KIND: Record<Exclude<RecordKind, 'enrollment'>, Lists> = {
  procedure: 'procedures',
  assessment: 'assessments',
  adverse_event: 'adverseEvents',
  surgery: 'surgeries',
};
const ALL_LISTS: readonly Lists[] = ['procedures', 'assessments', 'adverseEvents', 'surgeries'];

/** The list holding record `id`: by its kind when the event names it, else by search. */
const listOf = (p: ParticipantRecord, id: string, kind: unknown): Lists | undefined => {
  if (typeof kind === 'string' && kind in LIST_OF_KIND) return LIST_OF_KIND[kind as keyof typeof LIST_OF_KIND];
  return ALL_LISTS.find((l) => (p[l] as readonly Entry<unknown>[]).some((e) => e.id === id));
};

type Data = Readonly<Record<string, unknown>>;

type Change = Partial<Omit<ParticipantRecord, 'studyId' | 'participantId'>>;

/** Applies one of the participant's recorded events; unknown types leave the record as it is. */
export const evolveParticipantRecord = (p: ParticipantRecord, e: RecordedEvent): ParticipantRecord => ({
  ...p,
  ...changeOf(p, e),
  lastRecordedAt: e.metadata.recordedAt,
});

/** What one event changes in the record (a small object: the record is copied once, by the caller). */
const changeOf = (p: ParticipantRecord, e: RecordedEvent): Change => {
  const d = (e.data ?? {}) as Data;
  const recordedAt = e.metadata.recordedAt;
  switch (e.type) {
    case 'ConsentRecorded': {
      const consent = { consentVersion: String(d['consentVersion']), signedOn: String(d['signedOn']) };
      return { consentedOn: p.consentedOn ?? consent.signedOn, consents: [...p.consents, consent] };
    }
    case 'ParticipantEnrolled':
    case 'ParticipantScreenFailed': {
      const { failedCriteria, ...rest } = d;
      return {
        enrollment: {
          outcome: e.type === 'ParticipantEnrolled' ? 'enrolled' : 'screen_failed',
          fields: contentOf<EnrollmentFields>(rest),
          failedCriteria: Array.isArray(failedCriteria) ? (failedCriteria as string[]) : [],
        },
      };
    }
    case 'MedicationHoldStarted':
      return {
        holds: [
          ...p.holds,
          {
            medicationClass: d['medicationClass'] as MedicationClass,
            startedOn: String(d['startedOn']),
            endedOn: null,
          },
        ],
      };
    case 'MedicationHoldEnded': {
      // Pairs with the class's active hold (the last started and not yet ended).
      const cls = d['medicationClass'];
      let i = p.holds.length - 1;
      while (i >= 0 && !(p.holds[i]?.medicationClass === cls && p.holds[i]?.endedOn === null)) i--;
      if (i < 0) return {};
      const holds = p.holds.slice();
      holds[i] = { ...(p.holds[i] as Hold), endedOn: String(d['endedOn']) };
      return { holds };
    }
    case 'ProcedureRecorded':
      return { procedures: [...p.procedures, newEntry(p, String(d['procedureId']), d)], entries: p.entries + 1 };
    case 'AssessmentRecorded':
      return { assessments: [...p.assessments, newEntry(p, String(d['assessmentId']), d)], entries: p.entries + 1 };
    case 'SubsequentSurgeryRecorded':
      return { surgeries: [...p.surgeries, newEntry(p, String(d['surgeryId']), d)], entries: p.entries + 1 };
    case 'AdverseEventReported':
      return {
        adverseEvents: [
          ...p.adverseEvents,
          reportedAdverseEvent(newEntry<AdverseEventFields>(p, String(d['adverseEventId']), d), recordedAt),
        ],
        entries: p.entries + 1,
      };
    case 'AdverseEventUpdated':
      return {
        adverseEvents: replaceById(p.adverseEvents, String(d['adverseEventId']), (ae) =>
          evolveAdverseEvent(ae, { kind: 'changes', changes: (d['changes'] ?? {}) as Data }, recordedAt),
        ),
      };
    case 'SafetyReportSubmitted':
      return {
        adverseEvents: replaceById(p.adverseEvents, String(d['adverseEventId']), (ae) =>
          evolveAdverseEvent(
            ae,
            {
              kind: 'submission',
              recipient: d['recipient'] === 'irb' ? 'irb' : 'regulator',
              submittedOn: String(d['submittedOn']),
            },
            recordedAt,
          ),
        ),
      };
    case 'RecordCorrected':
      return {
        ...corrected(p, String(d['recordId']), d['recordKind'], (d['changes'] ?? {}) as Data, recordedAt),
        amendments: p.amendments + 1,
      };
    case 'RecordVoided':
      return { ...voided(p, String(d['recordId']), d['recordKind'], recordedAt), amendments: p.amendments + 1 };
    case 'ParticipantWithdrawn':
      return { withdrawal: { withdrawnOn: String(d['withdrawnOn']), reason: d['reason'] as WithdrawalReason } };
    case 'RecordSigned':
      return {
        signatures: [
          ...p.signatures,
          {
            recordId: String(d['recordId']),
            recordKind: d['recordKind'] as RecordKind,
            meaning: String(d['meaning']),
            signedBy: (d['signedBy'] as Signature['signedBy']) ?? e.metadata.actor,
            signedAt: recordedAt,
            contentHash: String(d['contentHash'] ?? ''),
          },
        ],
      };
    default:
      return {};
  }
};

const corrected = (p: ParticipantRecord, id: string, kind: unknown, changes: Data, recordedAt: string): Change => {
  if (id === 'enrollment' || kind === 'enrollment') {
    if (!p.enrollment) return {};
    const fields = applyChanges(p.enrollment.fields as unknown as Data, changes) as unknown as EnrollmentFields;
    return { enrollment: { ...p.enrollment, fields } };
  }
  const list = listOf(p, id, kind);
  if (list === undefined) return {};
  if (list === 'adverseEvents')
    return {
      adverseEvents: replaceById(p.adverseEvents, id, (ae) =>
        evolveAdverseEvent(ae, { kind: 'changes', changes }, recordedAt),
      ),
    };
  const entries = p[list] as readonly Entry<object>[];
  return { [list]: replaceById(entries, id, (r) => ({ ...r, fields: applyChanges(r.fields as Data, changes) })) };
};

const voided = (p: ParticipantRecord, id: string, kind: unknown, recordedAt: string): Change => {
  const list = listOf(p, id, kind);
  if (list === undefined) return {};
  if (list === 'adverseEvents')
    return {
      adverseEvents: replaceById(p.adverseEvents, id, (ae) => evolveAdverseEvent(ae, { kind: 'void' }, recordedAt)),
    };
  const entries = p[list] as readonly Entry<object>[];
  return { [list]: replaceById(entries, id, (r) => ({ ...r, voided: true })) };
};

/** Non-voided records of a list. */
export const current = <E extends { readonly voided: boolean }>(list: readonly E[]): E[] =>
  list.filter((r) => !r.voided);

/** The participant's status in the lifecycle. */
export type ParticipantStatus = 'consented' | 'screen_failed' | 'enrolled' | 'withdrawn';
export const statusOf = (p: ParticipantRecord): ParticipantStatus =>
  p.enrollment === null
    ? 'consented'
    : p.enrollment.outcome === 'screen_failed'
      ? 'screen_failed'
      : p.withdrawal
        ? 'withdrawn'
        : 'enrolled';

export const isEnrolled = (p: ParticipantRecord): boolean => p.enrollment?.outcome === 'enrolled';
