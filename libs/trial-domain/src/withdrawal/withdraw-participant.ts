import { dataOf } from '../participant/participant.commands';
import { StateConflict } from '../shared/errors';
import { checkClinicalDate, requireEnrolled } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { ParticipantWithdrawn } from '../participant/participant.events';

export const withdrawParticipant: Decide = (c, s, ctx) => {
  requireEnrolled(s);
  if (s.withdrawal)
    throw new StateConflict(
      'ALREADY_WITHDRAWN',
      `the participant was withdrawn on ${s.withdrawal.withdrawnOn}`,
      'data.participantId',
    );
  const data = dataOf<ParticipantWithdrawn['data']>(c);
  checkClinicalDate(s, ctx, data.withdrawnOn, 'data.withdrawnOn');
  return [{ type: 'ParticipantWithdrawn', data }];
};
