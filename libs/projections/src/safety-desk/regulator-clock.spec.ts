import { foldEvents, participantKey } from '../projection';
import { participantsProjection } from '../participants/participants.projection';
import { EventLog, MILD_EXPECTED } from '../testing/event-log';
import { participantAdverseEvents } from './safety-listing';

/** The listing entry of AE-1 of P1 as of `asOfDate`, after folding the log. */
const entryOf = (log: EventLog, asOfDate: string) => {
  const s = foldEvents(participantsProjection, log.events).get(participantKey('S1', 'P1'));
  const e =
    s === undefined ? undefined : participantAdverseEvents(s, asOfDate).find((a) => a.adverseEventId === 'AE-1');
  if (e === undefined) throw new Error('AE-1 not listed');
  return e;
};

const LIFE_THREATENING = { grade: 4, seriousCriteria: ['hospitalization', 'life_threatening'] } as const;
const FATAL = { grade: 5, seriousCriteria: ['death'], outcome: 'fatal' } as const;

describe('the regulator clock (21 CFR 312.32)', () => {
  it('given no awareOn, starts with the IRB clock and is due 15 days later', () => {
    // Given a serious, unexpected, related event reported on 2024-02-03
    const log = new EventLog().consent('P1').at('2024-02-03T10:00:00Z').adverseEvent('P1', 'AE-1');
    // When listed on 2024-02-10, then both clocks run from 2024-02-03
    expect(entryOf(log, '2024-02-10').regulator).toEqual({
      awareOn: '2024-02-03',
      dueOn: '2024-02-18',
      daysLeft: 8,
      submittedOn: null,
      overdue: false,
    });
  });

  it('given awareOn before the IRB clock and life-threatening criteria, is due 7 days after awareness', () => {
    const log = new EventLog()
      .consent('P1')
      .at('2024-02-03T10:00:00Z')
      .adverseEvent('P1', 'AE-1', { ...LIFE_THREATENING, awareOn: '2024-02-01' });
    const e = entryOf(log, '2024-02-09');
    expect(e.regulator).toEqual({
      awareOn: '2024-02-01',
      dueOn: '2024-02-08',
      daysLeft: -1,
      submittedOn: null,
      overdue: true,
    });
    // and the IRB clock, 7 days from 2024-02-03, is untouched
    expect(e.expedited).toMatchObject({ clockStartedOn: '2024-02-03', dueOn: '2024-02-10', overdue: false });
  });

  it('given an update of awareOn, follows the new awareness', () => {
    const log = new EventLog()
      .consent('P1')
      .at('2024-02-03T10:00:00Z')
      .adverseEvent('P1', 'AE-1')
      .updateAdverseEvent('P1', 'AE-1', { awareOn: '2024-02-02' });
    expect(entryOf(log, '2024-02-03').regulator).toMatchObject({ awareOn: '2024-02-02', dueOn: '2024-02-17' });
  });

  it('is stopped by a regulator submission dated on or before the due date, not by an IRB one', () => {
    const base = () => new EventLog().consent('P1').at('2024-02-03T10:00:00Z').adverseEvent('P1', 'AE-1');
    // due 2024-02-18; on 2024-02-19 it is overdue unless the regulator had it by the 18th
    expect(entryOf(base().submit('P1', 'AE-1', 'irb', '2024-02-05'), '2024-02-19').regulator?.overdue).toBe(true);
    expect(entryOf(base().submit('P1', 'AE-1', 'irb', '2024-02-05'), '2024-02-19').expedited?.overdue).toBe(false);
    expect(entryOf(base().submit('P1', 'AE-1', 'regulator', '2024-02-18'), '2024-02-19').regulator).toMatchObject({
      submittedOn: '2024-02-18',
      overdue: false,
    });
    // a late submission is shown and leaves the clock overdue
    expect(entryOf(base().submit('P1', 'AE-1', 'regulator', '2024-02-19'), '2024-02-20').regulator).toMatchObject({
      submittedOn: '2024-02-19',
      daysLeft: -2,
      overdue: true,
    });
  });

  it('given an event that is not expedited, is null', () =>
    expect(
      entryOf(new EventLog().consent('P1').adverseEvent('P1', 'AE-1', MILD_EXPECTED), '2024-03-01').regulator,
    ).toBeNull());
});

describe('the follow-up report flag', () => {
  const reported = () => new EventLog().consent('P1').at('2024-02-03T10:00:00Z').adverseEvent('P1', 'AE-1');

  it('given a report submitted and then an upgrade to life-threatening, is raised', () =>
    expect(
      entryOf(
        reported()
          .submit('P1', 'AE-1', 'irb', '2024-02-05')
          .at('2024-02-10T08:00:00Z')
          .updateAdverseEvent('P1', 'AE-1', LIFE_THREATENING),
        '2024-02-12',
      ).followUpReportNeeded,
    ).toBe(true));

  it('given an upgrade to fatal by a correction after a regulator report, is raised', () =>
    expect(
      entryOf(
        reported()
          .submit('P1', 'AE-1', 'regulator', '2024-02-05')
          .at('2024-02-10T08:00:00Z')
          .correct('P1', 'AE-1', 'adverse_event', FATAL),
        '2024-02-12',
      ).followUpReportNeeded,
    ).toBe(true));

  it('given a submission dated on or after the upgrade, is lowered', () => {
    const upgraded = () =>
      reported()
        .submit('P1', 'AE-1', 'irb', '2024-02-05')
        .at('2024-02-10T08:00:00Z')
        .updateAdverseEvent('P1', 'AE-1', FATAL);
    expect(entryOf(upgraded().submit('P1', 'AE-1', 'regulator', '2024-02-10'), '2024-02-12').followUpReportNeeded).toBe(
      false,
    );
    // a submission recorded after the upgrade but dated before it is not a follow-up
    expect(entryOf(upgraded().submit('P1', 'AE-1', 'irb', '2024-02-09'), '2024-02-12').followUpReportNeeded).toBe(true);
  });

  it('given no report before the upgrade, or an event reported fatal, is not raised', () => {
    expect(
      entryOf(
        reported().updateAdverseEvent('P1', 'AE-1', LIFE_THREATENING).submit('P1', 'AE-1', 'irb', '2024-02-01'),
        '2024-02-12',
      ).followUpReportNeeded,
    ).toBe(false);
    const fatalFromStart = new EventLog()
      .consent('P1')
      .adverseEvent('P1', 'AE-1', FATAL)
      .submit('P1', 'AE-1', 'irb', '2024-01-05')
      .updateAdverseEvent('P1', 'AE-1', { term: 'Sepsis' });
    expect(entryOf(fatalFromStart, '2024-02-12').followUpReportNeeded).toBe(false);
  });

  it('given a downgrade after the upgrade, is not raised', () =>
    expect(
      entryOf(
        reported()
          .submit('P1', 'AE-1', 'irb', '2024-02-05')
          .updateAdverseEvent('P1', 'AE-1', LIFE_THREATENING)
          .updateAdverseEvent('P1', 'AE-1', { grade: 3, seriousCriteria: ['hospitalization'] }),
        '2024-02-12',
      ).followUpReportNeeded,
    ).toBe(false));
});
