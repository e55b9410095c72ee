/**
 * The participant lifecycle table and the date rules of commands.md, across every command.
 * Each capability's own rules are specified next to it.
 */
import type { ParticipantEvent } from './participant.events';
import { NotFound, RuleViolated, StateConflict } from '../shared/errors';
import {
  aeReported,
  assessed,
  consented,
  correctRecordCommand,
  corrected,
  endMedicationHoldCommand,
  enrollParticipantCommand,
  enrolled,
  enrolledParticipant,
  holdStarted,
  procedureRecorded,
  recordAssessmentCommand,
  recordConsentCommand,
  recordProcedureCommand,
  recordSafetyReportSubmittedCommand,
  recordSubsequentSurgeryCommand,
  reportAdverseEventCommand,
  screenFailed,
  signRecordCommand,
  startMedicationHoldCommand,
  surgeryRecorded,
  updateAdverseEventCommand,
  voidRecordCommand,
  withdrawParticipantCommand,
  withdrawn,
} from '../testing/builders';
import { given, type CommandInput } from '../testing/decider-spec';

/** The commands that need an existing participant, each valid against `withRecords`. */
const commands: Record<string, CommandInput> = {
  StartMedicationHold: startMedicationHoldCommand({ medicationClass: 'opiate' }),
  EndMedicationHold: endMedicationHoldCommand(),
  RecordProcedure: recordProcedureCommand({ procedureId: 'proc-2' }),
  RecordAssessment: recordAssessmentCommand({
    assessmentId: 'asmt-m1',
    visit: 'm1',
    assessedOn: '2024-03-01',
  }),
  ReportAdverseEvent: reportAdverseEventCommand({ adverseEventId: 'ae-2' }),
  UpdateAdverseEvent: updateAdverseEventCommand(),
  RecordSafetyReportSubmitted: recordSafetyReportSubmittedCommand(),
  RecordSubsequentSurgery: recordSubsequentSurgeryCommand(),
  WithdrawParticipant: withdrawParticipantCommand(),
  CorrectRecord: correctRecordCommand({ recordId: 'ae-1', changes: { grade: 2 } }),
  VoidRecord: voidRecordCommand({ recordId: 'ae-1' }),
  SignRecord: signRecordCommand({ recordId: 'ae-1' }),
};
const withRecords = (...status: ParticipantEvent[]): ParticipantEvent[] => [consented(), ...status, aeReported()];

/** What each command records when accepted against `withRecords`. */
const accepted = (type: string): ParticipantEvent['type'] =>
  ({
    StartMedicationHold: 'MedicationHoldStarted',
    EndMedicationHold: 'MedicationHoldEnded',
    RecordProcedure: 'ProcedureRecorded',
    RecordAssessment: 'AssessmentRecorded',
    ReportAdverseEvent: 'AdverseEventReported',
    UpdateAdverseEvent: 'AdverseEventUpdated',
    RecordSafetyReportSubmitted: 'SafetyReportSubmitted',
    RecordSubsequentSurgery: 'SubsequentSurgeryRecorded',
    WithdrawParticipant: 'ParticipantWithdrawn',
    CorrectRecord: 'RecordCorrected',
    VoidRecord: 'RecordVoided',
    SignRecord: 'RecordSigned',
  })[type] as ParticipantEvent['type'];

const acceptedTypes = (history: ParticipantEvent[], c: CommandInput) =>
  given(history)
    .when(c)
    .events()
    .map((e) => e.type);

const CLINICAL = [
  'StartMedicationHold',
  'EndMedicationHold',
  'RecordProcedure',
  'RecordAssessment',
  'RecordSubsequentSurgery',
  'WithdrawParticipant',
];
const SAFETY_AND_AMENDMENTS = [
  'ReportAdverseEvent',
  'UpdateAdverseEvent',
  'RecordSafetyReportSubmitted',
  'CorrectRecord',
  'VoidRecord',
  'SignRecord',
];

