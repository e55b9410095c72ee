import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import type { RecordKind } from '../shared/vocabulary';
import {
  aeReported,
  assessed,
  consented,
  enrolledParticipant,
  procedureRecorded,
  screenFailed,
  surgeryRecorded,
  voidRecordCommand,
  voided,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

const history = [...enrolledParticipant(), assessed(), procedureRecorded(), aeReported(), surgeryRecorded()];

describe('VoidRecord', () => {
  it.each<[string, RecordKind]>([
    ['asmt-baseline', 'assessment'],
    ['proc-1', 'procedure'],
    ['ae-1', 'adverse_event'],
    ['surg-1', 'surgery'],
  ])('voids %s, naming its kind %s', (recordId, recordKind) =>
    given(history)
      .when(voidRecordCommand({ recordId }))
      .then([voided({ recordId, recordKind })]),
  );

  it('voids a record of a withdrawn participant', () =>
    given([...history, withdrawn()])
      .when(voidRecordCommand({ recordId: 'proc-1' }))
      .then([voided({ recordId: 'proc-1', recordKind: 'procedure' })]));

  it('voids an adverse event of a screen-failed participant', () =>
    given([consented(), screenFailed(), aeReported()])
      .when(voidRecordCommand({ recordId: 'ae-1' }))
      .then([voided({ recordId: 'ae-1', recordKind: 'adverse_event' })]));

  it('is 404 for an unknown record', () =>
    given(history)
      .when(voidRecordCommand({ recordId: 'asmt-m3' }))
      .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.recordId'));

  it('is 404 for `enrollment` of an enrolled participant', () =>
    given(history)
      .when(voidRecordCommand({ recordId: 'enrollment' }))
      .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.recordId'));

  it('is 404 for `enrollment` of a screen-failed participant', () =>
    given([consented(), screenFailed()])
      .when(voidRecordCommand({ recordId: 'enrollment' }))
      .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.recordId'));

  it('is 404 for an unknown participant', () =>
    given([]).when(voidRecordCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

  it('is 409 for a record already voided', () =>
    given([...history, voided()])
      .when(voidRecordCommand({ reason: 'again' }))
      .thenThrows(StateConflict, 'RECORD_VOIDED', 'data.recordId'));

  it.each(['', '   ', '\n\t', '\u00a0', '\ufeff'])('is 422 for a blank reason %j', (reason) =>
    given(history).when(voidRecordCommand({ reason })).thenThrows(RuleViolated, 'REASON_REQUIRED', 'data.reason'),
  );

  it('is 400 for a reason that is not a string', () =>
    given(history)
      .when(voidRecordCommand({ reason: null }))
      .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.reason'));
});
