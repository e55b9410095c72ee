/**
 * A report diff lists what moved; a mean whose exact value did not move must not show up in it.
 * Summing doubles made a mean depend on the order its values were met in, so swapping two
 * participants' scores "moved" it in the 16th digit (0.20000000000000004 -> 0.19999999999999998).
 */
import { EventLog } from '../testing/event-log';
import { computeStudyReport } from './compute-study-report';
import { diffReports, explainReportDiff } from './report-diff';

const BEFORE = '2024-03-01T00:00:00.000000Z';
const AFTER = '2024-03-02T00:00:00.000000Z';

/** P1, P2, P3 treated with baseline VAS 0.1, 0.2, 0.3; on 2024-03-01 P1's and P3's are swapped by corrections. */
const swappedScores = (): EventLog => {
  const log = new EventLog();
  [0.1, 0.2, 0.3].forEach((vas, i) => {
    const id = `P${i + 1}`;
    log.enrolled(id).procedure(id, 'PROC-1', '2024-01-10').assessment(id, 'A-b', 'baseline', '2024-01-05', vas, 40);
  });
  return log
    .at('2024-03-01T12:00:00Z')
    .correct('P1', 'A-b', 'assessment', { vas: 0.3 }, 'transcription')
    .correct('P3', 'A-b', 'assessment', { vas: 0.1 }, 'transcription');
};

describe('report diff of means', () => {
  describe('given two corrections that swap two participants’ baseline VAS (the exact mean stays 0.2)', () => {
    const log = swappedScores();

    it('when each report is computed, then both means are 0.2', () => {
      expect((0.1 + 0.2 + 0.3) / 3).not.toBe((0.3 + 0.2 + 0.1) / 3);
      expect(computeStudyReport('S1', log.events, BEFORE).slices['all']?.means.baseline.vas).toBe(0.2);
      expect(computeStudyReport('S1', log.events, AFTER).slices['all']?.means.baseline.vas).toBe(0.2);
    });

    it('when the reports are diffed, then nothing changed', () =>
      expect(
        diffReports(computeStudyReport('S1', log.events, BEFORE), computeStudyReport('S1', log.events, AFTER)),
      ).toEqual([]));

    it('when the diff is explained, then it names the corrections but lists no changed figure', () => {
      const diff = explainReportDiff('S1', log.events, BEFORE, AFTER);
      expect(diff.events.map((e) => e.type)).toEqual(['RecordCorrected', 'RecordCorrected']);
      expect(diff.changes).toEqual([]);
    });
  });

  describe('given one correction that moves a mean', () => {
    it('when the diff is explained, then the mean goes from one exact value to the other, pinned on it', () => {
      const log = new EventLog();
      [3.7, 4.4, 9.9].forEach((vas, i) => {
        const id = `P${i + 1}`;
        log.enrolled(id).procedure(id, 'PROC-1', '2024-01-10').assessment(id, 'A-b', 'baseline', '2024-01-05', vas, 40);
      });
      log.at('2024-03-01T12:00:00Z').correct('P3', 'A-b', 'assessment', { vas: 3.9 }, 'transcription');
      const diff = explainReportDiff('S1', log.events, BEFORE, AFTER);
      const all = diff.changes.find((c) => c.path === 'slices.all.means.baseline.vas');
      expect(all).toMatchObject({ from: 6, to: 4 }); // (3.7 + 4.4 + 3.9) / 3 in doubles is 4.000000000000001
      expect(all?.causes?.map((e) => e.recordId)).toEqual(['A-b']);
    });
  });
});
