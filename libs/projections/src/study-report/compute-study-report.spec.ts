import { FOLLOW_UP_VISITS, VISITS } from '../../../trial-domain/src';
import { EventLog, MILD_EXPECTED } from '../testing/event-log';
import { computeStudyReport } from './compute-study-report';
import { SUBGROUPS } from './study-report.types';

const END = '2030-01-01T00:00:00Z';
const report = (log: EventLog, asOf = END) => computeStudyReport(log.studyId, log.events, asOf);

describe('study report', () => {
  it('echoes asOf as ISO UTC and counts the study events recorded up to it', () => {
    const log = new EventLog().study().enrolled('P1');
    const r = computeStudyReport(
      'S1',
      [...log.events, ...new EventLog('S2').study().events],
      '2024-01-01T11:00:00+02:00',
    );
    expect(r.asOf).toBe('2024-01-01T09:00:00Z');
    expect(r.eventsApplied).toBe(1);
    expect(report(log).eventsApplied).toBe(3);
    expect(computeStudyReport('S1', log.events, '2024-01-01T09:01:00.5Z').asOf).toBe('2024-01-01T09:01:00.5Z');
  });

  it('counts the flow: consented, screen failures, enrolled (withdrawn stay enrolled), treated, withdrawals by reason', () => {
    const log = new EventLog()
      .consent('P1')
      .consent('P2')
      .screenFail('P2', ['UNDERAGE'], { ageYears: 17 })
      .enrolled('P3')
      .enrolled('P4')
      .procedure('P4', 'PROC-1', '2024-01-10')
      .withdraw('P3', '2024-02-01', 'consent_withdrawn')
      .enrolled('P5')
      .procedure('P5', 'PROC-1', '2024-01-10')
      .void('P5', 'PROC-1', 'procedure');
    expect(report(log).flow).toEqual({
      consented: 5,
      screenFailed: 1,
      enrolled: 3,
      treated: 1,
      withdrawn: { consent_withdrawn: 1, lost_to_follow_up: 0, investigator_decision: 0, other: 0 },
    });
  });

  it('has every key of every slice, even with population 0', () => {
    const r = report(new EventLog().study());
    expect(Object.keys(r.slices).sort()).toEqual(['all', ...SUBGROUPS.map((g) => `subgroup:${g}`)].sort());
    for (const s of Object.values(r.slices)) {
      expect(s.population).toBe(0);
      expect(Object.keys(s.followUp)).toEqual([...FOLLOW_UP_VISITS]);
      expect(Object.keys(s.efficacy)).toEqual([...FOLLOW_UP_VISITS]);
      expect(Object.keys(s.durability)).toEqual(['m6', 'm12', 'm18', 'm24']);
      expect(Object.keys(s.means)).toEqual([...VISITS]);
      expect(s.means.m3).toEqual({ n: 0, vas: null, quebec: null, gi: null });
    }
    expect(r.demographics).toEqual({
      all: {
        n: 0,
        age: { '<35': 0, '35-54': 0, '>=55': 0 },
        sex: { male: 0, female: 0 },
        bmi: { '<25': 0, '25-29.9': 0, '>=30': 0 },
      },
    });
    expect(r.safety.byGrade).toEqual({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 });
  });

  it('bands demographics of treated participants by arm, with an exact BMI (64 kg at 160 cm is 25)', () => {
    const log = new EventLog()
      .enrolled('P1', { ageYears: 34, sex: 'male', weightKg: 64, heightCm: 160 })
      .procedure('P1', 'PROC-1', '2024-01-10')
      .enrolled('P2', { ageYears: 55, weightKg: 63.9, heightCm: 160 })
      .procedure('P2', 'PROC-1', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intravenous', cellsMillions: 100 },
        ],
      })
      .enrolled('P3', { ageYears: 54 });
    const r = report(log);
    expect(r.demographics['all']).toEqual({
      n: 2,
      age: { '<35': 1, '35-54': 0, '>=55': 1 },
      sex: { male: 1, female: 1 },
      bmi: { '<25': 1, '25-29.9': 1, '>=30': 0 },
    });
    expect(r.demographics['L_EPI+L_FACET']?.bmi).toEqual({ '<25': 0, '25-29.9': 1, '>=30': 0 });
    expect(Object.keys(r.demographics).sort()).toEqual(['L_EPI', 'L_EPI+L_FACET', 'all']);
    expect(Object.keys(r.slices)).toContain('arm:L_EPI');
    log.correct('P1', 'enrollment', 'enrollment', { weightKg: 76.8 }); // 30.0
    expect(report(log).demographics['all']?.bmi).toEqual({ '<25': 1, '25-29.9': 0, '>=30': 1 });
  });

  it('takes MCID on exact decimals: VAS 4.6 → 2.6 is a fall of 2; GI 30; Quebec fall of 15', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-b', 'baseline', '2024-01-05', 4.6, 40)
      .assessment('P1', 'A-1', 'm1', '2024-02-09', 2.6, 40)
      .assessment('P1', 'A-3', 'm3', '2024-04-10', 2.7, 26, 29.9)
      .assessment('P1', 'A-6', 'm6', '2024-07-10', 4.6, 25)
      .assessment('P1', 'A-12', 'm12', '2025-01-09', 4.6, 40, 30);
    const s = report(log).slices['all'];
    expect(s?.efficacy.m1).toEqual({ responders: 1, assessed: 1 });
    expect(s?.efficacy.m3).toEqual({ responders: 0, assessed: 1 });
    expect(s?.efficacy.m6).toEqual({ responders: 1, assessed: 1 });
    expect(s?.efficacy.m12).toEqual({ responders: 1, assessed: 1 });
    expect(s?.efficacy.m18).toEqual({ responders: 0, assessed: 0 });
  });

  it('without a baseline, only global improvement can show MCID', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-b', 'baseline', '2024-01-05', 9, 80)
      .assessment('P1', 'A-1', 'm1', '2024-02-09', 1, 10)
      .assessment('P1', 'A-3', 'm3', '2024-04-10', 1, 10, 45)
      .void('P1', 'A-b', 'assessment');
    const s = report(log).slices['all'];
    expect(s?.efficacy.m1).toEqual({ responders: 0, assessed: 1 });
    expect(s?.efficacy.m3).toEqual({ responders: 1, assessed: 1 });
    expect(s?.means.baseline).toEqual({ n: 0, vas: null, quebec: null, gi: null });
    expect(report(log).slices['subgroup:baseline_vas_ge_8']?.population).toBe(0);
  });

  it('counts durability among initial responders (MCID at m3) assessed at the visit', () => {
    const log = new EventLog();
    const people: [string, number, number | null][] = [
      ['P1', 3, 3], // responder at m3, continued at m6
      ['P2', 3, 7], // responder at m3, not at m6
      ['P3', 7, 3], // not an initial responder
      ['P4', 3, null], // responder at m3, not assessed at m6
    ];
    for (const [id, m3, m6] of people) {
      log
        .enrolled(id)
        .procedure(id, 'PROC-1', '2024-01-10')
        .assessment(id, 'A-b', 'baseline', '2024-01-05', 7, 40)
        .assessment(id, 'A-3', 'm3', '2024-04-10', m3, 40);
      if (m6 !== null) log.assessment(id, 'A-6', 'm6', '2024-07-10', m6, 40);
    }
    const s = report(log).slices['all'];
    expect(s?.durability.m6).toEqual({ continued: 1, responders: 2 });
    expect(s?.durability.m12).toEqual({ continued: 0, responders: 0 });
  });

  it('computes plain means, gi over those who have one and never at baseline', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-b', 'baseline', '2024-01-05', 7, 40)
      .assessment('P1', 'A-1', 'm1', '2024-02-09', 4, 30, 50)
      .enrolled('P2')
      .procedure('P2', 'PROC-1', '2024-01-10')
      .assessment('P2', 'A-b', 'baseline', '2024-01-05', 8, 50)
      .assessment('P2', 'A-1', 'm1', '2024-02-09', 5, 35);
    const s = report(log).slices['all'];
    expect(s?.means.baseline).toEqual({ n: 2, vas: 7.5, quebec: 45, gi: null });
    expect(s?.means.m1).toEqual({ n: 2, vas: 4.5, quebec: 32.5, gi: 50 });
    expect(s?.means.m3).toEqual({ n: 0, vas: null, quebec: null, gi: null });
    expect(report(log).slices['subgroup:baseline_vas_ge_8']?.population).toBe(1);
  });

  it('counts due visits from the treatment date (nominal day on or before the as-of date) or once assessed', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-3', 'm3', '2024-02-05', 3, 20) // assessed before it is due
      .enrolled('P2')
      .procedure('P2', 'PROC-1', '2024-01-20');
    const r = report(log, '2024-02-09T23:59:59Z'); // day 30 for P1, day 20 for P2
    expect(r.slices['all']?.followUp.m1).toEqual({ assessed: 0, due: 1 });
    expect(r.slices['all']?.followUp.m3).toEqual({ assessed: 1, due: 1 }); // assessed counts as due
    expect(r.slices['all']?.followUp.m6).toEqual({ assessed: 0, due: 0 });
    const later = report(log, '2024-04-11T00:00:00Z'); // day 92 for P1, 82 for P2
    expect(later.slices['all']?.followUp.m3).toEqual({ assessed: 1, due: 1 });
    expect(later.slices['all']?.followUp.m1).toEqual({ assessed: 0, due: 2 });
  });

  it('reads the arm and the treatment date from the first session (repeat procedures)', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-2', '2024-06-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intradiscal', cellsMillions: 25 },
        ],
      })
      .procedure('P1', 'PROC-1', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intravenous', cellsMillions: 120 },
        ],
      });
    const r = report(log, '2025-01-09T12:00:00Z');
    expect(Object.keys(r.demographics)).toEqual(['all', 'L_EPI']);
    expect(r.survivorship).toEqual({ atRisk: 1, surgeryFree: 1 });
  });

  it('counts survivorship of participants treated at least 365 days before, surgery at any date', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .surgery('P1', 'S-1', '2023-12-01')
      .enrolled('P2')
      .procedure('P2', 'PROC-1', '2024-01-10')
      .surgery('P2', 'S-1', '2024-05-01')
      .void('P2', 'S-1', 'surgery')
      .enrolled('P3')
      .procedure('P3', 'PROC-1', '2024-01-11');
    expect(report(log, '2025-01-09T23:59:59Z').survivorship).toEqual({ atRisk: 2, surgeryFree: 1 });
    expect(report(log, '2025-01-08T23:59:59Z').survivorship).toEqual({ atRisk: 0, surgeryFree: 0 });
  });

  it('counts safety over every participant and non-voided event as amended; exposure and arms over treated ones', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10')
      .adverseEvent('P1', 'AE-1')
      .adverseEvent('P1', 'AE-2', MILD_EXPECTED)
      .consent('P2')
      .adverseEvent('P2', 'AE-1', { grade: 5, seriousCriteria: ['death', 'life_threatening'], outcome: 'fatal' })
      .enrolled('P3')
      .procedure('P3', 'PROC-1', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intravenous', cellsMillions: 120 },
        ],
      })
      .adverseEvent('P3', 'AE-1')
      .void('P3', 'AE-1', 'adverse_event')
      .updateAdverseEvent('P1', 'AE-2', { grade: 2 });
    const s = report(log).safety;
    expect(s).toMatchObject({
      participantsExposed: 2,
      participantsWithAe: 2,
      participantsWithSae: 2,
      adverseEvents: 3,
      seriousAdverseEvents: 2,
      deaths: 1,
      byGrade: { '1': 0, '2': 1, '3': 1, '4': 0, '5': 1 },
      bySeriousCriterion: { hospitalization: 1, death: 1, life_threatening: 1 },
      byBodySystem: { 'Infections and infestations': 2, 'General disorders and administration site conditions': 1 },
      relatedToProduct: { possible: 2, not_related: 1 },
      byArm: {
        'L_EPI+L_FACET': { participants: 1, participantsWithAe: 1, adverseEvents: 2, seriousAdverseEvents: 1 },
        L_EPI: { participants: 1, participantsWithAe: 0, adverseEvents: 0, seriousAdverseEvents: 0 },
      },
    });
    expect(s.expedited.map((e) => `${e.participantId}/${e.adverseEventId} ${e.dueOn}`)).toEqual([
      'P1/AE-1 2024-01-16',
      'P2/AE-1 2024-01-08',
    ]);
  });

  it('as of T ignores a correction recorded after T', () => {
    const log = new EventLog()
      .enrolled('P1')
      .procedure('P1', 'PROC-1', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 30 },
          { site: 'intravenous', cellsMillions: 120 },
        ],
      })
      .assessment('P1', 'A-b', 'baseline', '2024-01-05', 7, 40)
      .at('2024-03-01T12:00:00Z')
      .correct('P1', 'PROC-1', 'procedure', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intravenous', cellsMillions: 120 },
        ],
      })
      .correct('P1', 'A-b', 'assessment', { vas: 9 });
    const before = report(log, '2024-03-01T11:59:59.999999Z');
    expect(before.deviations.items.map((d) => d.code)).toEqual(['EPIDURAL_DOSE_OUT_OF_RANGE']);
    expect(before.slices['all']?.means.baseline.vas).toBe(7);
    expect(before.eventsApplied).toBe(4);
    const after = report(log, '2024-03-01T12:01:00Z');
    expect(after.deviations).toEqual({ byCode: {}, items: [] });
    expect(after.slices['all']?.means.baseline.vas).toBe(9);
    expect(report(log, '2024-03-01T11:59:59.999999Z')).toEqual(before);
  });

  it('filters events recorded after asOf even when they are interleaved', () => {
    const log = new EventLog()
      .enrolled('P1')
      .at('2024-05-01T00:00:00Z')
      .procedure('P1', 'PROC-1', '2024-04-30')
      .at('2024-02-01T00:00:00Z')
      .procedure('P1', 'PROC-2', '2024-01-30');
    expect(report(log, '2024-03-01T00:00:00Z').flow.treated).toBe(1);
    expect(report(log, '2024-03-01T00:00:00Z').demographics['all']?.n).toBe(1);
  });

  it('fills subgroups from the amended enrollment and the baseline', () => {
    const log = new EventLog()
      .enrolled('P1', { diagnoses: ['herniated_disc', 'spondylolisthesis'], priorFailedBackSurgery: true })
      .procedure('P1', 'PROC-1', '2024-01-10')
      .assessment('P1', 'A-b', 'baseline', '2024-01-05', 8, 40);
    const pops = (r: ReturnType<typeof report>) => SUBGROUPS.map((g) => r.slices[`subgroup:${g}`]?.population);
    expect(pops(report(log))).toEqual([1, 1, 1, 1]);
    log
      .correct('P1', 'enrollment', 'enrollment', { diagnoses: ['other'], priorFailedBackSurgery: false })
      .correct('P1', 'A-b', 'assessment', { vas: 7.9 });
    expect(pops(report(log))).toEqual([0, 0, 0, 0]);
  });
});
