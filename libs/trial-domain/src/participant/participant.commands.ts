/**
 * The commands of commands.md and the shape of their `data`, as schemas. A command reaching a
 * decider has passed these checks; state-dependent and cross-field rules live in the deciders.
 */
import { ID_PATTERN, Schema } from '../shared/schema';
import {
  AE_OUTCOMES,
  DIAGNOSES,
  INJECTION_SITES,
  MEDICATION_CLASSES,
  PAIN_REGIONS,
  RELATEDNESS,
  SAFETY_REPORT_RECIPIENTS,
  SERIOUS_CRITERIA,
  SIGNATURE_MEANINGS,
  VISITS,
  WITHDRAWAL_REASONS,
} from '../shared/vocabulary';

const participantRef: Schema = {
  studyId: { rule: { kind: 'string', pattern: ID_PATTERN } },
  participantId: { rule: { kind: 'string', pattern: ID_PATTERN } },
};

export const ENROLLMENT_SCHEMA: Schema = {
  enrolledOn: { rule: { kind: 'date' } },
  ageYears: { rule: { kind: 'integer', min: 0, max: 120 } },
  sex: { rule: { kind: 'enum', values: ['male', 'female'] } },
  heightCm: { rule: { kind: 'number', min: 100, max: 230 } },
  weightKg: { rule: { kind: 'number', min: 30, max: 300 } },
  painRegions: {
    rule: { kind: 'enumSet', values: PAIN_REGIONS, nonEmpty: true },
  },
  painDurationMonths: { rule: { kind: 'integer', min: 0 } },
  failedPhysicalTherapy: { rule: { kind: 'boolean' } },
  axialPainWorseThanLegPain: { rule: { kind: 'boolean' } },
  diagnoses: { rule: { kind: 'enumSet', values: DIAGNOSES } },
  priorFailedBackSurgery: { rule: { kind: 'boolean' } },
  currentMedications: { rule: { kind: 'enumSet', values: MEDICATION_CLASSES } },
};

const INJECTION_SCHEMA: Schema = {
  site: { rule: { kind: 'enum', values: INJECTION_SITES } },
  level: { rule: { kind: 'string', allowEmpty: true }, optional: true },
  side: { rule: { kind: 'enum', values: ['left', 'right'] }, optional: true },
  cellsMillions: {
    rule: { kind: 'number', min: 0, exclusiveMin: true, max: 1000 },
  },
};

export const PROCEDURE_SCHEMA: Schema = {
  performedOn: { rule: { kind: 'date' } },
  weightKg: { rule: { kind: 'number', min: 30, max: 300 } },
  sedation: { rule: { kind: 'boolean' } },
  productLot: { rule: { kind: 'string' } },
  injections: {
    rule: { kind: 'objects', of: INJECTION_SCHEMA, nonEmpty: true },
  },
};

export const ASSESSMENT_CORRECTABLE_SCHEMA: Schema = {
  assessedOn: { rule: { kind: 'date' } },
  vas: { rule: { kind: 'number', min: 0, max: 10, maxDecimals: 1 } },
  quebec: { rule: { kind: 'integer', min: 0, max: 100 } },
  globalImprovement: {
    rule: { kind: 'number', min: 0, max: 100 },
    optional: true,
    nullMeansAbsent: true,
  },
};

export const ASSESSMENT_SCHEMA: Schema = {
  visit: { rule: { kind: 'enum', values: VISITS } },
  ...ASSESSMENT_CORRECTABLE_SCHEMA,
};

export const ADVERSE_EVENT_SCHEMA: Schema = {
  onsetOn: { rule: { kind: 'date' } },
  term: { rule: { kind: 'string' } },
  bodySystem: { rule: { kind: 'string' } },
  grade: { rule: { kind: 'integer', min: 1, max: 5 } },
  serious: { rule: { kind: 'boolean' } },
  seriousCriteria: { rule: { kind: 'enumSet', values: SERIOUS_CRITERIA } },
  relatedToProcedure: { rule: { kind: 'enum', values: RELATEDNESS } },
  relatedToProduct: { rule: { kind: 'enum', values: RELATEDNESS } },
  expected: { rule: { kind: 'boolean' } },
  outcome: {
    rule: { kind: 'enum', values: AE_OUTCOMES },
    optional: true,
    nullMeansAbsent: true,
  },
};

