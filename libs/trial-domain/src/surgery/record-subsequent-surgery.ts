import { dataOf } from '../participant/participant.commands';
import { checkClinicalDate, checkNewRecordId, requireEnrolled } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { SubsequentSurgeryRecorded } from '../participant/participant.events';

/** A later spine surgery; it ends the participant's survivorship without surgery. */
export const recordSubsequentSurgery: Decide = (c, s, ctx) => {
  requireEnrolled(s);
  const data = dataOf<SubsequentSurgeryRecorded['data']>(c);
  checkNewRecordId(s, data.surgeryId, 'data.surgeryId');
  checkClinicalDate(s, ctx, data.performedOn, 'data.performedOn');
  return [{ type: 'SubsequentSurgeryRecorded', data }];
};
