import { PARTICIPANT_REF_SCHEMA, RECORD_ID_FIELD, type Command, type Decide } from '../participant/command';
import { checkChangedDates, requireParticipant } from '../participant/guards';
import type { AdverseEventUpdated } from '../participant/participant.events';
import { applyChanges } from '../participant/participant.state';
import { RuleViolated, StateConflict } from '../shared/errors';
import { checkChanges, type Schema } from '../shared/schema';
import {
  ADVERSE_EVENT_CHANGES_SCHEMA,
  ADVERSE_EVENT_CLEARABLE,
  checkAdverseEventWhole,
  findAdverseEvent,
} from './adverse-event.rules';

export type UpdateAdverseEvent = Command<'UpdateAdverseEvent', AdverseEventUpdated['data']>;

/** `changes` is checked against the event's fields by the decider, which knows which may be cleared. */
export const UPDATE_ADVERSE_EVENT_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  adverseEventId: RECORD_ID_FIELD,
  changes: { rule: { kind: 'object' } },
};

/** New clinical information on an evolving event; the updated event must still be valid as a whole. */
export const updateAdverseEvent: Decide<UpdateAdverseEvent, AdverseEventUpdated> = (c, s, ctx) => {
  requireParticipant(s);
  const ae = findAdverseEvent(s, c.data.adverseEventId);
  if (ae.voided) throw new StateConflict('RECORD_VOIDED', `adverse event ${ae.id} is voided`, 'data.adverseEventId');
  const changes = checkChanges(ADVERSE_EVENT_CHANGES_SCHEMA, ADVERSE_EVENT_CLEARABLE, c.data.changes, 'data.changes');
  if (Object.keys(changes).length === 0)
    throw new RuleViolated('EMPTY_CHANGES', 'data.changes must not be empty', 'data.changes');
  checkChangedDates(s, ctx, changes);
  checkAdverseEventWhole(applyChanges(ae.fields, changes), 'data.changes');
  return [{ type: 'AdverseEventUpdated', data: { ...c.data, changes } }];
};
