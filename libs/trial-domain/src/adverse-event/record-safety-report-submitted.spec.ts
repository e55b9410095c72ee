import { NotFound, RuleViolated } from '../shared/errors';
import {
  aeReported,
  consented,
  enrolledParticipant,
  procedureRecorded,
  recordSafetyReportSubmittedCommand,
  safetyReportSubmitted,
  screenFailed,
  voided,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

const withAe = [...enrolledParticipant(), aeReported()];

describe('RecordSafetyReportSubmitted', () => {
  it('records a submission to the IRB', () =>
    given(withAe).when(recordSafetyReportSubmittedCommand()).then([safetyReportSubmitted()]));

  it('records a submission to the regulator', () =>
    given(withAe)
      .when(recordSafetyReportSubmittedCommand({ recipient: 'regulator' }))
      .then([safetyReportSubmitted({ recipient: 'regulator' })]));

  it('allows several submissions', () =>
    given([...withAe, safetyReportSubmitted()])
      .when(recordSafetyReportSubmittedCommand({ submittedOn: '2024-02-06' }))
      .then([safetyReportSubmitted({ submittedOn: '2024-02-06' })]));

  it('is accepted for a voided adverse event', () =>
    given([...withAe, voided({ recordId: 'ae-1', recordKind: 'adverse_event' })])
      .when(recordSafetyReportSubmittedCommand())
      .then([safetyReportSubmitted()]));

  it.each([
    ['screen-failed', [consented(), screenFailed(), aeReported()]],
    ['withdrawn', [...withAe, withdrawn()]],
  ])('is accepted for a %s participant', (_, history) =>
    given(history).when(recordSafetyReportSubmittedCommand()).then([safetyReportSubmitted()]),
  );

  it('is 404 for an unknown adverse event', () =>
    given(withAe)
      .when(recordSafetyReportSubmittedCommand({ adverseEventId: 'ae-2' }))
      .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.adverseEventId'));

  it('is 404 for a record that is not an adverse event', () =>
    given([...withAe, procedureRecorded()])
      .when(recordSafetyReportSubmittedCommand({ adverseEventId: 'proc-1' }))
      .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.adverseEventId'));

  it('is 404 for an unknown participant', () =>
    given([]).when(recordSafetyReportSubmittedCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

  it('is 422 when submittedOn is later than the recorded date in UTC+14', () =>
    given(withAe)
      .when(recordSafetyReportSubmittedCommand({ submittedOn: '2024-06-03' }))
      .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.submittedOn'));

  it('is 422 when submittedOn precedes the first consent', () =>
    given(withAe)
      .when(recordSafetyReportSubmittedCommand({ submittedOn: '2024-01-09' }))
      .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.submittedOn'));
});
