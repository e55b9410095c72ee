import { RuleViolated, StateConflict } from '../shared/errors';
import {
  aeReported,
  consented,
  enrollParticipantCommand,
  enrolled,
  reportAdverseEventCommand,
  screenFailed,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

describe('EnrollParticipant', () => {
  it('enrolls a consented participant who meets every criterion', () =>
    given([consented()]).when(enrollParticipantCommand()).then([enrolled()]));

  it('enrolls at the eligibility boundaries (13 months of pain, aged 18)', () =>
    given([consented()])
      .when(enrollParticipantCommand({ painDurationMonths: 13, ageYears: 18 }))
      .then([enrolled({ painDurationMonths: 13, ageYears: 18 })]));

  it('accepts an enrollment dated on the consent date', () =>
    given([consented()])
      .when(enrollParticipantCommand({ enrolledOn: '2024-01-10' }))
      .then([enrolled({ enrolledOn: '2024-01-10' })]));

  describe('state', () => {
    it('is 409 without a consent', () =>
      given([]).when(enrollParticipantCommand()).thenThrows(StateConflict, 'NO_CONSENT'));

    it('is 409 when already enrolled', () =>
      given([consented(), enrolled()]).when(enrollParticipantCommand()).thenThrows(StateConflict, 'ALREADY_SCREENED'));

    it('is 409 after a screen failure, even with eligible data now', () =>
      given([consented(), screenFailed()])
        .when(enrollParticipantCommand())
        .thenThrows(StateConflict, 'ALREADY_SCREENED'));
  });

  describe('eligibility (protocol.md): a failed criterion records a screen failure', () => {
    it.each([
      ['PAIN_NOT_CHRONIC', { painDurationMonths: 12 }],
      ['PAIN_NOT_CHRONIC', { painDurationMonths: 0 }],
      ['NO_FAILED_PHYSICAL_THERAPY', { failedPhysicalTherapy: false }],
      ['LEG_PAIN_DOMINANT', { axialPainWorseThanLegPain: false }],
      ['UNDERAGE', { ageYears: 17 }],
      ['UNDERAGE', { ageYears: 0 }],
    ] as const)('%s for %j', (code, failing) =>
      given([consented()])
        .when(enrollParticipantCommand(failing))
        .then([screenFailed({ ageYears: 45, ...failing, failedCriteria: [code] })]),
    );

    it('records every failed criterion, in protocol order', () =>
      given([consented()])
        .when(
          enrollParticipantCommand({
            ageYears: 17,
            painDurationMonths: 12,
            axialPainWorseThanLegPain: false,
            failedPhysicalTherapy: false,
          }),
        )
        .then([
          screenFailed({
            ageYears: 17,
            painDurationMonths: 12,
            axialPainWorseThanLegPain: false,
            failedPhysicalTherapy: false,
            failedCriteria: ['PAIN_NOT_CHRONIC', 'NO_FAILED_PHYSICAL_THERAPY', 'LEG_PAIN_DOMINANT', 'UNDERAGE'],
          }),
        ]));

    it('lets a screen-failed participant report adverse events', () =>
      given([consented(), screenFailed()]).when(reportAdverseEventCommand()).then([aeReported()]));
  });

  describe('dates', () => {
    it('rejects enrolledOn before the first consent (422)', () =>
      given([consented()])
        .when(enrollParticipantCommand({ enrolledOn: '2024-01-09' }))
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.enrolledOn'));

    it('rejects enrolledOn later than the recorded date in UTC+14 (422)', () =>
      given([consented()])
        .when(enrollParticipantCommand({ enrolledOn: '2024-06-03' }))
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.enrolledOn'));
  });
});
