import { foldEvents, participantKey } from '../projection';
import { participantsProjection } from '../participants/participants.projection';
import { EventLog, MILD_EXPECTED } from '../testing/event-log';
import { participantAdverseEvents, participantMissedVisits, matchesFilters } from './safety-listing';

const stateOf = (log: EventLog, participantId = 'P1') => {
  const s = foldEvents(participantsProjection, log.events).get(participantKey('S1', participantId));
  if (s === undefined) throw new Error(`${participantId} not folded`);
  return s;
};

describe('the adverse-event listing (safety.md)', () => {
  it('lists non-voided events as amended with arm, days from treatment and the IRB clock with days left', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .at('2024-02-03T10:00:00Z')
      .adverseEvent('P1', 'AE-1', { onsetOn: '2024-02-01' })
      .adverseEvent('P1', 'AE-X', MILD_EXPECTED)
      .void('P1', 'AE-X', 'adverse_event')
      .submit('P1', 'AE-1', 'regulator', '2024-02-09')
      .submit('P1', 'AE-1', 'regulator', '2024-02-07');
    const [ae, ...rest] = participantAdverseEvents(stateOf(log), '2024-02-20');
    expect(rest).toEqual([]);
    expect(ae).toMatchObject({
      adverseEventId: 'AE-1',
      daysFromTreatment: 22,
      open: true,
      outcome: null,
      resolvedOn: null,
      expedited: {
        clockStartedOn: '2024-02-03',
        dueOn: '2024-02-18',
        daysLeft: -2,
        submittedToIrbOn: null,
        submittedToRegulatorOn: '2024-02-07',
        overdue: true,
      },
    });
    expect(ae?.arm).not.toBeNull();
  });

  it('is closed by a resolution date or by a recovered, recovered-with-sequelae or fatal outcome, and not otherwise', () => {
    const log = new EventLog().consent('P1').adverseEvent('P1', 'AE-1', MILD_EXPECTED);
    const open = (l: EventLog) => participantAdverseEvents(stateOf(l), '2024-06-01')[0]?.open;
    expect(open(log)).toBe(true);
    log.updateAdverseEvent('P1', 'AE-1', { outcome: 'recovering' });
    expect(open(log)).toBe(true);
    log.updateAdverseEvent('P1', 'AE-1', { outcome: 'recovered_with_sequelae' });
    expect(open(log)).toBe(false);
    const [untreated] = participantAdverseEvents(stateOf(log), '2024-06-01');
    expect(untreated).toMatchObject({ arm: null, daysFromTreatment: null, expedited: null });
  });

  it('combines its filters with AND', () => {
    const [ae] = participantAdverseEvents(
      stateOf(new EventLog().consent('P1').adverseEvent('P1', 'AE-1', MILD_EXPECTED)),
      '2024-06-01',
    );
    if (ae === undefined) throw new Error('no entry');
    expect(matchesFilters(ae, { serious: false, open: true, grade: ae.grade })).toBe(true);
    expect(matchesFilters(ae, { serious: false, expedited: true })).toBe(false);
    expect(matchesFilters(ae, { participantId: 'P2' })).toBe(false);
  });
});

describe('missed visits (safety.md)', () => {
  const treated = () =>
    new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-1', 'm1', '2024-02-10', 5, 30)
      .assessment('P1', 'A-3', 'm3', '2024-04-10', 4, 30);

  it('are the follow-up visits whose window closed before the as-of date with no non-voided assessment', () => {
    const log = treated().void('P1', 'A-3', 'assessment');
    // m3 closes on day 105 (2024-04-24), m6 on day 212 (2024-08-09).
    expect(participantMissedVisits(stateOf(log), '2024-08-09')).toEqual([
      { participantId: 'P1', visit: 'm3', windowClosedOn: '2024-04-24', daysOverdue: 107 },
    ]);
    expect(participantMissedVisits(stateOf(log), '2024-08-10').map((m) => m.visit)).toEqual(['m3', 'm6']);
  });

  it('stop for a participant withdrawn on or before the as-of date, and never start for one not treated', () => {
    const log = treated().withdraw('P1', '2024-09-01');
    expect(participantMissedVisits(stateOf(log), '2024-08-31').map((m) => m.visit)).toEqual(['m6']);
    expect(participantMissedVisits(stateOf(log), '2024-09-01')).toEqual([]);
    expect(participantMissedVisits(stateOf(new EventLog().enrolled('P2'), 'P2'), '2030-01-01')).toEqual([]);
  });
});
