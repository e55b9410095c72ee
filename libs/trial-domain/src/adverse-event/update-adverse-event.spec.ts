import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import {
  aeReported,
  aeUpdated,
  assessed,
  consented,
  corrected,
  enrolledParticipant,
  screenFailed,
  updateAdverseEventCommand,
  voided,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

const withAe = [...enrolledParticipant(), aeReported()]; // onsetOn 2024-02-03, grade 1

describe('UpdateAdverseEvent', () => {
  it('records new clinical information', () => given(withAe).when(updateAdverseEventCommand()).then([aeUpdated()]));

  it('escalates an event to serious with its criteria', () => {
    const changes = {
      grade: 3,
      serious: true,
      seriousCriteria: ['hospitalization'],
    };
    return given(withAe)
      .when(updateAdverseEventCommand({ changes }))
      .then([aeUpdated({ changes })]);
  });

  it('accepts values equal to the current ones', () =>
    given(withAe)
      .when(updateAdverseEventCommand({ changes: { grade: 1, expected: true } }))
      .then([aeUpdated({ changes: { grade: 1, expected: true } })]));

  it.each([
    ['consent only', [consented(), aeReported()]],
    ['screen-failed', [consented(), screenFailed(), aeReported()]],
    ['withdrawn', [...withAe, withdrawn()]],
  ])('is accepted for a %s participant', (_, history) =>
    given(history).when(updateAdverseEventCommand()).then([aeUpdated()]),
  );

  describe('which event', () => {
    it('is 404 for an unknown participant', () =>
      given([]).when(updateAdverseEventCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

    it('is 404 for an unknown adverse event', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ adverseEventId: 'ae-2' }))
        .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.adverseEventId'));

    it('is 404 for a record that is not an adverse event', () =>
      given([...withAe, assessed()])
        .when(updateAdverseEventCommand({ adverseEventId: 'asmt-baseline' }))
        .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.adverseEventId'));

    it('is 409 for a voided adverse event', () =>
      given([...withAe, voided({ recordId: 'ae-1', recordKind: 'adverse_event' })])
        .when(updateAdverseEventCommand())
        .thenThrows(StateConflict, 'RECORD_VOIDED', 'data.adverseEventId'));
  });

  describe('changes', () => {
    it('is 422 when empty', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: {} }))
        .thenThrows(RuleViolated, 'EMPTY_CHANGES', 'data.changes'));

    it('is 400 for the id among the changes', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { adverseEventId: 'ae-9' } }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.changes.adverseEventId'));

    it('is 400 for an unknown field among the changes', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { severity: 'mild' } }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.changes.severity'));

    it('is 400 for a null that does not clear (grade)', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { grade: null } }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.changes.grade'));

    it('is 400 for a value out of range', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { grade: 6 } }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.changes.grade'));

    it('null clears outcome and resolvedOn', () =>
      given([...withAe, aeUpdated({ changes: { outcome: 'recovered', resolvedOn: '2024-02-10' } })])
        .when(
          updateAdverseEventCommand({
            changes: { outcome: null, resolvedOn: null },
          }),
        )
        .then([aeUpdated({ changes: { outcome: null, resolvedOn: null } })]));

    it('a cleared resolvedOn no longer bounds onsetOn', () =>
      given([
        ...withAe,
        aeUpdated({ changes: { resolvedOn: '2024-02-10' } }),
        aeUpdated({ changes: { resolvedOn: null } }),
      ])
        .when(updateAdverseEventCommand({ changes: { onsetOn: '2024-03-01' } }))
        .then([aeUpdated({ changes: { onsetOn: '2024-03-01' } })]));
  });

  describe('the updated event as a whole (422)', () => {
    it('refuses serious without criteria', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { serious: true } }))
        .thenThrows(RuleViolated, 'SERIOUS_CRITERIA_REQUIRED', 'data.changes.seriousCriteria'));

    it('refuses criteria on an event no longer serious', () =>
      given([...enrolledParticipant(), aeReported({ grade: 3, serious: true, seriousCriteria: ['disability'] })])
        .when(updateAdverseEventCommand({ changes: { serious: false } }))
        .thenThrows(RuleViolated, 'SERIOUS_CRITERIA_NOT_ALLOWED'));

    it('refuses grade 5 without death', () =>
      given(withAe)
        .when(
          updateAdverseEventCommand({
            changes: { grade: 5, serious: true, seriousCriteria: ['hospitalization'] },
          }),
        )
        .thenThrows(RuleViolated, 'DEATH_IFF_GRADE_5'));

    it('refuses death below grade 5', () =>
      given([...enrolledParticipant(), aeReported({ grade: 5, serious: true, seriousCriteria: ['death'] })])
        .when(updateAdverseEventCommand({ changes: { grade: 4 } }))
        .thenThrows(RuleViolated, 'DEATH_IFF_GRADE_5'));

    it('refuses a fatal outcome without death', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { outcome: 'fatal' } }))
        .thenThrows(RuleViolated, 'FATAL_REQUIRES_DEATH', 'data.changes.outcome'));

    it('refuses resolvedOn before onsetOn', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { resolvedOn: '2024-02-02' } }))
        .thenThrows(RuleViolated, 'RESOLVED_BEFORE_ONSET', 'data.changes.resolvedOn'));

    it('accepts resolvedOn on onsetOn', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { resolvedOn: '2024-02-03' } }))
        .then([aeUpdated({ changes: { resolvedOn: '2024-02-03' } })]));

    it('refuses an onsetOn moved after the current resolvedOn', () =>
      given([...withAe, aeUpdated({ changes: { resolvedOn: '2024-02-10' } })])
        .when(updateAdverseEventCommand({ changes: { onsetOn: '2024-02-11' } }))
        .thenThrows(RuleViolated, 'RESOLVED_BEFORE_ONSET'));

    it('checks against the event as amended by earlier corrections', () =>
      given([
        ...withAe,
        corrected({
          recordId: 'ae-1',
          recordKind: 'adverse_event',
          changes: { onsetOn: '2024-02-20' },
        }),
      ])
        .when(updateAdverseEventCommand({ changes: { resolvedOn: '2024-02-10' } }))
        .thenThrows(RuleViolated, 'RESOLVED_BEFORE_ONSET'));
  });

  describe('dates in changes', () => {
    it('is 422 for resolvedOn later than the recorded date in UTC+14', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { resolvedOn: '2024-06-03' } }))
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.changes.resolvedOn'));

    it('is 422 for onsetOn before the first consent', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { onsetOn: '2024-01-09' } }))
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.changes.onsetOn'));

    it('is 400 for a resolvedOn that is not a calendar date', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { resolvedOn: '2024-02-30' } }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.changes.resolvedOn'));
  });

  describe('awareOn in changes (ours, docs/decisions/0012)', () => {
    it('records a new awareness date', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { awareOn: '2024-02-04' } }))
        .then([aeUpdated({ changes: { awareOn: '2024-02-04' } })]));

    it('is 422 when awareOn precedes onsetOn', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { awareOn: '2024-02-02' } }))
        .thenThrows(RuleViolated, 'AWARE_BEFORE_ONSET', 'data.changes.awareOn'));

    it('is 422 when onsetOn moves after the recorded awareOn', () =>
      given([...withAe, aeUpdated({ changes: { awareOn: '2024-02-04' } })])
        .when(updateAdverseEventCommand({ changes: { onsetOn: '2024-02-05' } }))
        .thenThrows(RuleViolated, 'AWARE_BEFORE_ONSET'));

    it('is 422 when awareOn is later than the recorded date in UTC+14', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { awareOn: '2024-06-03' } }))
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.changes.awareOn'));

    it('is 400 when awareOn is null: it cannot be cleared', () =>
      given(withAe)
        .when(updateAdverseEventCommand({ changes: { awareOn: null } }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.changes.awareOn'));
  });
});
