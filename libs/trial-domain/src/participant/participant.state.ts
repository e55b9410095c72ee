/**
 * A participant as the ledger knows it after folding their stream: consents, enrollment, holds,
 * every clinical record with its current (amended) content, which amendment set each changed
 * value, voids, safety submissions, signatures and withdrawal. This is the one fold of
 * participant facts: the deciders judge commands on it, and every view (roster, participant
 * view, adverse-event listing, deviations, the study report) is derived from it. `evolve` is
 * pure and total, and the state is plain JSON, so a read model can store it as it is.
 */
import { utcDateOf } from '../shared/dates';
import type {
  AdverseEventFields,
  AssessmentFields,
  EnrollmentFields,
  MedicationClass,
  ProcedureFields,
  RecordKind,
  SurgeryFields,
  WithdrawalReason,
} from '../shared/vocabulary';
import { ENROLLMENT_RECORD_ID } from '../shared/vocabulary';
import { withExpeditedClock, withUpgradeMark, type UpgradeMark } from '../adverse-event/expedited-clock';
import { applyChanges } from '../amendment/apply-changes';
import type { ParticipantEvent } from './participant.events';

/** Who recorded an event, when, and under which command: what every fold step may cite. */
export interface EventMeta {
  readonly recordedAt: string;
  readonly commandId: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly reason?: string;
}

/** A participant event as recorded: the fact and its metadata. */
export type RecordedParticipantEvent = ParticipantEvent & { readonly metadata: EventMeta };

/** The amendment that last set (or cleared) a value of a record. */
export interface AmendmentMark {
  readonly type: 'RecordCorrected' | 'AdverseEventUpdated';
  readonly commandId: string;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  /** The correction's reason; an adverse-event update has none. */
  readonly reason: string | null;
}

/** The void of a record: who, when, why. */
export interface VoidMark {
  readonly commandId: string;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly reason: string;
}

export type ClinicalKind = Exclude<RecordKind, 'enrollment'>;

/** One clinical record: its current fields (ids excluded), which amendment set each changed field, its void. */
export interface Entry<F> {
  readonly id: string;
  readonly kind: ClinicalKind;
  /** 0-based order of the original entry among the participant's records (recording order). */
  readonly order: number;
  readonly voided: boolean;
  readonly fields: F;
  /** Field name → the amendment that last set or cleared it; fields never amended are absent. */
  readonly amendedBy: Readonly<Record<string, AmendmentMark>>;
  readonly voidedBy: VoidMark | null;
}

/** Any clinical record, whatever its kind. */
export type ClinicalRecord = Entry<Readonly<Record<string, unknown>>>;

export interface SafetySubmission {
  readonly recipient: 'irb' | 'regulator';
  readonly submittedOn: string;
  readonly recordedAt: string;
  readonly commandId: string;
}

export interface AdverseEventEntry extends Entry<AdverseEventFields> {
  /** UTC date the expedited clock started (protocol.md); null while the event has never qualified. */
  readonly clockStartedOn: string | null;
  readonly submissions: readonly SafetySubmission[];
  /** The latest update or correction that made the event fatal or life-threatening (expedited-clock.ts). */
  readonly upgradedToFatalOrLifeThreatening?: UpgradeMark;
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
  readonly commandId: string;
}

export interface Enrollment {
  readonly outcome: 'enrolled' | 'screen_failed';
  readonly fields: EnrollmentFields;
  /** The codes recorded by the EnrollParticipant: a later correction does not change them. */
  readonly failedCriteria: readonly string[];
  readonly amendedBy: Readonly<Record<string, AmendmentMark>>;
}

/**
 * An alert the ledger recorded by itself (SafetyReportOverdue, VisitMissed): kept so that views
 * can show it and so that the same alert is never decided twice; it changes no clinical count.
 */
export type ParticipantAlert =
  | {
      readonly type: 'SafetyReportOverdue';
      readonly adverseEventId: string;
      readonly recipient: 'irb';
      readonly dueOn: string;
      readonly recordedAt: string;
      readonly commandId: string;
    }
  | {
      readonly type: 'VisitMissed';
      readonly visit: string;
      readonly windowClosedOn: string;
      readonly recordedAt: string;
      readonly commandId: string;
    };

