import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import {
  aeReported,
  assessed,
  consented,
  enrolledParticipant,
  reportAdverseEventCommand,
  screenFailed,
  voided,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

/** A serious, grade 5 event: death among the criteria, outcome fatal. */
const fatal = {
  grade: 5,
  serious: true,
  seriousCriteria: ['death', 'hospitalization'],
  outcome: 'fatal',
} as const;

describe('ReportAdverseEvent', () => {
  it('records a non-serious event', () =>
    given(enrolledParticipant()).when(reportAdverseEventCommand()).then([aeReported()]));

  it('records a serious event with criteria and an outcome', () => {
    const serious = {
      grade: 3,
      serious: true,
      seriousCriteria: ['hospitalization', 'important_medical_event'],
      outcome: 'recovering',
    } as const;
    return given(enrolledParticipant())
      .when(reportAdverseEventCommand(serious))
      .then([aeReported(serious)]);
  });

  it('records a fatal event: grade 5 with death', () =>
    given(enrolledParticipant())
      .when(reportAdverseEventCommand(fatal))
      .then([aeReported(fatal)]));

  it('null outcome counts as absent', () =>
    given(enrolledParticipant())
      .when(reportAdverseEventCommand({ outcome: null }))
      .then([aeReported()]));

  describe('who may report (safety follow-up never stops)', () => {
    it.each([
      ['consent only', [consented()]],
      ['screen-failed', [consented(), screenFailed()]],
      ['withdrawn', [...enrolledParticipant(), withdrawn()]],
    ])('accepts a %s participant', (_, history) =>
      given(history)
        .when(reportAdverseEventCommand({ onsetOn: '2024-05-01' }))
        .then([aeReported({ onsetOn: '2024-05-01' })]),
    );

    it('is 404 for an unknown participant', () =>
      given([]).when(reportAdverseEventCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));
  });

  describe('seriousness (422)', () => {
    it('requires criteria when serious', () =>
      given(enrolledParticipant())
        .when(reportAdverseEventCommand({ serious: true, seriousCriteria: [] }))
        .thenThrows(RuleViolated, 'SERIOUS_CRITERIA_REQUIRED', 'data.seriousCriteria'));

    it('refuses criteria when not serious', () =>
      given(enrolledParticipant())
        .when(
          reportAdverseEventCommand({
            serious: false,
            seriousCriteria: ['hospitalization'],
          }),
        )
        .thenThrows(RuleViolated, 'SERIOUS_CRITERIA_NOT_ALLOWED', 'data.seriousCriteria'));

    it('requires death at grade 5', () =>
      given(enrolledParticipant())
        .when(
          reportAdverseEventCommand({
            grade: 5,
            serious: true,
            seriousCriteria: ['life_threatening'],
          }),
        )
        .thenThrows(RuleViolated, 'DEATH_IFF_GRADE_5'));

    it('refuses death below grade 5', () =>
      given(enrolledParticipant())
        .when(
          reportAdverseEventCommand({
            grade: 4,
            serious: true,
            seriousCriteria: ['death'],
          }),
        )
        .thenThrows(RuleViolated, 'DEATH_IFF_GRADE_5'));

    it('refuses grade 5 on a non-serious event (no death possible)', () =>
      given(enrolledParticipant())
        .when(reportAdverseEventCommand({ grade: 5 }))
        .thenThrows(RuleViolated, 'DEATH_IFF_GRADE_5'));

    it('requires death for a fatal outcome', () =>
      given(enrolledParticipant())
        .when(reportAdverseEventCommand({ outcome: 'fatal' }))
        .thenThrows(RuleViolated, 'FATAL_REQUIRES_DEATH', 'data.outcome'));
  });

  describe('record ids', () => {
    it('is 409 for an id used by a voided record of another kind', () =>
      given([...enrolledParticipant(), assessed({ assessmentId: 'ae-1' }), voided({ recordId: 'ae-1' })])
        .when(reportAdverseEventCommand())
        .thenThrows(StateConflict, 'RECORD_ID_TAKEN', 'data.adverseEventId'));

    it('is 409 for an id used by another adverse event', () =>
      given([...enrolledParticipant(), aeReported()])
        .when(reportAdverseEventCommand())
        .thenThrows(StateConflict, 'RECORD_ID_TAKEN'));

    it('is 400 for the reserved id `enrollment`', () =>
      given(enrolledParticipant())
        .when(reportAdverseEventCommand({ adverseEventId: 'enrollment' }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.adverseEventId'));
  });

  describe('dates', () => {
    it('is 422 when onsetOn precedes the first consent', () =>
      given([consented()])
        .when(reportAdverseEventCommand({ onsetOn: '2024-01-09' }))
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.onsetOn'));

    it('is 422 when onsetOn is later than the recorded date in UTC+14', () =>
      given([consented()])
        .when(reportAdverseEventCommand({ onsetOn: '2024-06-03' }))
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.onsetOn'));
  });

  describe('awareOn, the start of the regulator clock (ours, docs/decisions/0012)', () => {
    it('records the sponsor awareness date when given', () =>
      given([consented()])
        .when(reportAdverseEventCommand({ awareOn: '2024-02-05' }))
        .then([aeReported({ awareOn: '2024-02-05' })]));

    it('accepts awareness on the day of onset', () =>
      given([consented()])
        .when(reportAdverseEventCommand({ awareOn: '2024-02-03' }))
        .then([aeReported({ awareOn: '2024-02-03' })]));

    it('is 422 when awareOn precedes onsetOn: no one knows of an event before it begins', () =>
      given([consented()])
        .when(reportAdverseEventCommand({ awareOn: '2024-02-02' }))
        .thenThrows(RuleViolated, 'AWARE_BEFORE_ONSET', 'data.awareOn'));

    it('is 422 when awareOn is later than the recorded date in UTC+14', () =>
      given([consented()])
        .when(reportAdverseEventCommand({ awareOn: '2024-06-03' }))
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.awareOn'));

    it('is 422 when awareOn precedes the first consent', () =>
      given([consented()])
        .when(reportAdverseEventCommand({ onsetOn: '2024-01-10', awareOn: '2024-01-09' }))
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.awareOn'));

    it('is 400 when awareOn is not a calendar date, or null', () => {
      given([consented()])
        .when(reportAdverseEventCommand({ awareOn: '2024-02-30' }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.awareOn');
      given([consented()])
        .when(reportAdverseEventCommand({ awareOn: null }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.awareOn');
    });
  });
});
