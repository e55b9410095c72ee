/**
 * Eligibility of the reference protocol (protocol.md), as data so that a later protocol
 * version changes a number, not code. A criterion holds when its test is true; its code is
 * recorded when it fails.
 */
import type { EnrollmentFields } from '../shared/vocabulary';

export interface EligibilityCriterion {
  readonly code: string;
  readonly description: string;
  readonly holds: (e: EnrollmentFields) => boolean;
}

export const ELIGIBILITY_CRITERIA: readonly EligibilityCriterion[] = [
  {
    code: 'PAIN_NOT_CHRONIC',
    description: 'pain for more than one year (painDurationMonths > 12)',
    holds: (e) => e.painDurationMonths > 12,
  },
  {
    code: 'NO_FAILED_PHYSICAL_THERAPY',
    description: 'failed at least one course of physical therapy',
    holds: (e) => e.failedPhysicalTherapy,
  },
  {
    code: 'LEG_PAIN_DOMINANT',
    description: 'back or neck pain worse than leg pain',
    holds: (e) => e.axialPainWorseThanLegPain,
  },
  {
    code: 'UNDERAGE',
    description: 'aged 18 or over',
    holds: (e) => e.ageYears >= 18,
  },
];

/** Codes of the criteria the enrollment data fails, in protocol order; [] when eligible. */
export const failedEligibility = (e: EnrollmentFields): string[] =>
  ELIGIBILITY_CRITERIA.filter((c) => !c.holds(e)).map((c) => c.code);
