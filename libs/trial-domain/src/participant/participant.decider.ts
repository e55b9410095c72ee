/**
 * decide: (command, participant state, context) -> events, for every participant command. The
 * study's rules come first (a registered study, recorded times that never go back), then the
 * command's own, in its file. Pure: no clock, no I/O.
 */
import { recordSafetyReportSubmitted } from '../adverse-event/record-safety-report-submitted';
import { reportAdverseEvent } from '../adverse-event/report-adverse-event';
import { updateAdverseEvent } from '../adverse-event/update-adverse-event';
import { correctRecord } from '../amendment/correct-record';
import { signRecord } from '../amendment/sign-record';
import { voidRecord } from '../amendment/void-record';
import { recordAssessment } from '../assessment/record-assessment';
import { recordConsent } from '../consent/record-consent';
import { enrollParticipant } from '../enrollment/enroll-participant';
import { endMedicationHold } from '../medication-hold/end-medication-hold';
import { startMedicationHold } from '../medication-hold/start-medication-hold';
import { recordProcedure } from '../procedure/record-procedure';
import { requireRecordedInOrder, requireRegisteredStudy } from '../study/study.rules';
import { recordSubsequentSurgery } from '../surgery/record-subsequent-surgery';
import { withdrawParticipant } from '../withdrawal/withdraw-participant';
import type { Decide } from './command';
import type { ParticipantCommand } from './participant.commands';

export const decideParticipant: Decide<ParticipantCommand> = (c, s, ctx) => {
  requireRecordedInOrder(ctx);
  requireRegisteredStudy(ctx, c.data.studyId);
  switch (c.type) {
    case 'RecordConsent':
      return recordConsent(c, s, ctx);
    case 'EnrollParticipant':
      return enrollParticipant(c, s, ctx);
    case 'StartMedicationHold':
      return startMedicationHold(c, s, ctx);
    case 'EndMedicationHold':
      return endMedicationHold(c, s, ctx);
    case 'RecordProcedure':
      return recordProcedure(c, s, ctx);
    case 'RecordAssessment':
      return recordAssessment(c, s, ctx);
    case 'ReportAdverseEvent':
      return reportAdverseEvent(c, s, ctx);
    case 'UpdateAdverseEvent':
      return updateAdverseEvent(c, s, ctx);
    case 'RecordSafetyReportSubmitted':
      return recordSafetyReportSubmitted(c, s, ctx);
    case 'RecordSubsequentSurgery':
      return recordSubsequentSurgery(c, s, ctx);
    case 'WithdrawParticipant':
      return withdrawParticipant(c, s, ctx);
    case 'CorrectRecord':
      return correctRecord(c, s, ctx);
    case 'VoidRecord':
      return voidRecord(c, s, ctx);
    case 'SignRecord':
      return signRecord(c, s, ctx);
    default: {
      const unknown: never = c;
      throw new Error(`no decider for ${(unknown as { type: string }).type}`);
    }
  }
};
