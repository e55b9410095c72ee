import { dataOf } from '../participant/participant.commands';
/**
 * CorrectRecord fixes an entry error. The original entry stays in the log; the correction is a
 * new event naming the record, the changed values and the reason, and every view shows the
 * amended value. The changed values obey the rules of the command that made the record.
 */
import { canonicalJson } from '../shared/canonical-json';
import { NotFound, RuleViolated, StateConflict } from '../shared/errors';
import { checkChanges, type Schema } from '../shared/schema';
import { ENROLLMENT_RECORD_ID, type RecordKind } from '../shared/vocabulary';
import { checkAdverseEventWhole } from '../adverse-event/adverse-event.rules';
import { checkChangedDates } from '../adverse-event/adverse-event.decide';
import {
  ADVERSE_EVENT_CHANGES_SCHEMA,
  ASSESSMENT_CORRECTABLE_SCHEMA,
  ENROLLMENT_SCHEMA,
  PROCEDURE_SCHEMA,
  SURGERY_SCHEMA,
} from '../participant/participant.commands';
import { checkReason, findRecord, requireParticipant } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { RecordCorrected } from '../participant/participant.events';
import { applyChanges } from '../participant/participant.state';

const CORRECTABLE: Record<RecordKind, { schema: Schema; clearable: readonly string[] }> = {
  enrollment: { schema: ENROLLMENT_SCHEMA, clearable: [] },
  assessment: {
    schema: ASSESSMENT_CORRECTABLE_SCHEMA,
    clearable: ['globalImprovement'],
  },
  procedure: { schema: PROCEDURE_SCHEMA, clearable: [] },
  adverse_event: {
    schema: ADVERSE_EVENT_CHANGES_SCHEMA,
    clearable: ['outcome', 'resolvedOn'],
  },
  surgery: { schema: SURGERY_SCHEMA, clearable: [] },
};

/** Enumerated arrays compare as sets (commands.md); everything else, injections included, as JSON values. */
const SET_FIELDS = ['painRegions', 'diagnoses', 'currentMedications', 'seriousCriteria'];
const sameValue = (field: string, a: unknown, b: unknown): boolean => {
  const norm = (v: unknown): unknown =>
    v === null || v === undefined
      ? null
      : SET_FIELDS.includes(field) && Array.isArray(v)
        ? [...(v as string[])].sort()
        : v;
  return canonicalJson(norm(a)) === canonicalJson(norm(b));
};

export const correctRecord: Decide = (c, s, ctx) => {
  requireParticipant(s);
  const data = dataOf<Omit<RecordCorrected['data'], 'recordKind'>>(c);
  let kind: RecordKind;
  let current: Readonly<Record<string, unknown>>;
  if (data.recordId === ENROLLMENT_RECORD_ID) {
    if (!s.enrollment)
      throw new NotFound('UNKNOWN_RECORD', 'data.recordId: the participant has no enrollment record', 'data.recordId');
    kind = 'enrollment';
    current = s.enrollment.fields as unknown as Record<string, unknown>;
  } else {
    const record = findRecord(s, data.recordId);
    if (record.voided)
      throw new StateConflict(
        'RECORD_VOIDED',
        `record ${record.id} is voided and cannot be corrected`,
        'data.recordId',
      );
    kind = record.kind;
    current = record.fields;
  }
  const { schema, clearable } = CORRECTABLE[kind];
  const changes = checkChanges(schema, clearable, data.changes, 'data.changes');
  checkReason(data.reason);
  if (Object.keys(changes).length === 0)
    throw new RuleViolated('EMPTY_CHANGES', 'data.changes must not be empty', 'data.changes');
  if (Object.entries(changes).every(([k, v]) => sameValue(k, current[k], v)))
    throw new RuleViolated(
      'NO_CHANGE',
      'data.changes changes nothing: every field equals its current value',
      'data.changes',
    );
  checkChangedDates(s, ctx, changes);
  const amended = applyChanges(current, changes);
  if (kind === 'assessment' && amended['visit'] === 'baseline' && amended['globalImprovement'] !== undefined)
    throw new RuleViolated(
      'GLOBAL_IMPROVEMENT_AT_BASELINE',
      'data.changes.globalImprovement is not recorded at baseline',
      'data.changes.globalImprovement',
    );
  if (kind === 'adverse_event') checkAdverseEventWhole(amended, 'data.changes');
  return [{ type: 'RecordCorrected', data: { ...data, recordKind: kind, changes } }];
};
