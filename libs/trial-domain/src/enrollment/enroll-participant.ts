import { dataOf } from '../participant/participant.commands';
import { StateConflict } from '../shared/errors';
import { checkClinicalDate } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { ParticipantEnrolled } from '../participant/participant.events';
import { failedEligibility } from '../protocol/eligibility';

/**
 * Enrollment evaluates eligibility: all criteria holding enrolls the participant; otherwise the
 * command still succeeds and records a screen failure with the failed criteria's codes.
 */
export const enrollParticipant: Decide = (c, s, ctx) => {
  if (s.consentedOn === null) throw new StateConflict('NO_CONSENT', 'the participant has no recorded consent', 'data.participantId');
  if (s.enrollment)
    throw new StateConflict(
      'ALREADY_SCREENED',
      s.enrollment.outcome === 'enrolled'
        ? 'the participant is already enrolled'
        : 'the participant already failed screening',
      'data.participantId',
    );
  const data = dataOf<ParticipantEnrolled['data']>(c);
  checkClinicalDate(s, ctx, data.enrolledOn, 'data.enrolledOn');
  const failedCriteria = failedEligibility(data);
  return failedCriteria.length === 0
    ? [{ type: 'ParticipantEnrolled', data }]
    : [{ type: 'ParticipantScreenFailed', data: { ...data, failedCriteria } }];
};