export interface ParticipantState {
  readonly studyId: string;
  readonly participantId: string;
  /** signedOn of the first consent; later consents leave it. Null: the participant does not exist. */
  readonly consentedOn: string | null;
  /** Recorded time of the first consent (the roster's order follows the log). */
  readonly consentRecordedAt: string | null;
  readonly consents: readonly { readonly consentVersion: string; readonly signedOn: string }[];
  readonly enrollment: Enrollment | null;
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
  /** Events folded (the stream's length). */
  readonly events: number;
  /** Recorded time of the participant's latest event. */
  readonly lastRecordedAt: string | null;
  /**
   * The ledger's own alerts, in recording order. Optional: a state stored before alerts existed
   * (a read model's row) has none; read it with `alertsOf`.
   */
  readonly alerts?: readonly ParticipantAlert[];
}

export const alertsOf = (s: ParticipantState): readonly ParticipantAlert[] => s.alerts ?? [];

export const newParticipantState = (studyId: string, participantId: string): ParticipantState => ({
  studyId,
  participantId,
  consentedOn: null,
  consentRecordedAt: null,
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
  events: 0,
  lastRecordedAt: null,
});

/** The state of a stream not read yet; its ids are taken from its first event. */
export const initialParticipantState: ParticipantState = newParticipantState('', '');

export { applyChanges } from '../amendment/apply-changes';

const ID_FIELDS = new Set(['studyId', 'participantId', 'procedureId', 'assessmentId', 'adverseEventId', 'surgeryId']);

/** Event data without the ids: the record's content. */
export const contentOf = <F>(data: Readonly<Record<string, unknown>>): F => {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(data)) if (!ID_FIELDS.has(k)) out[k] = data[k];
  return out as F;
};

type Lists = 'procedures' | 'assessments' | 'adverseEvents' | 'surgeries';
const LIST_OF_KIND: Record<ClinicalKind, Lists> = {
  procedure: 'procedures',
  assessment: 'assessments',
  adverse_event: 'adverseEvents',
  surgery: 'surgeries',
};
const ALL_LISTS: readonly Lists[] = ['procedures', 'assessments', 'adverseEvents', 'surgeries'];

/** Every clinical record of the participant, in recording order. */
export const clinicalRecords = (s: ParticipantState): ClinicalRecord[] =>
  (ALL_LISTS.flatMap((l) => s[l] as readonly unknown[]) as ClinicalRecord[]).sort((a, b) => a.order - b.order);

/** A clinical record by id (voided or not), or undefined. */
export const recordById = (s: ParticipantState, id: string): ClinicalRecord | undefined => {
  for (const l of ALL_LISTS) {
    const found = (s[l] as readonly Entry<unknown>[]).find((r) => r.id === id);
    if (found) return found as unknown as ClinicalRecord;
  }
  return undefined;
};

/** startedOn of the class's active hold, or undefined. */
export const activeHoldOf = (s: ParticipantState, medicationClass: MedicationClass): string | undefined =>
  s.holds.find((h) => h.medicationClass === medicationClass && h.endedOn === null)?.startedOn;

/** Non-voided records of a list. */
export const current = <E extends { readonly voided: boolean }>(list: readonly E[]): E[] =>
  list.filter((r) => !r.voided);

export const isEnrolled = (s: ParticipantState): boolean => s.enrollment?.outcome === 'enrolled';

/** Where the participant stands (read.md): a recorded withdrawal wins, whatever came before. */
export type ParticipantStatus = 'consented' | 'screen_failed' | 'enrolled' | 'treated' | 'withdrawn';

const newEntry = <F>(s: ParticipantState, kind: ClinicalKind, id: string, data: object): Entry<F> => ({
  id,
  kind,
  order: s.entries,
  voided: false,
  fields: contentOf<F>(data as Readonly<Record<string, unknown>>),
  amendedBy: {},
  voidedBy: null,
});

const replaceById = <E extends { readonly id: string }>(list: readonly E[], id: string, f: (e: E) => E): E[] => {
  const i = list.findIndex((e) => e.id === id);
  const next = list.slice();
  if (i >= 0) next[i] = f(list[i] as E);
  return next;
};

/** The list holding record `id`: by its kind when the event names it, else by search. */
const listOf = (s: ParticipantState, id: string, kind: unknown): Lists | undefined => {
  if (typeof kind === 'string' && kind in LIST_OF_KIND) return LIST_OF_KIND[kind as ClinicalKind];
  return ALL_LISTS.find((l) => (s[l] as readonly Entry<unknown>[]).some((e) => e.id === id));
};

