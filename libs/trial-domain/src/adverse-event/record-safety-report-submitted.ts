import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { checkClinicalDate, requireParticipant } from '../participant/guards';
import type { SafetyReportSubmitted } from '../participant/participant.events';
import type { Schema } from '../shared/schema';
import { SAFETY_REPORT_RECIPIENTS } from '../shared/vocabulary';
import { findAdverseEvent } from './adverse-event.rules';

export type RecordSafetyReportSubmitted = Command<'RecordSafetyReportSubmitted', SafetyReportSubmitted['data']>;

export const RECORD_SAFETY_REPORT_SUBMITTED_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  adverseEventId: RECORD_ID_FIELD,
  recipient: { rule: { kind: 'enum', values: SAFETY_REPORT_RECIPIENTS } },
  submittedOn: { rule: { kind: 'date' } },
};

/** A submission to the IRB or a regulator, of an adverse event voided or not; several are allowed. */
export const recordSafetyReportSubmitted: Decide<RecordSafetyReportSubmitted, SafetyReportSubmitted> = (c, s, ctx) => {
  requireParticipant(s);
  findAdverseEvent(s, c.data.adverseEventId);
  checkClinicalDate(s, ctx, c.data.submittedOn, 'data.submittedOn');
  return [{ type: 'SafetyReportSubmitted', data: c.data }];
};
