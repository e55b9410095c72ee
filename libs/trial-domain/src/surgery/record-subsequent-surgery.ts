import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { checkClinicalDate, checkNewRecordId, requireEnrolled } from '../participant/guards';
import type { SubsequentSurgeryRecorded } from '../participant/participant.events';
import type { Schema } from '../shared/schema';

export type RecordSubsequentSurgery = Command<'RecordSubsequentSurgery', SubsequentSurgeryRecorded['data']>;

/** A surgery record's fields: what RecordSubsequentSurgery records and CorrectRecord may change. */
export const SURGERY_SCHEMA: Schema = {
  performedOn: { rule: { kind: 'date' } },
  description: { rule: { kind: 'string' } },
};

export const RECORD_SUBSEQUENT_SURGERY_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  surgeryId: RECORD_ID_FIELD,
  ...SURGERY_SCHEMA,
};

/** A later spine surgery; it ends the participant's survivorship without surgery. */
export const recordSubsequentSurgery: Decide<RecordSubsequentSurgery, SubsequentSurgeryRecorded> = (c, s, ctx) => {
  requireEnrolled(s);
  checkNewRecordId(s, c.data.surgeryId, 'data.surgeryId');
  checkClinicalDate(s, ctx, c.data.performedOn, 'data.performedOn');
  return [{ type: 'SubsequentSurgeryRecorded', data: c.data }];
};
