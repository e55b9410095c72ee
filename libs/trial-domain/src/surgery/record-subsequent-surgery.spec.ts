import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import {
  assessed,
  consented,
  enrolledParticipant,
  recordSubsequentSurgeryCommand,
  screenFailed,
  surgeryRecorded,
  voided,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

describe('RecordSubsequentSurgery', () => {
  it('records a subsequent surgery for an enrolled participant', () =>
    given(enrolledParticipant()).when(recordSubsequentSurgeryCommand()).then([surgeryRecorded()]));

  it('is accepted for a withdrawn participant, even dated after withdrawnOn', () =>
    given([...enrolledParticipant(), withdrawn()])
      .when(recordSubsequentSurgeryCommand({ performedOn: '2024-05-20' }))
      .then([surgeryRecorded({ performedOn: '2024-05-20' })]));

  it('is 404 for an unknown participant', () =>
    given([]).when(recordSubsequentSurgeryCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

  it('is 409 for a consented participant not enrolled', () =>
    given([consented()]).when(recordSubsequentSurgeryCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));

  it('is 409 for a screen-failed participant', () =>
    given([consented(), screenFailed()])
      .when(recordSubsequentSurgeryCommand())
      .thenThrows(StateConflict, 'NOT_ENROLLED'));

  it('is 409 when the id is used by a voided record of another kind', () =>
    given([...enrolledParticipant(), assessed({ assessmentId: 'surg-1' }), voided({ recordId: 'surg-1' })])
      .when(recordSubsequentSurgeryCommand())
      .thenThrows(StateConflict, 'RECORD_ID_TAKEN', 'data.surgeryId'));

  it('is 400 for the reserved id `enrollment`', () =>
    given(enrolledParticipant())
      .when(recordSubsequentSurgeryCommand({ surgeryId: 'enrollment' }))
      .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.surgeryId'));

  it('is 422 when performedOn is later than the recorded date in UTC+14', () =>
    given(enrolledParticipant())
      .when(recordSubsequentSurgeryCommand({ performedOn: '2024-06-03' }))
      .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.performedOn'));

  it('is 422 when performedOn precedes the first consent', () =>
    given(enrolledParticipant())
      .when(recordSubsequentSurgeryCommand({ performedOn: '2023-12-31' }))
      .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.performedOn'));
});