const marked = (
  amendedBy: Readonly<Record<string, AmendmentMark>>,
  changes: Readonly<Record<string, unknown>>,
  mark: AmendmentMark,
): Record<string, AmendmentMark> => {
  const next = { ...amendedBy };
  for (const k of Object.keys(changes)) next[k] = mark;
  return next;
};

/** A change to a record's fields, with the amendment that made it (the clock of an adverse event may start). */
const amend = <E extends ClinicalRecord | AdverseEventEntry>(
  r: E,
  changes: Readonly<Record<string, unknown>>,
  mark: AmendmentMark,
): E => {
  const fields = applyChanges(r.fields as Readonly<Record<string, unknown>>, changes);
  const next = { ...r, fields, amendedBy: marked(r.amendedBy, changes, mark) } as E;
  return r.kind === 'adverse_event'
    ? (withExpeditedClock(
        withUpgradeMark(r as unknown as AdverseEventEntry, next as unknown as AdverseEventEntry, mark.recordedAt),
        utcDateOf(mark.recordedAt),
      ) as unknown as E)
    : next;
};

type Change = Partial<Omit<ParticipantState, 'studyId' | 'participantId'>>;

/** Applies one of the participant's recorded events; unknown types leave the state as it is. */
export const evolve = (s: ParticipantState, e: RecordedParticipantEvent): ParticipantState => ({
  ...s,
  ...changeOf(s, e),
  studyId: s.studyId || e.data.studyId,
  participantId: s.participantId || e.data.participantId,
  events: s.events + 1,
  lastRecordedAt: e.metadata.recordedAt,
});

