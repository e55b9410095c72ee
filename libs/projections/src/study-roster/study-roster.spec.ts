import { foldEvents } from '../projection';
import { participantsOf, participantsProjection } from '../participants/participants.projection';
import { EventLog } from '../testing/event-log';
import { rosterEntry } from './study-roster';

const roster = (log: EventLog, asOfDate: string) =>
  participantsOf(foldEvents(participantsProjection, log.events).values(), 'S1').map((p) => rosterEntry(p, asOfDate));

describe('study roster (read.md)', () => {
  it('lists every participant with where they stand, in the order their first consent was recorded', () => {
    const log = new EventLog()
      .study()
      .consent('P1')
      .consent('P2')
      .screenFail('P2', ['PAIN_NOT_CHRONIC'], { painDurationMonths: 6 })
      .enrolled('P3')
      .correct('P3', 'enrollment', 'enrollment', { enrolledOn: '2024-01-06' })
      .withdraw('P3', '2024-03-01', 'other');
    expect(
      roster(log, '2024-06-01').map((r) => [r.participantId, r.status, r.screenFailures, r.withdrawal?.reason ?? null]),
    ).toEqual([
      ['P1', 'consented', [], null],
      ['P2', 'screen_failed', ['PAIN_NOT_CHRONIC'], null],
      ['P3', 'withdrawn', [], 'other'],
    ]);
  });

  it('gives a treated participant its arm, treatment date, visits assessed in visit order and the next visit with its window', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-3', 'm3', '2024-04-10', 4, 30)
      .assessment('P1', 'A-b', 'baseline', '2024-01-05', 7, 40);
    const [p] = roster(log, '2024-04-20');
    expect(p).toMatchObject({
      status: 'treated',
      treatmentDate: '2024-01-10',
      visitsAssessed: ['baseline', 'm3'],
      // m1's window (days 23..37) closed on 2024-02-16, before the as-of date: m6 is next.
      nextVisit: { visit: 'm6', windowOpensOn: '2024-06-10', windowClosesOn: '2024-08-09' },
    });
    expect(p?.arm).not.toBeNull();
    const [early] = roster(log, '2024-02-16');
    expect(early?.nextVisit).toEqual({ visit: 'm1', windowOpensOn: '2024-02-02', windowClosesOn: '2024-02-16' });
    log.withdraw('P1', '2024-05-01', 'lost_to_follow_up');
    const [withdrawn] = roster(log, '2024-04-20');
    expect(withdrawn).toMatchObject({ status: 'withdrawn', treatmentDate: '2024-01-10', nextVisit: null });
  });
});
