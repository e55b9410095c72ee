/**
 * Builders for participant events and commands with valid defaults for one participant of the
 * reference study. An event builder and its command builder share defaults, so that
 * `when(recordAssessmentCommand(o)).then([assessed(o)])` holds for valid overrides.
 * Command overrides accept `null` (and `data` accepts anything via `withData`) for shape tests.
 */
import type { ParticipantCommandType } from '../participant/participant.commands';
import type {
  AdverseEventReported,
  AdverseEventUpdated,
  AssessmentRecorded,
  ConsentRecorded,
  MedicationHoldEnded,
  MedicationHoldStarted,
  ParticipantEnrolled,
  ParticipantScreenFailed,
  ParticipantWithdrawn,
  ProcedureRecorded,
  RecordCorrected,
  RecordSigned,
  RecordVoided,
  SafetyReportSubmitted,
  SubsequentSurgeryRecorded,
} from '../participant/participant.events';
import type { SignatureMeaning } from '../shared/vocabulary';
import { DEFAULT_CONTEXT, type CommandInput } from './decider-spec';

export const STUDY_ID = 'msc-spine';
export const PARTICIPANT_ID = 'P-001';
const REF = { studyId: STUDY_ID, participantId: PARTICIPANT_ID } as const;

/** Every default date lies between the consent (2024-01-10) and the default recordedAt. */
export const CONSENT_DATE = '2024-01-10';

type Data<E extends { data: unknown }> = E['data'];
type Overrides<T> = { -readonly [K in keyof T]?: T[K] };
type CommandOverrides<T> = { -readonly [K in keyof T]?: T[K] | null };

const CONSENT: Data<ConsentRecorded> = {
  ...REF,
  consentVersion: 'v1.0',
  signedOn: CONSENT_DATE,
};
/** Eligible on every criterion of protocol.md. */
const ENROLLMENT: Data<ParticipantEnrolled> = {
  ...REF,
  enrolledOn: '2024-01-15',
  ageYears: 45,
  sex: 'female',
  heightCm: 165,
  weightKg: 70,
  painRegions: ['lumbar'],
  painDurationMonths: 24,
  failedPhysicalTherapy: true,
  axialPainWorseThanLegPain: true,
  diagnoses: ['degenerative_disc'],
  priorFailedBackSurgery: false,
  currentMedications: ['nsaid'],
};
const HOLD_STARTED: Data<MedicationHoldStarted> = {
  ...REF,
  medicationClass: 'nsaid',
  startedOn: '2024-01-25',
};
const HOLD_ENDED: Data<MedicationHoldEnded> = {
  ...REF,
  medicationClass: 'nsaid',
  endedOn: '2024-02-05',
};
const PROCEDURE: Data<ProcedureRecorded> = {
  ...REF,
  procedureId: 'proc-1',
  performedOn: '2024-02-01',
  weightKg: 70,
  sedation: false,
  productLot: 'LOT-0001',
  injections: [
    { site: 'lumbar_epidural', level: 'L4-L5', cellsMillions: 22.5 },
    { site: 'intravenous', cellsMillions: 100 },
  ],
};
const ASSESSMENT: Data<AssessmentRecorded> = {
  ...REF,
  assessmentId: 'asmt-baseline',
  visit: 'baseline',
  assessedOn: '2024-01-20',
  vas: 7.5,
  quebec: 55,
};
const ADVERSE_EVENT: Data<AdverseEventReported> = {
  ...REF,
  adverseEventId: 'ae-1',
  onsetOn: '2024-02-03',
  term: 'Injection site pain',
  bodySystem: 'General disorders and administration site conditions',
  grade: 1,
  serious: false,
  seriousCriteria: [],
  relatedToProcedure: 'possible',
  relatedToProduct: 'unlikely',
  expected: true,
};
const AE_UPDATE: Data<AdverseEventUpdated> = {
  ...REF,
  adverseEventId: 'ae-1',
  changes: { outcome: 'recovered', resolvedOn: '2024-02-10' },
};
const SAFETY_REPORT: Data<SafetyReportSubmitted> = {
  ...REF,
  adverseEventId: 'ae-1',
  recipient: 'irb',
  submittedOn: '2024-02-05',
};
const SURGERY: Data<SubsequentSurgeryRecorded> = {
  ...REF,
  surgeryId: 'surg-1',
  performedOn: '2024-05-15',
  description: 'L4-L5 posterior fusion',
};
const WITHDRAWAL: Data<ParticipantWithdrawn> = {
  ...REF,
  withdrawnOn: '2024-04-01',
  reason: 'lost_to_follow_up',
};
const CORRECTION = {
  ...REF,
  recordId: 'asmt-baseline',
  changes: { vas: 6.5 } as Readonly<Record<string, unknown>>,
  reason: 'transcription error',
};
const VOID = {
  ...REF,
  recordId: 'asmt-baseline',
  reason: 'entered for the wrong participant',
};
const SIGNATURE: {
  studyId: string;
  participantId: string;
  recordId: string;
  meaning: SignatureMeaning;
} = { ...REF, recordId: 'enrollment', meaning: 'reviewed' };

