import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { checkReason, findRecord, requireParticipant } from '../participant/guards';
import type { RecordVoided } from '../participant/participant.events';
import { NotFound, StateConflict } from '../shared/errors';
import type { Schema } from '../shared/schema';
import { ENROLLMENT_RECORD_ID } from '../shared/vocabulary';

export type VoidRecord = Command<'VoidRecord', Omit<RecordVoided['data'], 'recordKind'>>;

export const VOID_RECORD_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  recordId: RECORD_ID_FIELD,
  reason: { rule: { kind: 'reason' } },
};

/** An entry made in error: it then counts nowhere but in the history, and its id stays taken. */
export const voidRecord: Decide<VoidRecord, RecordVoided> = (c, s) => {
  requireParticipant(s);
  if (c.data.recordId === ENROLLMENT_RECORD_ID)
    throw new NotFound('UNKNOWN_RECORD', 'data.recordId: the enrollment record cannot be voided', 'data.recordId');
  const record = findRecord(s, c.data.recordId);
  if (record.voided) throw new StateConflict('RECORD_VOIDED', `record ${record.id} is already voided`, 'data.recordId');
  checkReason(c.data.reason);
  return [{ type: 'RecordVoided', data: { ...c.data, recordKind: record.kind } }];
};
