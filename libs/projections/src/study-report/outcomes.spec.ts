/**
 * report.md "means": each mean is computed exactly from the values as written and then given as the
 * nearest double (the mean of 3.9, 4.0 and 4.1 is 4, never 4.000000000000001).
 */
import type { Visit } from '../../../trial-domain/src';
import { EventLog } from '../testing/event-log';
import { computeStudyReport } from './compute-study-report';

const END = '2030-01-01T00:00:00Z';
const report = (log: EventLog) => computeStudyReport(log.studyId, log.events, END);
/** Treated participants P1, P2, ... in that order, each assessed at `visit` with one score triple. */
const assessedAt = (visit: Visit, scores: readonly [vas: number, quebec: number, gi?: number][]): EventLog => {
  const log = new EventLog();
  scores.forEach(([vas, quebec, gi], i) => {
    const id = `P${i + 1}`;
    log
      .enrolled(id)
      .procedure(id, 'PROC-1', '2024-01-10')
      .assessment(id, `A-${visit}`, visit, '2024-04-10', vas, quebec, gi);
  });
  return log;
};

const meansAt = (log: EventLog, visit: Visit, slice = 'all') =>
  computeStudyReport(log.studyId, log.events, END).slices[slice]?.means[visit];

describe('means of the study report', () => {
  describe('given three participants whose m3 VAS (3.7, 4.4, 3.9) sum to 12 only in exact decimals', () => {
    const log = assessedAt('m3', [
      [3.7, 40, 50],
      [4.4, 40, 50],
      [3.9, 40, 50],
    ]);

    it('when the report is computed, then the mean VAS is 4 (summing doubles gives 4.000000000000001)', () => {
      expect((3.7 + 4.4 + 3.9) / 3).toBe(4.000000000000001);
      expect(meansAt(log, 'm3')).toEqual({ n: 3, vas: 4, quebec: 40, gi: 50 });
    });

    it('when the report is serialized, then the JSON says 4', () =>
      expect(JSON.stringify(meansAt(log, 'm3'))).toBe('{"n":3,"vas":4,"quebec":40,"gi":50}'));

    it('when the same mean is read in their arm slice, then it is the same 4', () => {
      const arm = Object.keys(report(log).slices).find((k) => k.startsWith('arm:')) as string;
      expect(meansAt(log, 'm3', arm)?.vas).toBe(4);
    });
  });

  describe('given one-decimal VAS and decimal global-improvement scores (Quebec is an integer)', () => {
    it('when the mean VAS is 0.3 / 3, then it is 0.1 (the double quotient is 0.09999999999999999)', () => {
      const log = assessedAt('baseline', [
        [0, 30],
        [0, 30],
        [0.3, 30],
      ]);
      expect(0.3 / 3).toBe(0.09999999999999999);
      expect(meansAt(log, 'baseline')).toEqual({ n: 3, vas: 0.1, quebec: 30, gi: null });
    });

    it('when global improvement is reported by two of three, then its mean is exact over those two', () => {
      const log = assessedAt('m6', [
        [2, 20, 0.1],
        [2, 20],
        [2, 20, 0.2],
      ]);
      expect((0.1 + 0.2) / 2).toBe(0.15000000000000002);
      expect(meansAt(log, 'm6')).toEqual({ n: 3, vas: 2, quebec: 20, gi: 0.15 });
    });

    it('when a mean does not terminate, then it is the double nearest to it', () => {
      const log = assessedAt('m1', [
        [1, 10],
        [1, 10],
        [2, 11],
      ]);
      expect(meansAt(log, 'm1')).toEqual({ n: 3, vas: 4 / 3, quebec: 31 / 3, gi: null });
    });
  });

  describe('given the same scores met in another order', () => {
    const scores: [number, number][] = [
      [0.1, 10],
      [0.2, 10],
      [0.3, 10],
    ];

    it('when each order is reported, then the mean is one and the same double', () => {
      expect((0.1 + 0.2 + 0.3) / 3).not.toBe((0.3 + 0.2 + 0.1) / 3);
      const forward = meansAt(assessedAt('baseline', scores), 'baseline');
      const backward = meansAt(assessedAt('baseline', [...scores].reverse()), 'baseline');
      expect(forward).toEqual({ n: 3, vas: 0.2, quebec: 10, gi: null });
      expect(backward).toEqual(forward);
    });
  });

  describe('given a corrected score', () => {
    it('when the mean is recomputed, then it is exact over the corrected values', () => {
      const log = assessedAt('m3', [
        [3.7, 40],
        [4.4, 40],
        [9.9, 40],
      ]).correct('P3', 'A-m3', 'assessment', { vas: 3.9 });
      expect(meansAt(log, 'm3')?.vas).toBe(4);
    });
  });
});