// Events ------------------------------------------------------------------------------------

export const consented = (o: Overrides<Data<ConsentRecorded>> = {}): ConsentRecorded => ({
  type: 'ConsentRecorded',
  data: { ...CONSENT, ...o },
});
export const enrolled = (o: Overrides<Data<ParticipantEnrolled>> = {}): ParticipantEnrolled => ({
  type: 'ParticipantEnrolled',
  data: { ...ENROLLMENT, ...o },
});
export const screenFailed = (o: Overrides<Data<ParticipantScreenFailed>> = {}): ParticipantScreenFailed => ({
  type: 'ParticipantScreenFailed',
  data: { ...ENROLLMENT, ageYears: 17, failedCriteria: ['UNDERAGE'], ...o },
});
export const holdStarted = (o: Overrides<Data<MedicationHoldStarted>> = {}): MedicationHoldStarted => ({
  type: 'MedicationHoldStarted',
  data: { ...HOLD_STARTED, ...o },
});
export const holdEnded = (o: Overrides<Data<MedicationHoldEnded>> = {}): MedicationHoldEnded => ({
  type: 'MedicationHoldEnded',
  data: { ...HOLD_ENDED, ...o },
});
export const procedureRecorded = (o: Overrides<Data<ProcedureRecorded>> = {}): ProcedureRecorded => ({
  type: 'ProcedureRecorded',
  data: { ...PROCEDURE, ...o },
});
export const assessed = (o: Overrides<Data<AssessmentRecorded>> = {}): AssessmentRecorded => ({
  type: 'AssessmentRecorded',
  data: { ...ASSESSMENT, ...o },
});
export const aeReported = (o: Overrides<Data<AdverseEventReported>> = {}): AdverseEventReported => ({
  type: 'AdverseEventReported',
  data: { ...ADVERSE_EVENT, ...o },
});
export const aeUpdated = (o: Overrides<Data<AdverseEventUpdated>> = {}): AdverseEventUpdated => ({
  type: 'AdverseEventUpdated',
  data: { ...AE_UPDATE, ...o },
});
export const safetyReportSubmitted = (o: Overrides<Data<SafetyReportSubmitted>> = {}): SafetyReportSubmitted => ({
  type: 'SafetyReportSubmitted',
  data: { ...SAFETY_REPORT, ...o },
});
export const surgeryRecorded = (o: Overrides<Data<SubsequentSurgeryRecorded>> = {}): SubsequentSurgeryRecorded => ({
  type: 'SubsequentSurgeryRecorded',
  data: { ...SURGERY, ...o },
});
export const withdrawn = (o: Overrides<Data<ParticipantWithdrawn>> = {}): ParticipantWithdrawn => ({
  type: 'ParticipantWithdrawn',
  data: { ...WITHDRAWAL, ...o },
});
export const corrected = (o: Overrides<Data<RecordCorrected>> = {}): RecordCorrected => ({
  type: 'RecordCorrected',
  data: { ...CORRECTION, recordKind: 'assessment', ...o },
});
export const voided = (o: Overrides<Data<RecordVoided>> = {}): RecordVoided => ({
  type: 'RecordVoided',
  data: { ...VOID, recordKind: 'assessment', ...o },
});
export const signed = (o: Overrides<Data<RecordSigned>> = {}): RecordSigned => ({
  type: 'RecordSigned',
  data: {
    ...SIGNATURE,
    recordKind: 'enrollment',
    signedBy: DEFAULT_CONTEXT.actor,
    contentHash: '0'.repeat(64),
    ...o,
  },
});

