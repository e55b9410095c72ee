import { PARTICIPANT_REF_SCHEMA, type Command, type Decide } from '../participant/command';
import { checkClinicalDate } from '../participant/guards';
import type { ParticipantEnrolled, ParticipantScreenFailed } from '../participant/participant.events';
import { failedEligibility } from '../protocol/eligibility';
import { StateConflict } from '../shared/errors';
import type { Schema } from '../shared/schema';
import { DIAGNOSES, MEDICATION_CLASSES, PAIN_REGIONS } from '../shared/vocabulary';

export type EnrollParticipant = Command<'EnrollParticipant', ParticipantEnrolled['data']>;

/** The enrollment record's fields: what EnrollParticipant records and CorrectRecord may change. */
export const ENROLLMENT_SCHEMA: Schema = {
  enrolledOn: { rule: { kind: 'date' } },
  ageYears: { rule: { kind: 'integer', min: 0, max: 120 } },
  sex: { rule: { kind: 'enum', values: ['male', 'female'] } },
  heightCm: { rule: { kind: 'number', min: 100, max: 230 } },
  weightKg: { rule: { kind: 'number', min: 30, max: 300 } },
  painRegions: {
    rule: { kind: 'enumSet', values: PAIN_REGIONS, nonEmpty: true },
  },
  painDurationMonths: { rule: { kind: 'integer', min: 0 } },
  failedPhysicalTherapy: { rule: { kind: 'boolean' } },
  axialPainWorseThanLegPain: { rule: { kind: 'boolean' } },
  diagnoses: { rule: { kind: 'enumSet', values: DIAGNOSES } },
  priorFailedBackSurgery: { rule: { kind: 'boolean' } },
  currentMedications: { rule: { kind: 'enumSet', values: MEDICATION_CLASSES } },
};

export const ENROLL_PARTICIPANT_SCHEMA: Schema = { ...PARTICIPANT_REF_SCHEMA, ...ENROLLMENT_SCHEMA };

/**
 * Enrollment evaluates eligibility: all criteria holding enrolls the participant; otherwise the
 * command still succeeds and records a screen failure with the failed criteria's codes.
 */
export const enrollParticipant: Decide<EnrollParticipant, ParticipantEnrolled | ParticipantScreenFailed> = (
  c,
  s,
  ctx,
) => {
  if (s.consentedOn === null)
    throw new StateConflict('NO_CONSENT', 'the participant has no recorded consent', 'data.participantId');
  if (s.enrollment)
    throw new StateConflict(
      'ALREADY_SCREENED',
      s.enrollment.outcome === 'enrolled'
        ? 'the participant is already enrolled'
        : 'the participant already failed screening',
      'data.participantId',
    );
  checkClinicalDate(s, ctx, c.data.enrolledOn, 'data.enrolledOn');
  const failedCriteria = failedEligibility(c.data);
  return failedCriteria.length === 0
    ? [{ type: 'ParticipantEnrolled', data: c.data }]
    : [{ type: 'ParticipantScreenFailed', data: { ...c.data, failedCriteria } }];
};
