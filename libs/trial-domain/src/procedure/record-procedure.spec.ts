import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import {
  aeReported,
  assessed,
  consented,
  enrolledParticipant,
  procedureRecorded,
  recordProcedureCommand,
  screenFailed,
  surgeryRecorded,
  voided,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';

describe('RecordProcedure', () => {
  it('records a procedure for an enrolled participant', () =>
    given(enrolledParticipant()).when(recordProcedureCommand()).then([procedureRecorded()]));

  it('keeps optional injection members as given (empty level, side)', () => {
    const injections = [
      { site: 'lumbar_facet', level: '', side: 'left', cellsMillions: 1.5 },
      { site: 'intradiscal', cellsMillions: 27.5 },
    ] as const;
    return given(enrolledParticipant())
      .when(recordProcedureCommand({ injections }))
      .then([procedureRecorded({ injections })]);
  });

  it('does not reject protocol breaches: they are derived as deviations', () => {
    const injections = [{ site: 'cervical_facet', cellsMillions: 1000 }] as const;
    return given(enrolledParticipant())
      .when(recordProcedureCommand({ injections, sedation: true }))
      .then([procedureRecorded({ injections, sedation: true })]);
  });

  it('accepts a repeat procedure on the same day (one treatment session)', () =>
    given([...enrolledParticipant(), procedureRecorded()])
      .when(recordProcedureCommand({ procedureId: 'proc-2' }))
      .then([procedureRecorded({ procedureId: 'proc-2' })]));

  describe('participant state', () => {
    it('is 404 for an unknown participant', () =>
      given([]).when(recordProcedureCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

    it('is 409 for a consented participant not enrolled', () =>
      given([consented()]).when(recordProcedureCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));

    it('is 409 for a screen-failed participant', () =>
      given([consented(), screenFailed()]).when(recordProcedureCommand()).thenThrows(StateConflict, 'NOT_ENROLLED'));
  });

  describe('record ids', () => {
    it.each([
      ['a procedure', procedureRecorded()],
      ['an assessment', assessed({ assessmentId: 'proc-1' })],
      ['an adverse event', aeReported({ adverseEventId: 'proc-1' })],
      ['a surgery', surgeryRecorded({ surgeryId: 'proc-1' })],
    ])('is 409 when the id is taken by %s', (_, taken) =>
      given([...enrolledParticipant(), taken])
        .when(recordProcedureCommand())
        .thenThrows(StateConflict, 'RECORD_ID_TAKEN', 'data.procedureId'),
    );

    it('is 409 when the id belongs to a voided record', () =>
      given([
        ...enrolledParticipant(),
        aeReported({ adverseEventId: 'proc-1' }),
        voided({ recordId: 'proc-1', recordKind: 'adverse_event' }),
      ])
        .when(recordProcedureCommand())
        .thenThrows(StateConflict, 'RECORD_ID_TAKEN'));

    it('is 400 for the reserved id `enrollment`', () =>
      given(enrolledParticipant())
        .when(recordProcedureCommand({ procedureId: 'enrollment' }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.procedureId'));

    it('is 400 for an id outside the participant id pattern', () =>
      given(enrolledParticipant())
        .when(recordProcedureCommand({ procedureId: 'proc 1' }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.procedureId'));
  });

  describe('withdrawal', () => {
    const history = [...enrolledParticipant(), withdrawn()]; // withdrawnOn 2024-04-01

    it('is 409 when dated after withdrawnOn', () =>
      given(history)
        .when(recordProcedureCommand({ performedOn: '2024-04-02' }))
        .thenThrows(StateConflict, 'AFTER_WITHDRAWAL', 'data.performedOn'));

    it('is accepted on withdrawnOn', () =>
      given(history)
        .when(recordProcedureCommand({ performedOn: '2024-04-01' }))
        .then([procedureRecorded({ performedOn: '2024-04-01' })]));

    it('is accepted before withdrawnOn (data collected up to the withdrawal)', () =>
      given(history).when(recordProcedureCommand()).then([procedureRecorded()]));
  });

  describe('dates', () => {
    it('is 422 when performedOn precedes the first consent', () =>
      given(enrolledParticipant())
        .when(recordProcedureCommand({ performedOn: '2024-01-09' }))
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.performedOn'));

    it('is 422 when performedOn is later than the recorded date in UTC+14', () =>
      given(enrolledParticipant())
        .when(recordProcedureCommand({ performedOn: '2024-06-03' }))
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.performedOn'));
  });
});
