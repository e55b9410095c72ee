/**
 * decide: (command, participant state, context) -> events. Pure: no clock, no I/O; the recorded
 * time and actor arrive in the context. A rule broken throws a DomainError and records nothing.
 */
import { correctRecord } from '../amendment/correct-record';
import { signRecord } from '../amendment/sign-record';
import { voidRecord } from '../amendment/void-record';
import {
  reportAdverseEvent,
  recordSafetyReportSubmitted,
  updateAdverseEvent,
} from '../adverse-event/adverse-event.decide';
import { recordAssessment } from '../assessment/record-assessment';
import { recordConsent } from '../consent/record-consent';
import { enrollParticipant } from '../enrollment/enroll-participant';
import { endMedicationHold, startMedicationHold } from '../medication-hold/medication-hold.decide';
import { recordProcedure } from '../procedure/record-procedure';
import { recordSubsequentSurgery } from '../surgery/record-subsequent-surgery';
import { withdrawParticipant } from '../withdrawal/withdraw-participant';
import type { CommandContext, ParticipantCommand, ParticipantCommandType } from './participant.commands';
import type { ParticipantEvent } from './participant.events';
import type { ParticipantState } from './participant.state';

export type Decide = (c: ParticipantCommand, s: ParticipantState, ctx: CommandContext) => ParticipantEvent[];

const DECIDERS: Record<ParticipantCommandType, Decide> = {
  RecordConsent: recordConsent,
  EnrollParticipant: enrollParticipant,
  StartMedicationHold: startMedicationHold,
  EndMedicationHold: endMedicationHold,
  RecordProcedure: recordProcedure,
  RecordAssessment: recordAssessment,
  ReportAdverseEvent: reportAdverseEvent,
  UpdateAdverseEvent: updateAdverseEvent,
  RecordSafetyReportSubmitted: recordSafetyReportSubmitted,
  RecordSubsequentSurgery: recordSubsequentSurgery,
  WithdrawParticipant: withdrawParticipant,
  CorrectRecord: correctRecord,
  VoidRecord: voidRecord,
  SignRecord: signRecord,
};

export const decideParticipant: Decide = (c, s, ctx) => DECIDERS[c.type](c, s, ctx);
