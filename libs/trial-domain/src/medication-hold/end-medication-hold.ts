import { PARTICIPANT_REF_SCHEMA, type Command, type Decide } from '../participant/command';
import { checkClinicalDate, requireEnrolled } from '../participant/guards';
import type { MedicationHoldEnded } from '../participant/participant.events';
import { activeHoldOf } from '../participant/participant.state';
import { RuleViolated, StateConflict } from '../shared/errors';
import type { Schema } from '../shared/schema';
import { MEDICATION_CLASSES } from '../shared/vocabulary';

export type EndMedicationHold = Command<'EndMedicationHold', MedicationHoldEnded['data']>;

export const END_MEDICATION_HOLD_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  medicationClass: { rule: { kind: 'enum', values: MEDICATION_CLASSES } },
  endedOn: { rule: { kind: 'date' } },
};

/** Ends the active hold of the class; it may not end before it started. */
export const endMedicationHold: Decide<EndMedicationHold, MedicationHoldEnded> = (c, s, ctx) => {
  requireEnrolled(s);
  const { medicationClass, endedOn } = c.data;
  const startedOn = activeHoldOf(s, medicationClass);
  if (startedOn === undefined)
    throw new StateConflict('HOLD_NOT_ACTIVE', `no ${medicationClass} hold is active`, 'data.medicationClass');
  checkClinicalDate(s, ctx, endedOn, 'data.endedOn');
  if (endedOn < startedOn)
    throw new RuleViolated(
      'HOLD_ENDS_BEFORE_START',
      `data.endedOn ${endedOn} precedes the hold's startedOn ${startedOn}`,
      'data.endedOn',
    );
  return [{ type: 'MedicationHoldEnded', data: c.data }];
};
