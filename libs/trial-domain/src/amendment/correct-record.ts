/**
 * CorrectRecord fixes an entry error. The original entry stays in the log; the correction is a
 * new event naming the record, the changed values and the reason, and every view shows the
 * amended value. The changed values obey the rules of the command that made the record.
 */
import {
  ADVERSE_EVENT_CHANGES_SCHEMA,
  ADVERSE_EVENT_CLEARABLE,
  checkAdverseEventWhole,
} from '../adverse-event/adverse-event.rules';
import { ASSESSMENT_CORRECTABLE_SCHEMA } from '../assessment/record-assessment';
import { ENROLLMENT_SCHEMA } from '../enrollment/enroll-participant';
import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { checkChangedDates, checkReason, findRecord, requireParticipant } from '../participant/guards';
import type { RecordCorrected } from '../participant/participant.events';
import { applyChanges } from '../participant/participant.state';
import { PROCEDURE_SCHEMA } from '../procedure/record-procedure';
import { canonicalJson } from '../shared/canonical-json';
import { NotFound, RuleViolated, StateConflict } from '../shared/errors';
import { checkChanges, type Schema } from '../shared/schema';
import { ENROLLMENT_RECORD_ID, type RecordKind } from '../shared/vocabulary';
import { SURGERY_SCHEMA } from '../surgery/record-subsequent-surgery';

export type CorrectRecord = Command<'CorrectRecord', Omit<RecordCorrected['data'], 'recordKind'>>;

/** `changes` is checked by the decider against the fields of the record's kind. */
export const CORRECT_RECORD_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  recordId: RECORD_ID_FIELD,
  changes: { rule: { kind: 'object' } },
  reason: { rule: { kind: 'reason' } },
};

const CORRECTABLE: Record<RecordKind, { schema: Schema; clearable: readonly string[] }> = {
  enrollment: { schema: ENROLLMENT_SCHEMA, clearable: [] },
  assessment: {
    schema: ASSESSMENT_CORRECTABLE_SCHEMA,
    clearable: ['globalImprovement'],
  },
  procedure: { schema: PROCEDURE_SCHEMA, clearable: [] },
  adverse_event: {
    schema: ADVERSE_EVENT_CHANGES_SCHEMA,
    clearable: ADVERSE_EVENT_CLEARABLE,
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

export const correctRecord: Decide<CorrectRecord, RecordCorrected> = (c, s, ctx) => {
  requireParticipant(s);
  const data = c.data;
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
