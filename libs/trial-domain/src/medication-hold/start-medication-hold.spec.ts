import { NotFound, StateConflict } from '../shared/errors';
import {
  consented,
  enrolledParticipant,
  holdEnded,
  holdStarted,
  screenFailed,
  startMedicationHoldCommand,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

describe('StartMedicationHold', () => {
  it('starts a hold for an enrolled participant', () =>
    given(enrolledParticipant()).when(startMedicationHoldCommand()).then([holdStarted()]));

  it('starts a hold of another class while one is active', () =>
    given([...enrolledParticipant(), holdStarted()])
      .when(startMedicationHoldCommand({ medicationClass: 'anticoagulant' }))
      .then([holdStarted({ medicationClass: 'anticoagulant' })]));

  it('is 409 when a hold of that class is already active', () =>
    given([...enrolledParticipant(), holdStarted()])
      .when(startMedicationHoldCommand({ startedOn: '2024-03-01' }))
      .thenThrows(StateConflict, 'HOLD_ALREADY_ACTIVE', 'data.medicationClass'));

  it('starts again once the previous hold of the class ended, whatever the dates', () =>
    given([...enrolledParticipant(), holdStarted(), holdEnded()])
      .when(startMedicationHoldCommand({ startedOn: '2024-01-20' }))
      .then([holdStarted({ startedOn: '2024-01-20' })]));

  it('is accepted for a withdrawn participant', () =>
    given([...enrolledParticipant(), withdrawn()])
      .when(startMedicationHoldCommand({ startedOn: '2024-05-01' }))
      .then([holdStarted({ startedOn: '2024-05-01' })]));

  it('is 409 for a consented participant not enrolled', () =>
    given([consented()]).when(startMedicationHoldCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));

  it('is 409 for a screen-failed participant', () =>
    given([consented(), screenFailed()]).when(startMedicationHoldCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));

  it('is 404 for an unknown participant', () =>
    given([]).when(startMedicationHoldCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));
});
