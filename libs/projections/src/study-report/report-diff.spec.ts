import { EventLog } from '../testing/event-log';
import { computeStudyReport } from './compute-study-report';
import { diffReports, explainReportDiff, responsibleEvent } from './report-diff';

/** P1 treated with an out-of-range epidural dose on 2024-01-10, corrected on 2024-03-01. */
const correctedDoseLog = (): EventLog =>
  new EventLog()
    .enrolled('P1')
    .procedure('P1', 'PROC-1', '2024-01-10', {
      injections: [
        { site: 'lumbar_epidural', cellsMillions: 30 },
        { site: 'intravenous', cellsMillions: 120 },
      ],
    })
    .at('2024-03-01T12:00:00Z')
    .correct(
      'P1',
      'PROC-1',
      'procedure',
      {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intravenous', cellsMillions: 120 },
        ],
      },
      'dose typo',
    );

describe('report diff', () => {
  it('lists each changed leaf and keys list items by identity', () => {
    const log = correctedDoseLog();
    const t1 = '2024-02-10T00:00:00Z';
    const t2 = '2024-03-02T00:00:00Z';
    const changes = diffReports(computeStudyReport('S1', log.events, t1), computeStudyReport('S1', log.events, t2));
    expect(changes.map((c) => [c.path, c.from, c.to])).toEqual([
      ['deviations.byCode.EPIDURAL_DOSE_OUT_OF_RANGE', 1, undefined],
      [
        'deviations.items[P1/PROC-1/EPIDURAL_DOSE_OUT_OF_RANGE]',
        expect.objectContaining({ code: 'EPIDURAL_DOSE_OUT_OF_RANGE' }),
        undefined,
      ],
    ]);
    const last = log.events[log.events.length - 1]!;
    expect(responsibleEvent(last)).toEqual({
      type: 'RecordCorrected',
      participantId: 'P1',
      commandId: last.metadata.commandId,
      actor: { id: 'coord-01', role: 'coordinator' },
      recordedAt: '2024-03-01T12:00:00.000000Z',
      recordId: 'PROC-1',
      reason: 'dose typo',
    });
  });

  it('follows an expedited report field by field', () => {
    const log = new EventLog().consent('P1').at('2024-02-01T10:00:00Z').adverseEvent('P1', 'AE-1');
    const changes = diffReports(
      computeStudyReport('S1', log.events, '2024-02-10T00:00:00Z'),
      computeStudyReport('S1', log.events, '2024-02-20T00:00:00Z'),
    );
    expect(changes.map((c) => [c.path, c.from, c.to])).toEqual([['safety.expedited[P1/AE-1].overdue', false, true]]);
  });

  it('finds nothing between two instants with no event in between', () => {
    const log = new EventLog().enrolled('P1').procedure('P1', 'PROC-1', '2024-01-10');
    expect(
      diffReports(
        computeStudyReport('S1', log.events, '2025-01-01T00:00:00Z'),
        computeStudyReport('S1', log.events, '2025-01-01T00:00:00Z'),
      ),
    ).toEqual([]);
  });

  it('names the event behind each change, and the calendar where no event moved the value', () => {
    const log = correctedDoseLog();
    // From before the m1 visit fell due (2024-02-09) to after it, with the correction in between.
    const diff = explainReportDiff('S1', log.events, '2024-02-01T00:00:00.000000Z', '2024-03-02T00:00:00.000000Z');
    const correction = responsibleEvent(log.events[log.events.length - 1]!);
    expect(diff.attributed).toBe(true);
    expect(diff.events).toEqual([correction]);
    expect(diff.changes.find((c) => c.path === 'deviations.byCode.EPIDURAL_DOSE_OUT_OF_RANGE')?.causes).toEqual([
      correction,
    ]);
    expect(diff.changes.find((c) => c.path === 'slices.all.followUp.m1.due')).toEqual({
      path: 'slices.all.followUp.m1.due',
      from: 0,
      to: 1,
      causes: [],
    });
    // Beyond the limit the changes are listed without causes.
    const unexplained = explainReportDiff(
      'S1',
      log.events,
      '2024-02-01T00:00:00.000000Z',
      '2024-03-02T00:00:00.000000Z',
      0,
    );
    expect(unexplained.attributed).toBe(false);
    expect(unexplained.changes.map((c) => c.path)).toEqual(diff.changes.map((c) => c.path));
    expect(unexplained.changes.every((c) => c.causes === undefined)).toBe(true);
  });
});