describe("the study's rules, before every participant command's own", () => {
  const all = { RecordConsent: recordConsentCommand(), EnrollParticipant: enrollParticipantCommand(), ...commands };
  const unregistered = { study: { registered: false } };
  const behind = { study: { registered: true, latestRecordedAt: '2024-06-01T12:00:00.000001Z' } };

  it.each(Object.keys(all))('%s in a study never registered is 404', (type) =>
    given(withRecords(enrolled(), holdStarted()))
      .when(all[type as keyof typeof all], unregistered)
      .thenThrows(NotFound, 'UNKNOWN_STUDY', 'data.studyId'),
  );

  it.each(Object.keys(all))("%s recorded before the study's latest is 422, whatever the participant", (type) =>
    given([])
      .when(all[type as keyof typeof all], behind)
      .thenThrows(RuleViolated, 'RECORDED_OUT_OF_ORDER', 'recordedAt'),
  );

  it("is accepted at a time equal to the study's latest", () =>
    given([])
      .when(recordConsentCommand(), { study: { registered: true, latestRecordedAt: '2024-06-01T12:00:00.000000Z' } })
      .then([consented()]));
});

describe('participant lifecycle (commands.md table)', () => {
  describe('without a consent', () => {
    it.each(Object.keys(commands))('%s is 404 unknown participant', (type) =>
      given([]).when(commands[type]!).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT', 'data.participantId'),
    );

    it('EnrollParticipant is 409', () =>
      given([]).when(enrollParticipantCommand()).thenThrows(StateConflict, 'NO_CONSENT'));

    it('RecordConsent creates the participant', () => given([]).when(recordConsentCommand()).then([consented()]));
  });

  describe('enrolled', () => {
    const history = withRecords(enrolled(), holdStarted());
    it.each([...CLINICAL, ...SAFETY_AND_AMENDMENTS])('%s is accepted', (type) =>
      expect(acceptedTypes(history, commands[type]!)).toEqual([accepted(type)]),
    );
  });

  describe.each([
    ['consent only', withRecords()],
    ['screen-failed', withRecords(screenFailed())],
  ])('%s', (_, history) => {
    it.each(CLINICAL)('%s is 409 (not enrolled)', (type) =>
      given(history).when(commands[type]!).thenThrows(StateConflict, 'NOT_ENROLLED', 'data.participantId'),
    );
    it.each(SAFETY_AND_AMENDMENTS)('%s is accepted', (type) =>
      expect(acceptedTypes(history, commands[type]!)).toEqual([accepted(type)]),
    );
  });

  describe('withdrawn (on 2024-04-01)', () => {
    const history = withRecords(enrolled(), holdStarted(), withdrawn());
    it.each([
      'StartMedicationHold',
      'EndMedicationHold',
      'RecordProcedure',
      'RecordAssessment',
      'RecordSubsequentSurgery',
      ...SAFETY_AND_AMENDMENTS,
    ])('%s is accepted (dated on or before withdrawnOn where it matters)', (type) =>
      expect(acceptedTypes(history, commands[type]!)).toEqual([accepted(type)]),
    );
    it('WithdrawParticipant is 409', () =>
      given(history).when(commands['WithdrawParticipant']!).thenThrows(StateConflict, 'ALREADY_WITHDRAWN'));
  });
});

