import { dataOf } from '../participant/participant.commands';
import { NotFound, RuleViolated, StateConflict } from '../shared/errors';
import { checkChanges } from '../shared/schema';
import { ADVERSE_EVENT_CHANGES_SCHEMA, ADVERSE_EVENT_CLEARABLE } from '../participant/participant.commands';
import { checkClinicalDate, checkNewRecordId, findRecord, requireParticipant } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type {
  AdverseEventReported,
  AdverseEventUpdated,
  SafetyReportSubmitted,
} from '../participant/participant.events';
import { applyChanges, type ClinicalRecord, type ParticipantState } from '../participant/participant.state';
import { checkAdverseEventWhole } from './adverse-event.rules';

/** Safety follow-up never stops: any consented participant, withdrawn or screen-failed, may report. */
export const reportAdverseEvent: Decide = (c, s, ctx) => {
  requireParticipant(s);
  const data = dataOf<AdverseEventReported['data']>(c);
  checkNewRecordId(s, data.adverseEventId, 'data.adverseEventId');
  checkClinicalDate(s, ctx, data.onsetOn, 'data.onsetOn');
  checkAdverseEventWhole(data as unknown as Record<string, unknown>);
  return [{ type: 'AdverseEventReported', data }];
};

const findAdverseEvent = (s: ParticipantState, id: string): ClinicalRecord => {
  const r = findRecord(s, id, 'data.adverseEventId');
  if (r.kind !== 'adverse_event')
    throw new NotFound(
      'UNKNOWN_RECORD',
      `data.adverseEventId: ${id} is not an adverse event of this participant`,
      'data.adverseEventId',
    );
  return r;
};

/** New clinical information on an evolving event; the updated event must still be valid as a whole. */
export const updateAdverseEvent: Decide = (c, s, ctx) => {
  requireParticipant(s);
  const data = dataOf<AdverseEventUpdated['data']>(c);
  const ae = findAdverseEvent(s, data.adverseEventId);
  if (ae.voided) throw new StateConflict('RECORD_VOIDED', `adverse event ${ae.id} is voided`, 'data.adverseEventId');
  const changes = checkChanges(ADVERSE_EVENT_CHANGES_SCHEMA, ADVERSE_EVENT_CLEARABLE, data.changes, 'data.changes');
  if (Object.keys(changes).length === 0)
    throw new RuleViolated('EMPTY_CHANGES', 'data.changes must not be empty', 'data.changes');
  checkChangedDates(s, ctx, changes);
  checkAdverseEventWhole(applyChanges(ae.fields, changes), 'data.changes');
  return [{ type: 'AdverseEventUpdated', data: { ...data, changes } }];
};

export const recordSafetyReportSubmitted: Decide = (c, s, ctx) => {
  requireParticipant(s);
  const data = dataOf<SafetyReportSubmitted['data']>(c);
  findAdverseEvent(s, data.adverseEventId);
  checkClinicalDate(s, ctx, data.submittedOn, 'data.submittedOn');
  return [{ type: 'SafetyReportSubmitted', data }];
};

/** Dates inside `changes` obey the same date rules as the original command's. */
export const checkChangedDates = (
  s: ParticipantState,
  ctx: Parameters<Decide>[2],
  changes: Readonly<Record<string, unknown>>,
): void => {
  for (const [k, v] of Object.entries(changes)) {
    if (typeof v === 'string' && /On$/.test(k)) checkClinicalDate(s, ctx, v, `data.changes.${k}`);
  }
};
