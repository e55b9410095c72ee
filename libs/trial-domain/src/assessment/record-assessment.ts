import { dataOf } from '../participant/participant.commands';
import { RuleViolated, StateConflict } from '../shared/errors';
import { checkClinicalDate, checkNewRecordId, requireEnrolled, requireNotAfterWithdrawal } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { AssessmentRecorded } from '../participant/participant.events';

/** One non-voided assessment per visit: a second one must be a correction of the first. */
export const recordAssessment: Decide = (c, s, ctx) => {
  requireEnrolled(s);
  const data = dataOf<AssessmentRecorded['data']>(c);
  checkNewRecordId(s, data.assessmentId, 'data.assessmentId');
  const taken = s.assessments.some((r) => !r.voided && r.fields.visit === data.visit);
  if (taken)
    throw new StateConflict(
      'VISIT_ALREADY_ASSESSED',
      `visit ${data.visit} already has an assessment; correct it instead`,
      'data.visit',
    );
  requireNotAfterWithdrawal(s, data.assessedOn, 'data.assessedOn');
  checkClinicalDate(s, ctx, data.assessedOn, 'data.assessedOn');
  if (data.visit === 'baseline' && data.globalImprovement !== undefined)
    throw new RuleViolated(
      'GLOBAL_IMPROVEMENT_AT_BASELINE',
      'data.globalImprovement is not recorded at baseline',
      'data.globalImprovement',
    );
  return [{ type: 'AssessmentRecorded', data }];
};
