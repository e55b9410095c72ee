/**
 * What the adverse-event commands share (ReportAdverseEvent, UpdateAdverseEvent,
 * RecordSafetyReportSubmitted, and CorrectRecord of an adverse event): the event's fields, and the
 * cross-field rules an adverse event must satisfy as a whole (commands.md ReportAdverseEvent),
 * checked on a report, and again on the amended event after an update or a correction.
 * CTCAE grade 5 is death; the seriousness criteria are those of ICH E2A.
 */
import { findRecord } from '../participant/guards';
import type { ClinicalRecord, ParticipantState } from '../participant/participant.state';
import { NotFound, RuleViolated } from '../shared/errors';
import type { Schema } from '../shared/schema';
import { AE_OUTCOMES, RELATEDNESS, SERIOUS_CRITERIA, type AdverseEventFields } from '../shared/vocabulary';

/** The fields ReportAdverseEvent records. */
export const ADVERSE_EVENT_SCHEMA: Schema = {
  onsetOn: { rule: { kind: 'date' } },
  term: { rule: { kind: 'string' } },
  bodySystem: { rule: { kind: 'string' } },
  grade: { rule: { kind: 'integer', min: 1, max: 5 } },
  serious: { rule: { kind: 'boolean' } },
  seriousCriteria: { rule: { kind: 'enumSet', values: SERIOUS_CRITERIA } },
  relatedToProcedure: { rule: { kind: 'enum', values: RELATEDNESS } },
  relatedToProduct: { rule: { kind: 'enum', values: RELATEDNESS } },
  expected: { rule: { kind: 'boolean' } },
  outcome: {
    rule: { kind: 'enum', values: AE_OUTCOMES },
    optional: true,
    nullMeansAbsent: true,
  },
  /** The sponsor's awareness (21 CFR 312.32); not part of commands.md, an addition of ours. */
  awareOn: { rule: { kind: 'date' }, optional: true },
};

/** What UpdateAdverseEvent and CorrectRecord may change on an adverse event. */
export const ADVERSE_EVENT_CHANGES_SCHEMA: Schema = {
  ...ADVERSE_EVENT_SCHEMA,
  resolvedOn: { rule: { kind: 'date' }, optional: true },
};
/** The changeable fields that `null` clears. */
export const ADVERSE_EVENT_CLEARABLE = ['outcome', 'resolvedOn'] as const;

/** An adverse event of the participant, voided or not; 404 when unknown or another kind of record. */
export const findAdverseEvent = (s: ParticipantState, id: string): ClinicalRecord => {
  const r = findRecord(s, id, 'data.adverseEventId');
  if (r.kind !== 'adverse_event')
    throw new NotFound(
      'UNKNOWN_RECORD',
      `data.adverseEventId: ${id} is not an adverse event of this participant`,
      'data.adverseEventId',
    );
  return r;
};

export const checkAdverseEventWhole = (
  ae: AdverseEventFields | Readonly<Record<string, unknown>>,
  path = 'data',
): void => {
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
  // No one is aware of an event before it began.
  const awareOn = ae['awareOn'] as string | undefined;
  if (awareOn !== undefined && awareOn < onsetOn)
    throw new RuleViolated(
      'AWARE_BEFORE_ONSET',
      `${path}.awareOn ${awareOn} precedes onsetOn ${onsetOn}`,
      `${path}.awareOn`,
    );
};
