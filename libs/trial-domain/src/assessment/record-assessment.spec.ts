import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import {
  assessed,
  consented,
  enrolledParticipant,
  procedureRecorded,
  recordAssessmentCommand,
  screenFailed,
  voided,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

const m3 = {
  assessmentId: 'asmt-m3',
  visit: 'm3',
  assessedOn: '2024-05-01',
  vas: 3.5,
  quebec: 30,
  globalImprovement: 40,
} as const;
const { globalImprovement: _, ...m3WithoutGlobal } = m3;

describe('RecordAssessment', () => {
  it('records a baseline assessment without globalImprovement', () =>
    given(enrolledParticipant()).when(recordAssessmentCommand()).then([assessed()]));

  it('records a follow-up assessment with globalImprovement', () =>
    given([...enrolledParticipant(), assessed()])
      .when(recordAssessmentCommand(m3))
      .then([assessed(m3)]));

  it('records a follow-up assessment without globalImprovement', () =>
    given(enrolledParticipant())
      .when(recordAssessmentCommand(m3WithoutGlobal))
      .then([assessed(m3WithoutGlobal)]));

  it('accepts a baseline dated before enrollment (no other date order is enforced)', () =>
    given(enrolledParticipant())
      .when(recordAssessmentCommand({ assessedOn: '2024-01-11' }))
      .then([assessed({ assessedOn: '2024-01-11' })]));

  describe('visits', () => {
    it('is 409 for a second non-voided assessment of the same visit', () =>
      given([...enrolledParticipant(), assessed()])
        .when(recordAssessmentCommand({ assessmentId: 'asmt-baseline-2', vas: 6 }))
        .thenThrows(StateConflict, 'VISIT_ALREADY_ASSESSED', 'data.visit'));

    it('accepts the visit again once the first assessment was voided', () =>
      given([...enrolledParticipant(), assessed(), voided()])
        .when(recordAssessmentCommand({ assessmentId: 'asmt-baseline-2', vas: 6 }))
        .then([assessed({ assessmentId: 'asmt-baseline-2', vas: 6 })]));

    it("still refuses the voided assessment's id (409)", () =>
      given([...enrolledParticipant(), assessed(), voided()])
        .when(recordAssessmentCommand())
        .thenThrows(StateConflict, 'RECORD_ID_TAKEN', 'data.assessmentId'));

    it('is 409 when the id is taken by a record of another kind', () =>
      given([...enrolledParticipant(), procedureRecorded({ procedureId: 'asmt-m3' })])
        .when(recordAssessmentCommand(m3))
        .thenThrows(StateConflict, 'RECORD_ID_TAKEN', 'data.assessmentId'));

    it('is 400 for the reserved id `enrollment`', () =>
      given(enrolledParticipant())
        .when(recordAssessmentCommand({ assessmentId: 'enrollment' }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.assessmentId'));
  });

  describe('globalImprovement', () => {
    it('is 422 at baseline', () =>
      given(enrolledParticipant())
        .when(recordAssessmentCommand({ globalImprovement: 10 }))
        .thenThrows(RuleViolated, 'GLOBAL_IMPROVEMENT_AT_BASELINE', 'data.globalImprovement'));

    it('is 422 at baseline even when 0', () =>
      given(enrolledParticipant())
        .when(recordAssessmentCommand({ globalImprovement: 0 }))
        .thenThrows(RuleViolated, 'GLOBAL_IMPROVEMENT_AT_BASELINE'));

    it('null counts as absent: accepted at baseline and not recorded', () =>
      given(enrolledParticipant())
        .when(recordAssessmentCommand({ globalImprovement: null }))
        .then([assessed()]));

    it('null counts as absent at a follow-up visit too', () =>
      given(enrolledParticipant())
        .when(recordAssessmentCommand({ ...m3, globalImprovement: null }))
        .then([assessed(m3WithoutGlobal)]));
  });

  describe('participant state', () => {
    it('is 404 for an unknown participant', () =>
      given([]).when(recordAssessmentCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

    it('is 409 for a consented participant not enrolled', () =>
      given([consented()]).when(recordAssessmentCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));

    it('is 409 for a screen-failed participant', () =>
      given([consented(), screenFailed()]).when(recordAssessmentCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));
  });

  describe('withdrawal', () => {
    const history = [...enrolledParticipant(), withdrawn()]; // withdrawnOn 2024-04-01

    it('is 409 when dated after withdrawnOn', () =>
      given(history)
        .when(recordAssessmentCommand({ ...m3, assessedOn: '2024-04-02' }))
        .thenThrows(StateConflict, 'AFTER_WITHDRAWAL', 'data.assessedOn'));

    it('is accepted on withdrawnOn', () =>
      given(history)
        .when(recordAssessmentCommand({ ...m3, assessedOn: '2024-04-01' }))
        .then([assessed({ ...m3, assessedOn: '2024-04-01' })]));
  });

  describe('dates', () => {
    it('is 422 before the first consent', () =>
      given(enrolledParticipant())
        .when(recordAssessmentCommand({ assessedOn: '2024-01-09' }))
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.assessedOn'));

    it('is 422 later than the recorded date in UTC+14', () =>
      given(enrolledParticipant())
        .when(recordAssessmentCommand({ ...m3, assessedOn: '2024-06-03' }))
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.assessedOn'));
  });
});
