import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { checkClinicalDate, checkNewRecordId, requireParticipant } from '../participant/guards';
import type { AdverseEventReported } from '../participant/participant.events';
import type { Schema } from '../shared/schema';
import { ADVERSE_EVENT_SCHEMA, checkAdverseEventWhole } from './adverse-event.rules';

export type ReportAdverseEvent = Command<'ReportAdverseEvent', AdverseEventReported['data']>;

export const REPORT_ADVERSE_EVENT_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  adverseEventId: RECORD_ID_FIELD,
  ...ADVERSE_EVENT_SCHEMA,
};

/** Safety follow-up never stops: any consented participant, withdrawn or screen-failed, may report. */
export const reportAdverseEvent: Decide<ReportAdverseEvent, AdverseEventReported> = (c, s, ctx) => {
  requireParticipant(s);
  checkNewRecordId(s, c.data.adverseEventId, 'data.adverseEventId');
  checkClinicalDate(s, ctx, c.data.onsetOn, 'data.onsetOn');
  if (c.data.awareOn !== undefined) checkClinicalDate(s, ctx, c.data.awareOn, 'data.awareOn');
  checkAdverseEventWhole(c.data);
  return [{ type: 'AdverseEventReported', data: c.data }];
};
