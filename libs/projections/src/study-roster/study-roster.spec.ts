import { foldEvents, projectionFromJSON, projectionToJSON } from '../projection';
import { EventLog } from '../testing/event-log';
import { rosterOf, studyRosterProjection } from './study-roster';

describe('study roster', () => {
  it('lists every participant with where they stand, in first-seen order', () => {
    const log = new EventLog()
      .study()
      .consent('P1')
      .consent('P2')
      .screenFail('P2', ['PAIN_NOT_CHRONIC'], { painDurationMonths: 6 })
      .enrolled('P3')
      .correct('P3', 'enrollment', 'enrollment', { enrolledOn: '2024-01-06' })
      .withdraw('P3', '2024-03-01', 'other');
    const state = foldEvents(studyRosterProjection, log.events);
    expect(
      rosterOf(state, 'S1').map((r) => [r.participantId, r.status, r.enrolledOn, r.failedCriteria, r.withdrawalReason]),
    ).toEqual([
      ['P1', 'consented', null, [], null],
      ['P2', 'screen_failed', null, ['PAIN_NOT_CHRONIC'], null],
      ['P3', 'withdrawn', '2024-01-06', [], 'other'],
    ]);
    const restored = projectionFromJSON(
      studyRosterProjection,
      JSON.parse(JSON.stringify(projectionToJSON(studyRosterProjection, state))),
    );
    expect(rosterOf(restored, 'S1')).toEqual(rosterOf(state, 'S1'));
    expect(rosterOf(state, 'S2')).toEqual([]);
  });
});
