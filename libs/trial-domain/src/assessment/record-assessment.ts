import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { checkClinicalDate, checkNewRecordId, requireEnrolled, requireNotAfterWithdrawal } from '../participant/guards';
import type { AssessmentRecorded } from '../participant/participant.events';
import { RuleViolated, StateConflict } from '../shared/errors';
import type { Schema } from '../shared/schema';
import { VISITS } from '../shared/vocabulary';

export type RecordAssessment = Command<'RecordAssessment', AssessmentRecorded['data']>;

/** An assessment's fields but its visit: what CorrectRecord may change. */
export const ASSESSMENT_CORRECTABLE_SCHEMA: Schema = {
  assessedOn: { rule: { kind: 'date' } },
  vas: { rule: { kind: 'number', min: 0, max: 10, maxDecimals: 1 } },
  quebec: { rule: { kind: 'integer', min: 0, max: 100 } },
  globalImprovement: {
    rule: { kind: 'number', min: 0, max: 100 },
    optional: true,
    nullMeansAbsent: true,
  },
};

export const RECORD_ASSESSMENT_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  assessmentId: RECORD_ID_FIELD,
  visit: { rule: { kind: 'enum', values: VISITS } },
  ...ASSESSMENT_CORRECTABLE_SCHEMA,
};

/** One non-voided assessment per visit: a second one must be a correction of the first. */
export const recordAssessment: Decide<RecordAssessment, AssessmentRecorded> = (c, s, ctx) => {
  requireEnrolled(s);
  const { assessmentId, visit, assessedOn, globalImprovement } = c.data;
  checkNewRecordId(s, assessmentId, 'data.assessmentId');
  if (s.assessments.some((r) => !r.voided && r.fields.visit === visit))
    throw new StateConflict(
      'VISIT_ALREADY_ASSESSED',
      `visit ${visit} already has an assessment; correct it instead`,
      'data.visit',
    );
  requireNotAfterWithdrawal(s, assessedOn, 'data.assessedOn');
  checkClinicalDate(s, ctx, assessedOn, 'data.assessedOn');
  if (visit === 'baseline' && globalImprovement !== undefined)
    throw new RuleViolated(
      'GLOBAL_IMPROVEMENT_AT_BASELINE',
      'data.globalImprovement is not recorded at baseline',
      'data.globalImprovement',
    );
  return [{ type: 'AssessmentRecorded', data: c.data }];
};
