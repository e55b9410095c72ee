/**
 * The commands of commands.md: each participant command's type, schema and decide function sit
 * in its own file beside its capability; this registry only names them all, for the doors (the
 * envelope's schema check, the OpenAPI document, the role table) and for the decider's dispatch.
 * A command reaching a decider has passed its schema; state-dependent and cross-field rules live
 * in the deciders.
 */
import type { RecordSafetyReportSubmitted } from '../adverse-event/record-safety-report-submitted';
import { RECORD_SAFETY_REPORT_SUBMITTED_SCHEMA } from '../adverse-event/record-safety-report-submitted';
import { REPORT_ADVERSE_EVENT_SCHEMA, type ReportAdverseEvent } from '../adverse-event/report-adverse-event';
import { UPDATE_ADVERSE_EVENT_SCHEMA, type UpdateAdverseEvent } from '../adverse-event/update-adverse-event';
import { CORRECT_RECORD_SCHEMA, type CorrectRecord } from '../amendment/correct-record';
import { SIGN_RECORD_SCHEMA, type SignRecord } from '../amendment/sign-record';
import { VOID_RECORD_SCHEMA, type VoidRecord } from '../amendment/void-record';
import { RECORD_ASSESSMENT_SCHEMA, type RecordAssessment } from '../assessment/record-assessment';
import { RECORD_CONSENT_SCHEMA, type RecordConsent } from '../consent/record-consent';
import { ENROLL_PARTICIPANT_SCHEMA, type EnrollParticipant } from '../enrollment/enroll-participant';
import { END_MEDICATION_HOLD_SCHEMA, type EndMedicationHold } from '../medication-hold/end-medication-hold';
import { START_MEDICATION_HOLD_SCHEMA, type StartMedicationHold } from '../medication-hold/start-medication-hold';
import { RECORD_PROCEDURE_SCHEMA, type RecordProcedure } from '../procedure/record-procedure';
import type { Schema } from '../shared/schema';
import { REGISTER_STUDY_SCHEMA, type RegisterStudy } from '../study/study.decider';
import { RECORD_SUBSEQUENT_SURGERY_SCHEMA, type RecordSubsequentSurgery } from '../surgery/record-subsequent-surgery';
import { WITHDRAW_PARTICIPANT_SCHEMA, type WithdrawParticipant } from '../withdrawal/withdraw-participant';

/** A participant command whose data passed its schema. */
export type ParticipantCommand =
  | RecordConsent
  | EnrollParticipant
  | StartMedicationHold
  | EndMedicationHold
  | RecordProcedure
  | RecordAssessment
  | ReportAdverseEvent
  | UpdateAdverseEvent
  | RecordSafetyReportSubmitted
  | RecordSubsequentSurgery
  | WithdrawParticipant
  | CorrectRecord
  | VoidRecord
  | SignRecord;

export type ParticipantCommandType = ParticipantCommand['type'];

/** The `data` schema of each participant command type (this order is that of COMMAND_TYPES). */
export const PARTICIPANT_COMMAND_SCHEMAS = {
  RecordConsent: RECORD_CONSENT_SCHEMA,
  EnrollParticipant: ENROLL_PARTICIPANT_SCHEMA,
  StartMedicationHold: START_MEDICATION_HOLD_SCHEMA,
  EndMedicationHold: END_MEDICATION_HOLD_SCHEMA,
  RecordProcedure: RECORD_PROCEDURE_SCHEMA,
  RecordAssessment: RECORD_ASSESSMENT_SCHEMA,
  ReportAdverseEvent: REPORT_ADVERSE_EVENT_SCHEMA,
  UpdateAdverseEvent: UPDATE_ADVERSE_EVENT_SCHEMA,
  RecordSafetyReportSubmitted: RECORD_SAFETY_REPORT_SUBMITTED_SCHEMA,
  RecordSubsequentSurgery: RECORD_SUBSEQUENT_SURGERY_SCHEMA,
  WithdrawParticipant: WITHDRAW_PARTICIPANT_SCHEMA,
  CorrectRecord: CORRECT_RECORD_SCHEMA,
  VoidRecord: VOID_RECORD_SCHEMA,
  SignRecord: SIGN_RECORD_SCHEMA,
} as const satisfies Record<ParticipantCommandType, Schema>;

export type StudyCommand = RegisterStudy;

export const STUDY_COMMAND_SCHEMAS = {
  RegisterStudy: REGISTER_STUDY_SCHEMA,
} as const satisfies Record<StudyCommand['type'], Schema>;

export type CommandType = ParticipantCommandType | StudyCommand['type'];

export const COMMAND_TYPES: readonly CommandType[] = [
  ...(Object.keys(STUDY_COMMAND_SCHEMAS) as CommandType[]),
  ...(Object.keys(PARTICIPANT_COMMAND_SCHEMAS) as CommandType[]),
];
