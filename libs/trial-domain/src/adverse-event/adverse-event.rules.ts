/**
 * The cross-field rules an adverse event must satisfy as a whole (commands.md ReportAdverseEvent),
 * checked on a report, and again on the amended event after an update or a correction.
 * CTCAE grade 5 is death; the seriousness criteria are those of ICH E2A.
 */
import { RuleViolated } from '../shared/errors';

export const checkAdverseEventWhole = (ae: Readonly<Record<string, unknown>>, path = 'data'): void => {
  const serious = ae['serious'] === true;
  const criteria = (ae['seriousCriteria'] as readonly string[] | undefined) ?? [];
  if (serious && criteria.length === 0)
    throw new RuleViolated(
      'SERIOUS_CRITERIA_REQUIRED',
      `${path}.seriousCriteria must not be empty for a serious event`,
      `${path}.seriousCriteria`,
    );
  if (!serious && criteria.length > 0)
    throw new RuleViolated(
      'SERIOUS_CRITERIA_NOT_ALLOWED',
      `${path}.seriousCriteria must be empty for a non-serious event`,
      `${path}.seriousCriteria`,
    );
  const death = criteria.includes('death');
  if (death !== (ae['grade'] === 5))
    throw new RuleViolated(
      'DEATH_IFF_GRADE_5',
      `${path}.seriousCriteria must include death if and only if grade is 5`,
      `${path}.seriousCriteria`,
    );
  if (ae['outcome'] === 'fatal' && !death)
    throw new RuleViolated(
      'FATAL_REQUIRES_DEATH',
      `${path}.outcome fatal requires death among the seriousness criteria`,
      `${path}.outcome`,
    );
  const resolvedOn = ae['resolvedOn'] as string | undefined;
  const onsetOn = ae['onsetOn'] as string;
  if (resolvedOn !== undefined && resolvedOn < onsetOn)
    throw new RuleViolated(
      'RESOLVED_BEFORE_ONSET',
      `${path}.resolvedOn ${resolvedOn} precedes onsetOn ${onsetOn}`,
      `${path}.resolvedOn`,
    );
};
