import { foldEvents } from '../projection';
import { EventLog, MILD_EXPECTED } from '../testing/event-log';
import { participantsProjection } from '../participants/participants.projection';
import { expeditedReport } from './expedited';

/** The expedited entries of the study as of a date, from the events recorded up to `recordedBy` (default all). */
const expedited = (log: EventLog, asOfDate: string, recordedBy?: string) => {
  const events = recordedBy === undefined ? log.events : log.events.filter((e) => e.metadata.recordedAt <= recordedBy);
  return [...foldEvents(participantsProjection, events).values()]
    .filter((p) => p.studyId === log.studyId)
    .flatMap((p) => p.adverseEvents.map((ae) => expeditedReport(p.participantId, ae, asOfDate)))
    .filter((x) => x !== null);
};

describe('expedited safety reporting', () => {
  it('starts the clock on the UTC date of the report when it qualifies at once; 15 days without death or life-threatening', () => {
    const log = new EventLog().consent('P1').at('2024-02-03T23:30:00Z').adverseEvent('P1', 'AE-1');
    expect(expedited(log, '2024-02-10')).toEqual([
      {
        participantId: 'P1',
        adverseEventId: 'AE-1',
        clockStartedOn: '2024-02-03',
        dueOn: '2024-02-18',
        submittedToIrbOn: null,
        overdue: false,
      },
    ]);
    expect(expedited(log, '2024-02-18')[0]?.overdue).toBe(false);
    expect(expedited(log, '2024-02-19')[0]?.overdue).toBe(true);
  });

  it('is 7 days when the current criteria include death or life_threatening, whatever the grade', () => {
    const log = new EventLog()
      .consent('P1')
      .at('2024-02-03T10:00:00Z')
      .adverseEvent('P1', 'AE-1', { grade: 2, seriousCriteria: ['life_threatening'] });
    expect(expedited(log, '2024-02-03')[0]?.dueOn).toBe('2024-02-10');
    log.at('2024-02-05T10:00:00Z').updateAdverseEvent('P1', 'AE-1', { seriousCriteria: ['hospitalization'] });
    expect(expedited(log, '2024-02-05')[0]).toMatchObject({ clockStartedOn: '2024-02-03', dueOn: '2024-02-18' });
    log.updateAdverseEvent('P1', 'AE-1', { grade: 5, seriousCriteria: ['death', 'hospitalization'], outcome: 'fatal' });
    expect(expedited(log, '2024-02-05')[0]).toMatchObject({ clockStartedOn: '2024-02-03', dueOn: '2024-02-10' });
  });

  it('starts only once the event qualifies, by the update or correction that made it so', () => {
    const log = new EventLog().consent('P1').at('2024-02-01T10:00:00Z').adverseEvent('P1', 'AE-1', MILD_EXPECTED);
    expect(expedited(log, '2024-03-01')).toEqual([]);
    log
      .at('2024-02-04T10:00:00Z')
      .updateAdverseEvent('P1', 'AE-1', { serious: true, seriousCriteria: ['hospitalization'], grade: 3 });
    expect(expedited(log, '2024-03-01')).toEqual([]); // still expected
    log.at('2024-02-06T10:00:00Z').correct('P1', 'AE-1', 'adverse_event', { expected: false });
    expect(expedited(log, '2024-02-07')).toEqual([
      {
        participantId: 'P1',
        adverseEventId: 'AE-1',
        clockStartedOn: '2024-02-06',
        dueOn: '2024-02-21',
        submittedToIrbOn: null,
        overdue: false,
      },
    ]);
  });

  it('leaves the list when it stops qualifying and comes back with its first clock', () => {
    const log = new EventLog().consent('P1').at('2024-02-01T10:00:00Z').adverseEvent('P1', 'AE-1');
    log
      .at('2024-02-03T10:00:00Z')
      .updateAdverseEvent('P1', 'AE-1', { relatedToProcedure: 'unlikely', relatedToProduct: 'not_related' });
    expect(expedited(log, '2024-02-04')).toEqual([]);
    log.at('2024-03-01T10:00:00Z').correct('P1', 'AE-1', 'adverse_event', { relatedToProduct: 'definite' });
    expect(expedited(log, '2024-03-01')[0]).toMatchObject({
      clockStartedOn: '2024-02-01',
      dueOn: '2024-02-16',
      overdue: true,
    });
  });

  it('judges timeliness by the IRB submittedOn, however late recorded; regulator submissions do not stop the clock', () => {
    const log = new EventLog().consent('P1').at('2024-02-01T10:00:00Z').adverseEvent('P1', 'AE-1');
    log.at('2024-02-10T10:00:00Z').submit('P1', 'AE-1', 'regulator', '2024-02-09');
    expect(expedited(log, '2024-02-20')[0]).toMatchObject({ submittedToIrbOn: null, overdue: true });
    // recorded late, but submitted on the due date
    log.at('2024-03-10T10:00:00Z').submit('P1', 'AE-1', 'irb', '2024-02-16');
    expect(expedited(log, '2024-03-10')[0]).toMatchObject({ submittedToIrbOn: '2024-02-16', overdue: false });
    // as the ledger knew it before that submission was recorded
    expect(expedited(log, '2024-03-01', '2024-03-01T00:00:00.000000Z')[0]).toMatchObject({
      submittedToIrbOn: null,
      overdue: true,
    });
  });

  it('stays overdue after a late submission, and reports the earliest IRB submission', () => {
    const log = new EventLog().consent('P1').at('2024-02-01T10:00:00Z').adverseEvent('P1', 'AE-1');
    log.at('2024-02-25T10:00:00Z').submit('P1', 'AE-1', 'irb', '2024-02-24').submit('P1', 'AE-1', 'irb', '2024-02-20');
    expect(expedited(log, '2024-02-25')[0]).toMatchObject({ submittedToIrbOn: '2024-02-20', overdue: true });
  });

  it('lists no voided event, and counts events of participants never enrolled', () => {
    const log = new EventLog()
      .consent('P1')
      .screenFail('P1', ['UNDERAGE'], { ageYears: 16 })
      .adverseEvent('P1', 'AE-1')
      .consent('P2')
      .adverseEvent('P2', 'AE-1');
    expect(expedited(log, '2024-01-01').map((e) => e.participantId)).toEqual(['P1', 'P2']);
    log.void('P2', 'AE-1', 'adverse_event');
    expect(expedited(log, '2024-01-01').map((e) => e.participantId)).toEqual(['P1']);
  });
});
