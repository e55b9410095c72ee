import { dataOf } from '../participant/participant.commands';
import { NotFound, StateConflict } from '../shared/errors';
import { ENROLLMENT_RECORD_ID } from '../shared/vocabulary';
import { checkReason, findRecord, requireParticipant } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';

/** An entry made in error: it then counts nowhere but in the history, and its id stays taken. */
export const voidRecord: Decide = (c, s) => {
  requireParticipant(s);
  const data = dataOf<{
    studyId: string;
    participantId: string;
    recordId: string;
    reason: string;
  }>(c);
  if (data.recordId === ENROLLMENT_RECORD_ID)
    throw new NotFound('UNKNOWN_RECORD', 'data.recordId: the enrollment record cannot be voided', 'data.recordId');
  const record = findRecord(s, data.recordId);
  if (record.voided) throw new StateConflict('RECORD_VOIDED', `record ${record.id} is already voided`, 'data.recordId');
  checkReason(data.reason);
  return [{ type: 'RecordVoided', data: { ...data, recordKind: record.kind } }];
};