describe('dates (commands.md Dates)', () => {
  /** Every date field of every participant command, with a history it is otherwise valid on. */
  const withHoldFromConsent = [
    ...enrolledParticipant(),
    holdStarted({ startedOn: '2024-01-10' }),
    aeReported(),
    assessed(),
    surgeryRecorded(),
  ];
  const dated: [string, ParticipantEvent[], (d: string) => CommandInput, string][] = [
    ['RecordConsent (re-consent)', [consented()], (d) => recordConsentCommand({ signedOn: d }), 'data.signedOn'],
    ['EnrollParticipant', [consented()], (d) => enrollParticipantCommand({ enrolledOn: d }), 'data.enrolledOn'],
    [
      'StartMedicationHold',
      withHoldFromConsent,
      (d) => startMedicationHoldCommand({ medicationClass: 'opiate', startedOn: d }),
      'data.startedOn',
    ],
    ['EndMedicationHold', withHoldFromConsent, (d) => endMedicationHoldCommand({ endedOn: d }), 'data.endedOn'],
    ['RecordProcedure', withHoldFromConsent, (d) => recordProcedureCommand({ performedOn: d }), 'data.performedOn'],
    [
      'RecordAssessment',
      withHoldFromConsent,
      (d) => recordAssessmentCommand({ assessmentId: 'asmt-m1', visit: 'm1', assessedOn: d }),
      'data.assessedOn',
    ],
    [
      'ReportAdverseEvent',
      withHoldFromConsent,
      (d) => reportAdverseEventCommand({ adverseEventId: 'ae-2', onsetOn: d }),
      'data.onsetOn',
    ],
    [
      'UpdateAdverseEvent onsetOn',
      withHoldFromConsent,
      (d) => updateAdverseEventCommand({ changes: { onsetOn: d } }),
      'data.changes.onsetOn',
    ],
    [
      'UpdateAdverseEvent resolvedOn',
      [
        ...withHoldFromConsent,
        corrected({ recordId: 'ae-1', recordKind: 'adverse_event', changes: { onsetOn: '2024-01-10' } }),
      ],
      (d) => updateAdverseEventCommand({ changes: { resolvedOn: d } }),
      'data.changes.resolvedOn',
    ],
    [
      'RecordSafetyReportSubmitted',
      withHoldFromConsent,
      (d) => recordSafetyReportSubmittedCommand({ submittedOn: d }),
      'data.submittedOn',
    ],
    [
      'RecordSubsequentSurgery',
      withHoldFromConsent,
      (d) => recordSubsequentSurgeryCommand({ surgeryId: 'surg-2', performedOn: d }),
      'data.performedOn',
    ],
    [
      'WithdrawParticipant',
      withHoldFromConsent,
      (d) => withdrawParticipantCommand({ withdrawnOn: d }),
      'data.withdrawnOn',
    ],
    [
      'CorrectRecord assessedOn',
      withHoldFromConsent,
      (d) => correctRecordCommand({ changes: { assessedOn: d } }),
      'data.changes.assessedOn',
    ],
    [
      'CorrectRecord enrolledOn',
      withHoldFromConsent,
      (d) => correctRecordCommand({ recordId: 'enrollment', changes: { enrolledOn: d } }),
      'data.changes.enrolledOn',
    ],
    [
      'CorrectRecord surgery performedOn',
      withHoldFromConsent,
      (d) => correctRecordCommand({ recordId: 'surg-1', changes: { performedOn: d } }),
      'data.changes.performedOn',
    ],
  ];

  describe.each(dated)('%s', (_, history, at, field) => {
    it("accepts the first consent's date", () =>
      expect(given(history).when(at('2024-01-10')).events()).toHaveLength(1));

    it('is 422 the day before the first consent', () =>
      given(history).when(at('2024-01-09')).thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', field));

    it('accepts the recorded date in UTC+14 (recorded 2024-06-01T10:00Z: 2024-06-02)', () =>
      expect(
        given(history).when(at('2024-06-02'), { recordedAt: '2024-06-01T10:00:00.000000Z' }).events(),
      ).toHaveLength(1));

    it('is 422 the day after (recorded 2024-06-01T10:00Z: 2024-06-03)', () =>
      given(history)
        .when(at('2024-06-03'), { recordedAt: '2024-06-01T10:00:00.000000Z' })
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', field));

    it('is 422 for 2024-06-02 recorded just before 10:00Z on 2024-06-01', () =>
      given(history)
        .when(at('2024-06-02'), { recordedAt: '2024-06-01T09:59:59.999999Z' })
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', field));
  });

  it('the first consent itself may be dated at any past date', () =>
    given([])
      .when(recordConsentCommand({ signedOn: '1999-12-31' }))
      .then([consented({ signedOn: '1999-12-31' })]));

  it('no other ordering is enforced: a procedure before enrollment is accepted', () =>
    given(enrolledParticipant())
      .when(recordProcedureCommand({ performedOn: '2024-01-11' }))
      .then([procedureRecorded({ performedOn: '2024-01-11' })]));
});