// Commands ----------------------------------------------------------------------------------

export const command = (type: ParticipantCommandType, data: Readonly<Record<string, unknown>>): CommandInput => ({
  type,
  data: { ...REF, ...data },
});

/** The command with extra or ill-typed members in `data`, for shape tests. */
export const withData = (c: CommandInput, data: Readonly<Record<string, unknown>>): CommandInput =>
  command(c.type, { ...c.data, ...data });

/** The command without the named members of `data`. */
export const withoutData = (c: CommandInput, ...keys: string[]): CommandInput => ({
  type: c.type,
  data: Object.fromEntries(Object.entries(c.data).filter(([k]) => !keys.includes(k))),
});

export const recordConsentCommand = (o: CommandOverrides<Data<ConsentRecorded>> = {}) =>
  command('RecordConsent', { ...CONSENT, ...o });
export const enrollParticipantCommand = (o: CommandOverrides<Data<ParticipantEnrolled>> = {}) =>
  command('EnrollParticipant', { ...ENROLLMENT, ...o });
export const startMedicationHoldCommand = (o: CommandOverrides<Data<MedicationHoldStarted>> = {}) =>
  command('StartMedicationHold', { ...HOLD_STARTED, ...o });
export const endMedicationHoldCommand = (o: CommandOverrides<Data<MedicationHoldEnded>> = {}) =>
  command('EndMedicationHold', { ...HOLD_ENDED, ...o });
export const recordProcedureCommand = (o: CommandOverrides<Data<ProcedureRecorded>> = {}) =>
  command('RecordProcedure', { ...PROCEDURE, ...o });
export const recordAssessmentCommand = (o: CommandOverrides<Data<AssessmentRecorded>> = {}) =>
  command('RecordAssessment', { ...ASSESSMENT, ...o });
export const reportAdverseEventCommand = (o: CommandOverrides<Data<AdverseEventReported>> = {}) =>
  command('ReportAdverseEvent', { ...ADVERSE_EVENT, ...o });
export const updateAdverseEventCommand = (o: CommandOverrides<Data<AdverseEventUpdated>> = {}) =>
  command('UpdateAdverseEvent', { ...AE_UPDATE, ...o });
export const recordSafetyReportSubmittedCommand = (o: CommandOverrides<Data<SafetyReportSubmitted>> = {}) =>
  command('RecordSafetyReportSubmitted', { ...SAFETY_REPORT, ...o });
export const recordSubsequentSurgeryCommand = (o: CommandOverrides<Data<SubsequentSurgeryRecorded>> = {}) =>
  command('RecordSubsequentSurgery', { ...SURGERY, ...o });
export const withdrawParticipantCommand = (o: CommandOverrides<Data<ParticipantWithdrawn>> = {}) =>
  command('WithdrawParticipant', { ...WITHDRAWAL, ...o });
export const correctRecordCommand = (o: CommandOverrides<typeof CORRECTION> = {}) =>
  command('CorrectRecord', { ...CORRECTION, ...o });
export const voidRecordCommand = (o: CommandOverrides<typeof VOID> = {}) => command('VoidRecord', { ...VOID, ...o });
export const signRecordCommand = (o: CommandOverrides<typeof SIGNATURE> = {}) =>
  command('SignRecord', { ...SIGNATURE, ...o });

/** Consent and an eligible enrollment: a participant who takes clinical records. */
export const enrolledParticipant = () => [consented(), enrolled()];
