import { foldParticipant, type ParticipantEvent, type RecordedParticipantEvent } from '../../../trial-domain/src';
import {
  aeReported,
  aeUpdated,
  assessed,
  enrolledParticipant,
  procedureRecorded,
  safetyReportSubmitted,
  voided,
  withdrawn,
} from '../../../trial-domain/src/testing/builders';
import { participantSafetyJobs } from './safety-jobs';

/** Every event recorded on 2024-05-01: an expedited clock starts that day (due 2024-05-16). */
const fold = (events: readonly ParticipantEvent[]) =>
  foldParticipant(
    events.map(
      (e, i) =>
        ({
          ...e,
          metadata: {
            recordedAt: '2024-05-01T00:00:00.000000Z',
            commandId: `c-${i}`,
            actor: { id: 'c', role: 'coordinator' },
          },
        }) as RecordedParticipantEvent,
    ),
  );
const serious = aeReported({ serious: true, seriousCriteria: ['hospitalization'], expected: false });
const ids = (events: readonly ParticipantEvent[], today = '2024-05-02') =>
  participantSafetyJobs(fold(events), today).map((j) => `${j.id} @${j.runAt}`);

describe('the safety desk schedule (a projection of the participant state)', () => {
  it('an expedited event: a reminder two days before the due date, an overdue check at its end', () =>
    expect(ids([...enrolledParticipant(), serious])).toEqual([
      'reminder/msc-spine/P-001/ae-1/2024-05-16 @2024-05-14T00:00:00.000Z',
      'overdue/msc-spine/P-001/ae-1/2024-05-16 @2024-05-17T00:00:00.000Z',
    ]));

  it('an on-time IRB submission, a downgrade or a void leaves nothing to do', () => {
    expect(ids([...enrolledParticipant(), serious, safetyReportSubmitted({ submittedOn: '2024-05-10' })])).toEqual([]);
    expect(
      ids([...enrolledParticipant(), serious, aeUpdated({ changes: { serious: false, seriousCriteria: [] } })]),
    ).toEqual([]);
    expect(ids([...enrolledParticipant(), serious, voided({ recordId: 'ae-1', recordKind: 'adverse_event' })])).toEqual(
      [],
    );
  });

  it('a late IRB submission stops the reminder, not the overdue check; a past due date has no reminder', () => {
    expect(ids([...enrolledParticipant(), serious, safetyReportSubmitted({ submittedOn: '2024-05-20' })])).toEqual([
      'overdue/msc-spine/P-001/ae-1/2024-05-16 @2024-05-17T00:00:00.000Z',
    ]);
    expect(ids([...enrolledParticipant(), serious], '2024-05-17')).toEqual([
      'overdue/msc-spine/P-001/ae-1/2024-05-16 @2024-05-17T00:00:00.000Z',
    ]);
  });

  it('a treated participant: a check after each unassessed follow-up window; none once withdrawn', () => {
    // Treated 2024-02-01: m1 closes 2024-03-09 (day 37), m6 2024-08-31 (day 212; 2024 is a leap year).
    const treated = [...enrolledParticipant(), procedureRecorded()];
    const visits = ids([...treated, assessed({ assessmentId: 'a-m3', visit: 'm3', assessedOn: '2024-05-01' })]);
    expect(visits).toEqual([
      'missed-visit/msc-spine/P-001/m1/2024-03-09 @2024-03-10T00:00:00.000Z',
      'missed-visit/msc-spine/P-001/m6/2024-08-31 @2024-09-01T00:00:00.000Z',
      'missed-visit/msc-spine/P-001/m12/2025-03-17 @2025-03-18T00:00:00.000Z',
      'missed-visit/msc-spine/P-001/m18/2025-09-15 @2025-09-16T00:00:00.000Z',
      'missed-visit/msc-spine/P-001/m24/2026-04-01 @2026-04-02T00:00:00.000Z',
    ]);
    expect(ids([...treated, withdrawn({ withdrawnOn: '2024-04-01' })])).toEqual([]);
  });

  it('an alert already recorded is not scheduled again', () => {
    const alert: ParticipantEvent = {
      type: 'SafetyReportOverdue',
      data: {
        studyId: 'msc-spine',
        participantId: 'P-001',
        adverseEventId: 'ae-1',
        recipient: 'irb',
        dueOn: '2024-05-16',
      },
    };
    expect(ids([...enrolledParticipant(), serious, alert], '2024-05-17')).toEqual([]);
  });
});
