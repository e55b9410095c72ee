/**
 * One participant fold: the amendment rule lives in the domain (amendment/apply-changes.ts) and
 * nowhere else. Changing it there changes the roster, the participant view and the study report
 * alike, with no second copy to forget.
 */
import type { RecordedEvent } from '../../../event-store/src';

const log = () => {
  // Loaded inside each isolated module registry, so it sees whichever amendment rule is in force.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventLog } = require('../testing/event-log') as typeof import('../testing/event-log');
  return new EventLog()
    .study()
    .enrolled('P1')
    .procedure('P1', 'PROC-1', '2024-01-10')
    .assessment('P1', 'A-b', 'baseline', '2024-01-05', 7, 40)
    .assessment('P1', 'A-1', 'm1', '2024-02-05', 6, 30)
    .correct('P1', 'PROC-1', 'procedure', { performedOn: '2024-01-12' })
    .correct('P1', 'A-1', 'assessment', { vas: 4 }).events;
};

/** Every view of participant P1, from modules loaded under the rule in force. */
const views = (events: readonly RecordedEvent[]) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const p = require('../index') as typeof import('../index');
  const state = p.foldEvents(p.participantsProjection, events).get(p.participantKey('S1', 'P1'));
  if (state === undefined) throw new Error('P1 was not folded');
  const view = p.participantView(state, state.events - 1, '2024-03-01');
  const report = p.computeStudyReport('S1', events, '2024-03-01T00:00:00Z');
  return {
    rosterTreatmentDate: p.rosterEntry(state, '2024-03-01').treatmentDate,
    viewVas: (view.records.find((r) => r.recordId === 'A-1') as { vas?: number }).vas,
    viewMarked: Object.keys(view.records.find((r) => r.recordId === 'A-1')?.amendedBy ?? {}),
    reportM1Vas: report.slices['all']?.means['m1']?.vas,
  };
};

describe('one participant fold', () => {
  afterEach(() => jest.resetModules());

  it('with the contract rule, every view shows the corrected values', () => {
    jest.isolateModules(() => {
      expect(views(log())).toEqual({
        rosterTreatmentDate: '2024-01-12',
        viewVas: 4,
        viewMarked: ['vas'],
        reportM1Vas: 4,
      });
    });
  });

  it('changing the amendment rule in the domain changes every view alike', () => {
    jest.isolateModules(() => {
      // A different rule: amendments are recorded but never change a value.
      jest.doMock('../../../trial-domain/src/amendment/apply-changes', () => ({
        applyChanges: (fields: Readonly<Record<string, unknown>>) => ({ ...fields }),
      }));
      expect(views(log())).toEqual({
        rosterTreatmentDate: '2024-01-10',
        viewVas: 6,
        viewMarked: ['vas'],
        reportM1Vas: 6,
      });
    });
  });
});
