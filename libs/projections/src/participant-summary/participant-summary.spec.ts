import { foldEvents } from '../projection';
import { EventLog, MILD_EXPECTED } from '../testing/event-log';
import { participantsProjection } from '../participants/participants.projection';
import { summaryOf } from './participant-summary';

describe('participant summary', () => {
  it('shows the participant as amended: status, arm, holds, procedures, latest assessments, open events, amendments, signatures', () => {
    const log = new EventLog()
      .enrolled('P1', { currentMedications: ['nsaid'] })
      .hold('P1', 'nsaid', '2024-01-03')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .procedure('P1', 'PROC-X', '2024-01-11')
      .void('P1', 'PROC-X', 'procedure')
      .assessment('P1', 'A-b', 'baseline', '2024-01-05', 7, 40)
      .assessment('P1', 'A-1', 'm1', '2024-02-09', 5, 30)
      .correct('P1', 'A-1', 'assessment', { vas: 4 })
      .adverseEvent('P1', 'AE-1', MILD_EXPECTED)
      .adverseEvent('P1', 'AE-2', MILD_EXPECTED)
      .updateAdverseEvent('P1', 'AE-2', { resolvedOn: '2024-02-10', outcome: 'recovered' })
      .sign('P1', 'PROC-1', 'procedure');
    const s = summaryOf(foldEvents(participantsProjection, log.events), 'S1', 'P1');
    expect(s).toMatchObject({
      status: 'treated',
      consentedOn: '2024-01-01',
      enrolledOn: '2024-01-05',
      treated: true,
      arm: 'L_EPI+L_FACET',
      treatmentDate: '2024-01-10',
      sessions: [{ name: 'PROC-1', performedOn: '2024-01-10', procedureIds: ['PROC-1'] }],
      activeHolds: [{ medicationClass: 'nsaid', startedOn: '2024-01-03', endedOn: null }],
      amendments: 2,
    });
    expect(s?.procedures.map((p) => p.procedureId)).toEqual(['PROC-1']);
    expect(s?.latestAssessments.m1).toMatchObject({ assessmentId: 'A-1', vas: 4 });
    expect(s?.openAdverseEvents.map((ae) => ae.adverseEventId)).toEqual(['AE-1']);
    expect(s?.signatures).toEqual([
      expect.objectContaining({
        recordId: 'PROC-1',
        meaning: 'reviewed',
        signedBy: { id: 'inv-01', role: 'investigator' },
      }),
    ]);
  });

  it('knows no participant without a consent', () => {
    expect(summaryOf(foldEvents(participantsProjection, new EventLog().study().events), 'S1', 'P1')).toBeNull();
  });
});
