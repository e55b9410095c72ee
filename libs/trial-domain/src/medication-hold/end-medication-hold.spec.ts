import { NotFound, RuleViolated, StateConflict } from '../shared/errors';
import {
  consented,
  endMedicationHoldCommand,
  enrolledParticipant,
  holdEnded,
  holdStarted,
  screenFailed,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

describe('EndMedicationHold', () => {
  it('ends the active hold', () =>
    given([...enrolledParticipant(), holdStarted()])
      .when(endMedicationHoldCommand())
      .then([holdEnded()]));

  it('ends a hold on the day it started', () =>
    given([...enrolledParticipant(), holdStarted()])
      .when(endMedicationHoldCommand({ endedOn: '2024-01-25' }))
      .then([holdEnded({ endedOn: '2024-01-25' })]));

  it('is 409 when no hold of the class was ever started', () =>
    given(enrolledParticipant())
      .when(endMedicationHoldCommand())
      .thenThrows(StateConflict, 'HOLD_NOT_ACTIVE', 'data.medicationClass'));

  it('is 409 when the hold of the class already ended', () =>
    given([...enrolledParticipant(), holdStarted(), holdEnded()])
      .when(endMedicationHoldCommand({ endedOn: '2024-02-06' }))
      .thenThrows(StateConflict, 'HOLD_NOT_ACTIVE'));

  it('is 409 when only a hold of another class is active', () =>
    given([...enrolledParticipant(), holdStarted()])
      .when(endMedicationHoldCommand({ medicationClass: 'opiate' }))
      .thenThrows(StateConflict, 'HOLD_NOT_ACTIVE'));

  it("is 422 when endedOn precedes the active hold's startedOn", () =>
    given([...enrolledParticipant(), holdStarted()])
      .when(endMedicationHoldCommand({ endedOn: '2024-01-24' }))
      .thenThrows(RuleViolated, 'HOLD_ENDS_BEFORE_START', 'data.endedOn'));

  it('judges endedOn against the active hold, not an earlier one', () =>
    given([
      ...enrolledParticipant(),
      holdStarted({ startedOn: '2024-01-20' }),
      holdEnded({ endedOn: '2024-01-22' }),
      holdStarted({ startedOn: '2024-03-01' }),
    ])
      .when(endMedicationHoldCommand({ endedOn: '2024-02-28' }))
      .thenThrows(RuleViolated, 'HOLD_ENDS_BEFORE_START'));

  it('is accepted for a withdrawn participant', () =>
    given([...enrolledParticipant(), holdStarted(), withdrawn()])
      .when(endMedicationHoldCommand())
      .then([holdEnded()]));

  it('is 409 for a screen-failed participant', () =>
    given([consented(), screenFailed()]).when(endMedicationHoldCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));

  it('is 404 for an unknown participant', () =>
    given([]).when(endMedicationHoldCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));
});