/** What UpdateAdverseEvent and CorrectRecord may change on an adverse event. */
export const ADVERSE_EVENT_CHANGES_SCHEMA: Schema = {
  ...ADVERSE_EVENT_SCHEMA,
  resolvedOn: { rule: { kind: 'date' }, optional: true },
};
export const ADVERSE_EVENT_CLEARABLE = ['outcome', 'resolvedOn'] as const;

export const SURGERY_SCHEMA: Schema = {
  performedOn: { rule: { kind: 'date' } },
  description: { rule: { kind: 'string' } },
};

const recordId: Schema[string] = { rule: { kind: 'recordId' } };

/** The `data` schema of each participant command type. */
export const PARTICIPANT_COMMAND_SCHEMAS = {
  RecordConsent: {
    ...participantRef,
    consentVersion: { rule: { kind: 'string' } },
    signedOn: { rule: { kind: 'date' } },
  },
  EnrollParticipant: { ...participantRef, ...ENROLLMENT_SCHEMA },
  StartMedicationHold: {
    ...participantRef,
    medicationClass: { rule: { kind: 'enum', values: MEDICATION_CLASSES } },
    startedOn: { rule: { kind: 'date' } },
  },
  EndMedicationHold: {
    ...participantRef,
    medicationClass: { rule: { kind: 'enum', values: MEDICATION_CLASSES } },
    endedOn: { rule: { kind: 'date' } },
  },
  RecordProcedure: {
    ...participantRef,
    procedureId: recordId,
    ...PROCEDURE_SCHEMA,
  },
  RecordAssessment: {
    ...participantRef,
    assessmentId: recordId,
    ...ASSESSMENT_SCHEMA,
  },
  ReportAdverseEvent: {
    ...participantRef,
    adverseEventId: recordId,
    ...ADVERSE_EVENT_SCHEMA,
  },
  UpdateAdverseEvent: {
    ...participantRef,
    adverseEventId: recordId,
    changes: { rule: { kind: 'object' } },
  },
  RecordSafetyReportSubmitted: {
    ...participantRef,
    adverseEventId: recordId,
    recipient: { rule: { kind: 'enum', values: SAFETY_REPORT_RECIPIENTS } },
    submittedOn: { rule: { kind: 'date' } },
  },
  RecordSubsequentSurgery: {
    ...participantRef,
    surgeryId: recordId,
    ...SURGERY_SCHEMA,
  },
  WithdrawParticipant: {
    ...participantRef,
    withdrawnOn: { rule: { kind: 'date' } },
    reason: { rule: { kind: 'enum', values: WITHDRAWAL_REASONS } },
  },
  CorrectRecord: {
    ...participantRef,
    recordId,
    changes: { rule: { kind: 'object' } },
    reason: { rule: { kind: 'reason' } },
  },
  VoidRecord: {
    ...participantRef,
    recordId,
    reason: { rule: { kind: 'reason' } },
  },
  SignRecord: {
    ...participantRef,
    recordId,
    meaning: { rule: { kind: 'enum', values: SIGNATURE_MEANINGS } },
  },
} as const satisfies Record<string, Schema>;

export type ParticipantCommandType = keyof typeof PARTICIPANT_COMMAND_SCHEMAS;

export const STUDY_COMMAND_SCHEMAS = {
  RegisterStudy: {
    studyId: { rule: { kind: 'string', pattern: ID_PATTERN } },
    title: { rule: { kind: 'string' } },
    irbApprovalNumber: { rule: { kind: 'string' } },
    protocolVersion: { rule: { kind: 'string' } },
  },
} as const satisfies Record<string, Schema>;

export type CommandType = ParticipantCommandType | keyof typeof STUDY_COMMAND_SCHEMAS;

export const COMMAND_TYPES: readonly CommandType[] = [
  ...(Object.keys(STUDY_COMMAND_SCHEMAS) as CommandType[]),
  ...(Object.keys(PARTICIPANT_COMMAND_SCHEMAS) as CommandType[]),
];

/** A participant command whose data passed its schema. */
export interface ParticipantCommand {
  readonly type: ParticipantCommandType;
  readonly data: Readonly<Record<string, unknown>> & {
    readonly studyId: string;
    readonly participantId: string;
  };
}

/** When and by whom: the command's context, supplied by the door (HTTP clock or import line). */
export interface CommandContext {
  /** Canonical UTC instant. */
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
}

/** The command's data as the type its schema guarantees. */
export const dataOf = <T>(c: ParticipantCommand): T => c.data as unknown as T;
