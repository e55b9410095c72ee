import { foldParticipant, type RecordedParticipantEvent } from '../participant/participant.state';
import type { ParticipantEvent } from '../participant/participant.events';
import {
  aeReported,
  aeUpdated,
  assessed,
  enrolledParticipant,
  procedureRecorded,
  safetyReportSubmitted,
  voided,
  withdrawn,
} from '../testing/builders';
import { StateConflict } from '../shared/errors';
import {
  decideSafetyReportOverdue,
  decideVisitMissed,
  safetyReportOverdueCommandId,
  visitMissedCommandId,
} from './alerts';

/** Every given event recorded on 2024-05-01 (so an expedited clock starts that day). */
const fold = (events: readonly ParticipantEvent[]) =>
  foldParticipant(
    events.map(
      (e, i) =>
        ({
          ...e,
          metadata: {
            recordedAt: '2024-05-01T00:00:00.000000Z',
            commandId: `c-${i}`,
            actor: { id: 'coord-01', role: 'coordinator' },
          },
        }) as RecordedParticipantEvent,
    ),
  );

const serious = aeReported({
  serious: true,
  seriousCriteria: ['hospitalization'],
  expected: false,
  relatedToProcedure: 'possible',
});
const ref = { studyId: 'msc-spine', participantId: 'P-001' };
const check = { ...ref, adverseEventId: 'ae-1', dueOn: '2024-05-16' };
const notDue = (f: () => unknown, code = 'ALERT_NOT_DUE') => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StateConflict);
    expect((e as StateConflict).code).toBe(code);
    return;
  }
  throw new Error('expected a refusal');
};

describe('SafetyReportOverdue', () => {
  const withAe = [...enrolledParticipant(), serious];

  it('is recorded the day after the due date with no IRB submission', () =>
    expect(decideSafetyReportOverdue(check, fold(withAe), '2024-05-17')).toEqual([
      { type: 'SafetyReportOverdue', data: { ...check, recipient: 'irb' } },
    ]));

  it('is due 7 days after the clock start when death or life_threatening is a criterion', () =>
    expect(
      decideSafetyReportOverdue(
        { ...check, dueOn: '2024-05-08' },
        fold([...enrolledParticipant(), aeReported({ ...serious.data, seriousCriteria: ['life_threatening'] })]),
        '2024-05-09',
      ),
    ).toHaveLength(1));

  it('is refused on the due date itself', () =>
    notDue(() => decideSafetyReportOverdue(check, fold(withAe), '2024-05-16')));

  it('is refused when an IRB submission is dated on or before the due date, however late recorded', () =>
    notDue(() =>
      decideSafetyReportOverdue(
        check,
        fold([...withAe, safetyReportSubmitted({ submittedOn: '2024-05-16' })]),
        '2024-05-20',
      ),
    ));

  it('is recorded when the only IRB submission is late, or went to the regulator', () => {
    const late = [...withAe, safetyReportSubmitted({ submittedOn: '2024-05-18' })];
    const regulator = [...withAe, safetyReportSubmitted({ recipient: 'regulator', submittedOn: '2024-05-10' })];
    expect(decideSafetyReportOverdue(check, fold(late), '2024-05-20')).toHaveLength(1);
    expect(decideSafetyReportOverdue(check, fold(regulator), '2024-05-20')).toHaveLength(1);
  });

  it('is refused after a downgrade (no longer serious) or a void', () => {
    notDue(() =>
      decideSafetyReportOverdue(
        check,
        fold([...withAe, aeUpdated({ changes: { serious: false, seriousCriteria: [] } })]),
        '2024-05-20',
      ),
    );
    notDue(() =>
      decideSafetyReportOverdue(
        check,
        fold([...withAe, voided({ recordId: 'ae-1', recordKind: 'adverse_event' })]),
        '2024-05-20',
      ),
    );
  });

  it('is refused for another due date than the event has now', () =>
    notDue(() => decideSafetyReportOverdue({ ...check, dueOn: '2024-05-08' }, fold(withAe), '2024-05-20')));

  it('is recorded once: the state keeps it, and the command id names the event and its due date', () => {
    const [alert] = decideSafetyReportOverdue(check, fold(withAe), '2024-05-17');
    const after = fold([...withAe, alert as ParticipantEvent]);
    expect(after.alerts).toEqual([
      expect.objectContaining({ type: 'SafetyReportOverdue', adverseEventId: 'ae-1', dueOn: '2024-05-16' }),
    ]);
    notDue(() => decideSafetyReportOverdue(check, after, '2024-05-18'), 'ALERT_ALREADY_RECORDED');
    expect(safetyReportOverdueCommandId(check)).toBe('alert:SafetyReportOverdue:msc-spine:P-001:ae-1:2024-05-16');
  });

  it('changes no clinical part of the state', () => {
    const before = fold(withAe);
    const [alert] = decideSafetyReportOverdue(check, before, '2024-05-17');
    const { alerts, events, lastRecordedAt, ...clinical } = fold([...withAe, alert as ParticipantEvent]);
    const { alerts: _a, events: _e, lastRecordedAt: _l, ...clinicalBefore } = before;
    expect(alerts).toHaveLength(1);
    expect(events).toBe(before.events + 1);
    expect(lastRecordedAt).toBeDefined();
    expect(clinical).toEqual(clinicalBefore);
  });
});

describe('VisitMissed', () => {
  // Treated on 2024-02-01: the m1 window (23..37) closes on 2024-03-09.
  const treated = [...enrolledParticipant(), procedureRecorded()];
  const m1 = { ...ref, visit: 'm1' as const, windowClosedOn: '2024-03-09' };

  it('is recorded the day after the window closes with no assessment', () =>
    expect(decideVisitMissed(m1, fold(treated), '2024-03-10')).toEqual([{ type: 'VisitMissed', data: m1 }]));

  it('is refused while the window is open, once assessed, untreated, or withdrawn', () => {
    notDue(() => decideVisitMissed(m1, fold(treated), '2024-03-09'));
    notDue(() =>
      decideVisitMissed(
        m1,
        fold([...treated, assessed({ assessmentId: 'a-m1', visit: 'm1', assessedOn: '2024-03-01' })]),
        '2024-03-10',
      ),
    );
    notDue(() => decideVisitMissed(m1, fold(enrolledParticipant()), '2024-03-10'));
    notDue(() => decideVisitMissed(m1, fold([...treated, withdrawn({ withdrawnOn: '2024-03-05' })]), '2024-03-10'));
  });

  it('is recorded when the only assessment at the visit was voided', () =>
    expect(
      decideVisitMissed(
        m1,
        fold([
          ...treated,
          assessed({ assessmentId: 'a-m1', visit: 'm1', assessedOn: '2024-03-01' }),
          voided({ recordId: 'a-m1', recordKind: 'assessment' }),
        ]),
        '2024-03-10',
      ),
    ).toHaveLength(1));

  it('is recorded once', () => {
    const [alert] = decideVisitMissed(m1, fold(treated), '2024-03-10');
    notDue(
      () => decideVisitMissed(m1, fold([...treated, alert as ParticipantEvent]), '2024-03-11'),
      'ALERT_ALREADY_RECORDED',
    );
    expect(visitMissedCommandId(m1)).toBe('alert:VisitMissed:msc-spine:P-001:m1:2024-03-09');
  });
});
