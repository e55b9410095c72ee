import { foldEvents } from '../projection';
import { participantsProjection } from '../participants/participants.projection';
import { EventLog, MILD_EXPECTED } from '../testing/event-log';
import { reportSafetyDetail } from './safety-detail';

const detailOf = (log: EventLog, asOfDate: string) =>
  reportSafetyDetail(foldEvents(participantsProjection, log.events).values(), asOfDate);

/** P1 and P2 treated on 2024-01-10 (same arm), P3 consented only. */
const cohort = () =>
  new EventLog()
    .enrolled('P1')
    .procedure('P1', 'PROC-1', '2024-01-10')
    .enrolled('P2')
    .procedure('P2', 'PROC-1', '2024-01-10')
    .consent('P3');

describe('the report safety detail (beside report.md)', () => {
  it('given events before and after treatment, counts treatment-emergent ones among the exposed with the worst grade per participant', () => {
    const log = cohort()
      .at('2024-03-01T10:00:00Z')
      .adverseEvent('P1', 'AE-0', { ...MILD_EXPECTED, onsetOn: '2024-01-09', grade: 2 }) // before treatment
      .adverseEvent('P1', 'AE-1', { ...MILD_EXPECTED, onsetOn: '2024-01-10', grade: 1 })
      .adverseEvent('P1', 'AE-2', { onsetOn: '2024-02-01' }) // serious, grade 3
      .adverseEvent('P3', 'AE-1', MILD_EXPECTED); // not exposed
    const d = detailOf(log, '2024-03-02');
    const all = d.treatmentEmergent['all'];
    expect(all).toEqual({
      exposed: 2,
      withEvent: 1,
      events: 2,
      seriousEvents: 1,
      worstGrade: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 0 },
    });
    expect(Object.keys(d.treatmentEmergent)).toHaveLength(2); // all and the one arm
    // relatedness counts every non-voided event, as report.md's relatedToProduct does
    expect(d.relatedness.definite.procedure).toBe(3);
    expect(d.relatedness.probable.procedure).toBe(1);
    expect(d.relatedness.possible.product).toBe(1);
    expect(d.relatedness.not_related.product).toBe(3);
    expect(d.expedited.map((e) => [e.participantId, e.adverseEventId])).toEqual([['P1', 'AE-2']]);
  });

  it('given a surgery and a withdrawal, follows surgery-free survival from treatment, withdrawals censored', () => {
    const log = cohort()
      .enrolled('P4')
      .procedure('P4', 'PROC-1', '2024-01-10')
      .at('2024-07-01T10:00:00Z')
      .surgery('P1', 'S-1', '2024-04-09') // day 90: event
      .withdraw('P2', '2024-06-08'); // day 150: censored
    const d = detailOf(log, '2025-02-01'); // P4 censored at day 388
    expect(d.survival).toMatchObject({ participants: 3, events: 1, withdrawn: 1 });
    expect(d.survival.steps.map((s) => [s.days, s.atRisk, s.events, s.censored])).toEqual([
      [90, 3, 1, 0],
      [150, 2, 0, 1],
      [388, 1, 0, 1],
    ]);
    expect(d.survival.at365).toBeCloseTo(2 / 3, 12);
  });
});