/** What one event changes (a small object: the state is copied once, by evolve). */
const changeOf = (s: ParticipantState, e: RecordedParticipantEvent): Change => {
  const m = e.metadata;
  switch (e.type) {
    case 'ConsentRecorded': {
      const consent = { consentVersion: e.data.consentVersion, signedOn: e.data.signedOn };
      return {
        consentedOn: s.consentedOn ?? consent.signedOn,
        consentRecordedAt: s.consentRecordedAt ?? m.recordedAt,
        consents: [...s.consents, consent],
      };
    }
    case 'ParticipantEnrolled':
    case 'ParticipantScreenFailed': {
      const { failedCriteria, ...rest } = e.data as typeof e.data & { failedCriteria?: readonly string[] };
      return {
        enrollment: {
          outcome: e.type === 'ParticipantEnrolled' ? 'enrolled' : 'screen_failed',
          fields: contentOf<EnrollmentFields>(rest),
          failedCriteria: failedCriteria ?? [],
          amendedBy: {},
        },
      };
    }
    case 'MedicationHoldStarted':
      return {
        holds: [...s.holds, { medicationClass: e.data.medicationClass, startedOn: e.data.startedOn, endedOn: null }],
      };
    case 'MedicationHoldEnded': {
      // Pairs with the class's active hold (the last started and not yet ended).
      let i = s.holds.length - 1;
      while (i >= 0 && !(s.holds[i]?.medicationClass === e.data.medicationClass && s.holds[i]?.endedOn === null)) i--;
      if (i < 0) return {};
      const holds = s.holds.slice();
      holds[i] = { ...(s.holds[i] as Hold), endedOn: e.data.endedOn };
      return { holds };
    }
    case 'ProcedureRecorded':
      return {
        procedures: [...s.procedures, newEntry(s, 'procedure', e.data.procedureId, e.data)],
        entries: s.entries + 1,
      };
    case 'AssessmentRecorded':
      return {
        assessments: [...s.assessments, newEntry(s, 'assessment', e.data.assessmentId, e.data)],
        entries: s.entries + 1,
      };
    case 'SubsequentSurgeryRecorded':
      return {
        surgeries: [...s.surgeries, newEntry(s, 'surgery', e.data.surgeryId, e.data)],
        entries: s.entries + 1,
      };
    case 'AdverseEventReported': {
      const entry = newEntry<AdverseEventFields>(s, 'adverse_event', e.data.adverseEventId, e.data);
      const reported = withExpeditedClock({ ...entry, clockStartedOn: null, submissions: [] }, utcDateOf(m.recordedAt));
      return { adverseEvents: [...s.adverseEvents, reported], entries: s.entries + 1 };
    }
    case 'AdverseEventUpdated': {
      const mark = markOf('AdverseEventUpdated', m, null);
      return {
        adverseEvents: replaceById(s.adverseEvents, e.data.adverseEventId, (ae) => amend(ae, e.data.changes, mark)),
      };
    }
    case 'SafetyReportSubmitted': {
      const submission: SafetySubmission = {
        recipient: e.data.recipient,
        submittedOn: e.data.submittedOn,
        recordedAt: m.recordedAt,
        commandId: m.commandId,
      };
      return {
        adverseEvents: replaceById(s.adverseEvents, e.data.adverseEventId, (ae) => ({
          ...ae,
          submissions: [...ae.submissions, submission],
        })),
      };
    }
    case 'RecordCorrected': {
      const mark = markOf('RecordCorrected', m, e.data.reason);
      return {
        ...corrected(s, e.data.recordId, e.data.recordKind, e.data.changes, mark),
        amendments: s.amendments + 1,
      };
    }
    case 'RecordVoided': {
      const list = listOf(s, e.data.recordId, e.data.recordKind);
      const voidedBy: VoidMark = {
        commandId: m.commandId,
        recordedAt: m.recordedAt,
        actor: m.actor,
        reason: e.data.reason,
      };
      const change: Change =
        list === undefined
          ? {}
          : {
              [list]: replaceById(s[list] as readonly unknown[] as readonly ClinicalRecord[], e.data.recordId, (r) => ({
                ...r,
                voided: true,
                voidedBy,
              })),
            };
      return { ...change, amendments: s.amendments + 1 };
    }
    case 'ParticipantWithdrawn':
      return { withdrawal: { withdrawnOn: e.data.withdrawnOn, reason: e.data.reason } };
    case 'RecordSigned':
      return {
        signatures: [
          ...s.signatures,
          {
            recordId: e.data.recordId,
            recordKind: e.data.recordKind,
            meaning: e.data.meaning,
            signedBy: e.data.signedBy ?? m.actor,
            signedAt: m.recordedAt,
            contentHash: e.data.contentHash ?? '',
            commandId: m.commandId,
          },
        ],
      };
    case 'SafetyReportOverdue':
      return {
        alerts: [
          ...alertsOf(s),
          {
            type: 'SafetyReportOverdue',
            adverseEventId: e.data.adverseEventId,
            recipient: e.data.recipient,
            dueOn: e.data.dueOn,
            recordedAt: m.recordedAt,
            commandId: m.commandId,
          },
        ],
      };
    case 'VisitMissed':
      return {
        alerts: [
          ...alertsOf(s),
          {
            type: 'VisitMissed',
            visit: e.data.visit,
            windowClosedOn: e.data.windowClosedOn,
            recordedAt: m.recordedAt,
            commandId: m.commandId,
          },
        ],
      };
    default: {
      // Unknown future event types leave the state as it is.
      const _never: never = e;
      void _never;
      return {};
    }
  }
};

const markOf = (type: AmendmentMark['type'], m: EventMeta, reason: string | null): AmendmentMark => ({
  type,
  commandId: m.commandId,
  recordedAt: m.recordedAt,
  actor: m.actor,
  reason,
});

const corrected = (
  s: ParticipantState,
  id: string,
  kind: RecordKind,
  changes: Readonly<Record<string, unknown>>,
  mark: AmendmentMark,
): Change => {
  if (id === ENROLLMENT_RECORD_ID || kind === 'enrollment') {
    if (!s.enrollment) return {};
    const fields = applyChanges(s.enrollment.fields as unknown as Record<string, unknown>, changes);
    return {
      enrollment: {
        ...s.enrollment,
        fields: fields as unknown as EnrollmentFields,
        amendedBy: marked(s.enrollment.amendedBy, changes, mark),
      },
    };
  }
  const list = listOf(s, id, kind);
  if (list === undefined) return {};
  return {
    [list]: replaceById(s[list] as readonly unknown[] as readonly ClinicalRecord[], id, (r) => amend(r, changes, mark)),
  };
};

/** Folds a stream's events from the beginning. */
export const foldParticipant = (events: readonly RecordedParticipantEvent[]): ParticipantState =>
  events.reduce(evolve, initialParticipantState);
