import { PARTICIPANT_REF_SCHEMA, type Command, type Decide } from '../participant/command';
import { checkClinicalDate, requireEnrolled } from '../participant/guards';
import type { MedicationHoldStarted } from '../participant/participant.events';
import { activeHoldOf } from '../participant/participant.state';
import { StateConflict } from '../shared/errors';
import type { Schema } from '../shared/schema';
import { MEDICATION_CLASSES } from '../shared/vocabulary';

export type StartMedicationHold = Command<'StartMedicationHold', MedicationHoldStarted['data']>;

export const START_MEDICATION_HOLD_SCHEMA: Schema = {
  ...PARTICIPANT_REF_SCHEMA,
  medicationClass: { rule: { kind: 'enum', values: MEDICATION_CLASSES } },
  startedOn: { rule: { kind: 'date' } },
};

/** A hold of a class is active from its start until an end of that class is recorded, whatever the dates. */
export const startMedicationHold: Decide<StartMedicationHold, MedicationHoldStarted> = (c, s, ctx) => {
  requireEnrolled(s);
  const { medicationClass, startedOn } = c.data;
  if (activeHoldOf(s, medicationClass) !== undefined)
    throw new StateConflict(
      'HOLD_ALREADY_ACTIVE',
      `a ${medicationClass} hold is already active`,
      'data.medicationClass',
    );
  checkClinicalDate(s, ctx, startedOn, 'data.startedOn');
  return [{ type: 'MedicationHoldStarted', data: c.data }];
};
