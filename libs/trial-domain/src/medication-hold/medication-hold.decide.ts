import { dataOf } from '../participant/participant.commands';
import { RuleViolated, StateConflict } from '../shared/errors';
import { checkClinicalDate, requireEnrolled } from '../participant/guards';
import type { Decide } from '../participant/participant.decider';
import type { MedicationHoldEnded, MedicationHoldStarted } from '../participant/participant.events';
import { activeHoldOf } from '../participant/participant.state';

/** A hold of a class is active from its start until an end of that class is recorded, whatever the dates. */
export const startMedicationHold: Decide = (c, s, ctx) => {
  requireEnrolled(s);
  const data = dataOf<MedicationHoldStarted['data']>(c);
  if (activeHoldOf(s, data.medicationClass) !== undefined)
    throw new StateConflict(
      'HOLD_ALREADY_ACTIVE',
      `a ${data.medicationClass} hold is already active`,
      'data.medicationClass',
    );
  checkClinicalDate(s, ctx, data.startedOn, 'data.startedOn');
  return [{ type: 'MedicationHoldStarted', data }];
};

export const endMedicationHold: Decide = (c, s, ctx) => {
  requireEnrolled(s);
  const data = dataOf<MedicationHoldEnded['data']>(c);
  const startedOn = activeHoldOf(s, data.medicationClass);
  if (startedOn === undefined)
    throw new StateConflict('HOLD_NOT_ACTIVE', `no ${data.medicationClass} hold is active`, 'data.medicationClass');
  checkClinicalDate(s, ctx, data.endedOn, 'data.endedOn');
  if (data.endedOn < startedOn)
    throw new RuleViolated(
      'HOLD_ENDS_BEFORE_START',
      `data.endedOn ${data.endedOn} precedes the hold's startedOn ${startedOn}`,
      'data.endedOn',
    );
  return [{ type: 'MedicationHoldEnded', data }];
};
