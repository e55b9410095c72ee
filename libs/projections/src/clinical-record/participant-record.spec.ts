import { EventLog } from '../testing/event-log';
import { current, evolveParticipantRecord, newParticipantRecord, type ParticipantRecord } from './participant-record';
import { armKey, statusOf, treatmentOf, treatmentSessions } from '../../../trial-domain/src';
import { foldStudyRecord } from './study-record';

const recordOf = (log: EventLog, participantId = 'P1'): ParticipantRecord =>
  log.events
    .filter((e) => (e.data as { participantId?: string }).participantId === participantId)
    .reduce(evolveParticipantRecord, newParticipantRecord(log.studyId, participantId));

describe('participant clinical record', () => {
  it('applies corrections, with null clearing a clearable field', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-1', 'm1', '2024-02-09', 5, 40, 35)
      .correct('P1', 'A-1', 'assessment', { vas: 4.5, globalImprovement: null });
    const p = recordOf(log);
    expect(p.assessments[0]?.fields).toEqual({ visit: 'm1', assessedOn: '2024-02-09', vas: 4.5, quebec: 40 });
    expect(p.amendments).toBe(1);
  });

  it('keeps voided records flagged, out of current()', () => {
    const log = new EventLog().enrolled('P1').procedure('P1', 'PROC-1', '2024-01-10').void('P1', 'PROC-1', 'procedure');
    const p = recordOf(log);
    expect(p.procedures).toHaveLength(1);
    expect(current(p.procedures)).toHaveLength(0);
    expect(treatmentOf(p)).toBeNull();
  });

  it('applies adverse-event updates and corrections in order', () => {
    const log = new EventLog()
      .consent('P1')
      .adverseEvent('P1', 'AE-1', { outcome: 'recovering' })
      .updateAdverseEvent('P1', 'AE-1', { grade: 4, outcome: null, resolvedOn: '2024-03-01' })
      .correct('P1', 'AE-1', 'adverse_event', { bodySystem: 'Nervous system disorders' });
    const ae = recordOf(log).adverseEvents[0];
    expect(ae?.fields.grade).toBe(4);
    expect(ae?.fields.outcome).toBeUndefined();
    expect(ae?.fields.resolvedOn).toBe('2024-03-01');
    expect(ae?.fields.bodySystem).toBe('Nervous system disorders');
  });

  it('corrects the enrollment record', () => {
    const log = new EventLog()
      .enrolled('P1')
      .correct('P1', 'enrollment', 'enrollment', { weightKg: 64, heightCm: 160 });
    const p = recordOf(log);
    expect(p.enrollment?.fields.weightKg).toBe(64);
    expect(p.enrollment?.outcome).toBe('enrolled');
  });

  it('pairs hold starts and ends per class, in order', () => {
    const log = new EventLog()
      .enrolled('P1')
      .hold('P1', 'nsaid', '2024-01-02')
      .hold('P1', 'aspirin', '2024-01-03')
      .endHold('P1', 'nsaid', '2024-01-12')
      .hold('P1', 'nsaid', '2024-02-01');
    expect(recordOf(log).holds).toEqual([
      { medicationClass: 'nsaid', startedOn: '2024-01-02', endedOn: '2024-01-12' },
      { medicationClass: 'aspirin', startedOn: '2024-01-03', endedOn: null },
      { medicationClass: 'nsaid', startedOn: '2024-02-01', endedOn: null },
    ]);
  });

  it('keeps the first consent date and knows the lifecycle status', () => {
    const log = new EventLog().consent('P1', '2024-01-01').consent('P1', '2024-02-01');
    expect(recordOf(log).consentedOn).toBe('2024-01-01');
    expect(statusOf(recordOf(log))).toBe('consented');
    log.enroll('P1').withdraw('P1', '2024-03-01');
    expect(statusOf(recordOf(log))).toBe('withdrawn');
    expect(statusOf(recordOf(new EventLog().consent('P2').screenFail('P2', ['UNDERAGE']), 'P2'))).toBe('screen_failed');
  });

  it('does not change the record it is given', () => {
    const log = new EventLog().enrolled('P1');
    const before = recordOf(log);
    const snapshot = JSON.stringify(before);
    new EventLog().procedure('P1', 'PROC-1', '2024-01-10').events.forEach((e) => evolveParticipantRecord(before, e));
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});

describe('treatment sessions and arm', () => {
  it('groups same-day procedures into one session named by the first entered', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-IV', '2024-01-10', { injections: [{ site: 'intravenous', cellsMillions: 120 }] })
      .procedure('P1', 'PROC-SPINE', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intradiscal', cellsMillions: 25 },
        ],
      })
      .procedure('P1', 'PROC-REPEAT', '2024-07-10', { injections: [{ site: 'cervical_facet', cellsMillions: 2 }] });
    const t = treatmentOf(recordOf(log));
    expect(t?.sessions.map((s) => [s.name, s.performedOn, s.procedures.length])).toEqual([
      ['PROC-IV', '2024-01-10', 2],
      ['PROC-REPEAT', '2024-07-10', 1],
    ]);
    expect(t?.treatmentDate).toBe('2024-01-10');
    expect(t?.arm).toBe('L_EPI+DISK');
  });

  it('takes the arm from the earliest session, not the first entered', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-03-10')
      .procedure('P1', 'PROC-0', '2024-01-10', { injections: [{ site: 'intravenous', cellsMillions: 150 }] });
    const t = treatmentOf(recordOf(log));
    expect(t?.treatmentDate).toBe('2024-01-10');
    expect(t?.arm).toBe('IV_ONLY');
  });

  it('a correction moving a procedure into a session does not make it the name; a void passes the name on', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-A', '2024-01-09')
      .procedure('P1', 'PROC-B', '2024-01-10')
      .correct('P1', 'PROC-A', 'procedure', { performedOn: '2024-01-10' })
      .procedure('P1', 'PROC-C', '2024-01-10');
    expect(treatmentSessions(recordOf(log).procedures).map((s) => s.name)).toEqual(['PROC-A']);
    log.void('P1', 'PROC-A', 'procedure');
    expect(treatmentSessions(recordOf(log).procedures).map((s) => s.name)).toEqual(['PROC-B']);
  });

  it('orders arm components L_EPI, C_EPI, L_FACET, C_FACET, DISK', () => {
    const log = new EventLog().enrolled('P1').procedure('P1', 'PROC-1', '2024-01-10', {
      injections: [
        { site: 'intradiscal', cellsMillions: 25 },
        { site: 'cervical_facet', cellsMillions: 2 },
        { site: 'lumbar_facet', cellsMillions: 2 },
        { site: 'cervical_epidural', cellsMillions: 22 },
        { site: 'lumbar_epidural', cellsMillions: 22 },
      ],
    });
    const [s] = treatmentSessions(recordOf(log).procedures);
    expect(s && armKey(s)).toBe('L_EPI+C_EPI+L_FACET+C_FACET+DISK');
  });

  it('is not treated without enrollment', () => {
    const log = new EventLog().consent('P1').screenFail('P1', ['UNDERAGE'], { ageYears: 17 });
    expect(treatmentOf(recordOf(log))).toBeNull();
  });
});

describe('study record', () => {
  it('filters by study and recorded time', () => {
    const log = new EventLog()
      .study()
      .enrolled('P1')
      .at('2024-06-01T00:00:00Z')
      .procedure('P1', 'PROC-1', '2024-05-30');
    const other = new EventLog('S2').enrolled('Q1');
    const events = [...log.events, ...other.events];
    const s = foldStudyRecord('S1', events, '2024-05-31T23:59:59.999999Z');
    expect(s.eventsApplied).toBe(3);
    expect([...s.participants.keys()]).toEqual(['P1']);
    expect(s.participants.get('P1')?.procedures).toHaveLength(0);
  });

  it('keys participants safely, whatever their id', () => {
    const s = foldStudyRecord('S1', new EventLog().enrolled('__proto__').events);
    expect(s.participants.get('__proto__')?.enrollment?.outcome).toBe('enrolled');
  });
});
