import { PARTICIPANT_REF_SCHEMA, type Command, type Decide } from '../participant/command';
import { checkClinicalDate, requireEnrolled } from '../participant/guards';
import type { ParticipantWithdrawn } from '../participant/participant.events';
import { StateConflict } from '../shared/errors';
import type { Schema } from '../shared/schema';
import { WITHDRAWAL_REASONS } from '../shared/vocabulary';

export type WithdrawParticipant = Command<'WithdrawParticipant', ParticipantWithdrawn['data']>;

export const WITHDRAW_PARTICIPANT_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  withdrawnOn: { rule: { kind: 'date' } },
  reason: { rule: { kind: 'enum', values: WITHDRAWAL_REASONS } },
};

export const withdrawParticipant: Decide<WithdrawParticipant, ParticipantWithdrawn> = (c, s, ctx) => {
  requireEnrolled(s);
  if (s.withdrawal)
    throw new StateConflict(
      'ALREADY_WITHDRAWN',
      `the participant was withdrawn on ${s.withdrawal.withdrawnOn}`,
      'data.participantId',
    );
  checkClinicalDate(s, ctx, c.data.withdrawnOn, 'data.withdrawnOn');
  return [{ type: 'ParticipantWithdrawn', data: c.data }];
};
