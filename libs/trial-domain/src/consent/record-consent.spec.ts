import { RuleViolated, ValidationFailed } from '../shared/errors';
import { assessed, consented, enrolled, recordAssessmentCommand, recordConsentCommand } from '../testing/builders';
import { given } from '../testing/decider-spec';

describe('RecordConsent', () => {
  it('creates the participant with a first consent', () => given([]).when(recordConsentCommand()).then([consented()]));

  it('accepts a consent dated on the recorded date in UTC+14', () =>
    given([])
      .when(recordConsentCommand({ signedOn: '2024-06-02' }))
      .then([consented({ signedOn: '2024-06-02' })]));

  it('rejects a consent dated later than the recorded date in UTC+14 (422)', () =>
    given([])
      .when(recordConsentCommand({ signedOn: '2024-06-03' }))
      .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.signedOn'));

  it('rejects a signedOn that is not a real calendar date (400)', () =>
    given([])
      .when(recordConsentCommand({ signedOn: '2024-02-30' }))
      .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.signedOn'));

  describe('re-consent', () => {
    it('accepts a re-consent to a new version', () =>
      given([consented()])
        .when(recordConsentCommand({ consentVersion: 'v2.0', signedOn: '2024-03-01' }))
        .then([consented({ consentVersion: 'v2.0', signedOn: '2024-03-01' })]));

    it("accepts the same version again, on the first consent's date", () =>
      given([consented()]).when(recordConsentCommand()).then([consented()]));

    it('rejects a re-consent dated before the first consent (422)', () =>
      given([consented(), consented({ signedOn: '2024-03-01' })])
        .when(recordConsentCommand({ signedOn: '2024-01-09' }))
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.signedOn'));

    it('judges a re-consent against the first consent, not the latest', () =>
      given([consented(), consented({ signedOn: '2024-03-01' })])
        .when(recordConsentCommand({ signedOn: '2024-02-01' }))
        .then([consented({ signedOn: '2024-02-01' })]));

    it("keeps the participant's consent date at the first signedOn", () =>
      given([consented(), enrolled(), consented({ consentVersion: 'v2.0', signedOn: '2024-03-01' })])
        .when(recordAssessmentCommand({ assessedOn: '2024-01-10' }))
        .then([assessed({ assessedOn: '2024-01-10' })]));

    it('still rejects dates before the first consent after a re-consent', () =>
      given([consented(), enrolled(), consented({ consentVersion: 'v2.0', signedOn: '2024-03-01' })])
        .when(recordAssessmentCommand({ assessedOn: '2024-01-09' }))
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.assessedOn'));
  });
});
