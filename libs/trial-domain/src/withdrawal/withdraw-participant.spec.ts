import { NotFound, RuleViolated, StateConflict } from '../shared/errors';
import {
  aeReported,
  consented,
  enrolledParticipant,
  reportAdverseEventCommand,
  screenFailed,
  withdrawParticipantCommand,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

describe('WithdrawParticipant', () => {
  it('withdraws an enrolled participant', () =>
    given(enrolledParticipant()).when(withdrawParticipantCommand()).then([withdrawn()]));

  it.each(['consent_withdrawn', 'investigator_decision', 'other'] as const)('records the reason %s', (reason) =>
    given(enrolledParticipant())
      .when(withdrawParticipantCommand({ reason }))
      .then([withdrawn({ reason })]),
  );

  it('is 409 for a second withdrawal', () =>
    given([...enrolledParticipant(), withdrawn()])
      .when(withdrawParticipantCommand({ withdrawnOn: '2024-05-01' }))
      .thenThrows(StateConflict, 'ALREADY_WITHDRAWN'));

  it('is 409 for a consented participant not enrolled', () =>
    given([consented()]).when(withdrawParticipantCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));

  it('is 409 for a screen-failed participant', () =>
    given([consented(), screenFailed()]).when(withdrawParticipantCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));

  it('is 404 for an unknown participant', () =>
    given([]).when(withdrawParticipantCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

  it('still accepts adverse events after the withdrawal, dated after it', () =>
    given([...enrolledParticipant(), withdrawn()])
      .when(reportAdverseEventCommand({ onsetOn: '2024-05-10' }))
      .then([aeReported({ onsetOn: '2024-05-10' })]));

  it('is 422 when withdrawnOn is later than the recorded date in UTC+14', () =>
    given(enrolledParticipant())
      .when(withdrawParticipantCommand({ withdrawnOn: '2024-06-03' }))
      .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.withdrawnOn'));

  it('is 422 when withdrawnOn precedes the first consent', () =>
    given(enrolledParticipant())
      .when(withdrawParticipantCommand({ withdrawnOn: '2024-01-01' }))
      .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.withdrawnOn'));
});
