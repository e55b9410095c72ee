import { evolveParticipantRecord, newParticipantRecord } from '../clinical-record/participant-record';
import { EventLog } from '../testing/event-log';
import { participantDeviations, studyDeviations } from './deviations';
import { participantsProjection } from '../participants/participants.projection';
import { foldEvents } from '../projection';

const deviationsOf = (log: EventLog, participantId = 'P1') =>
  participantDeviations(
    log.events
      .filter((e) => (e.data as { participantId?: string }).participantId === participantId)
      .reduce(evolveParticipantRecord, newParticipantRecord(log.studyId, participantId)),
  ).map((d) => `${d.recordId} ${d.code}`);

const treated = (fields = {}) => new EventLog().enrolled('P1', fields).procedure('P1', 'PROC-1', '2024-01-10');

describe('deviations', () => {
  it('finds none for a protocol-conforming treatment', () => {
    expect(deviationsOf(treated())).toEqual([]);
  });

  describe('doses (each procedure)', () => {
    it.each([
      [[{ site: 'lumbar_epidural', cellsMillions: 19.9 }], 'EPIDURAL_DOSE_OUT_OF_RANGE'],
      [[{ site: 'cervical_epidural', cellsMillions: 25.1 }], 'EPIDURAL_DOSE_OUT_OF_RANGE'],
      [[{ site: 'lumbar_facet', cellsMillions: 1.4 }], 'FACET_DOSE_OUT_OF_RANGE'],
      [[{ site: 'cervical_facet', cellsMillions: 3.01 }], 'FACET_DOSE_OUT_OF_RANGE'],
      [[{ site: 'intradiscal', cellsMillions: 22.4 }], 'DISK_DOSE_OUT_OF_RANGE'],
      [[{ site: 'intradiscal', cellsMillions: 27.6 }], 'DISK_DOSE_OUT_OF_RANGE'],
    ])('%j is %s', (extra, code) => {
      const log = new EventLog().enrolled('P1').procedure('P1', 'PROC-1', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intravenous', cellsMillions: 100 },
          ...(extra as never[]),
        ],
      });
      expect(deviationsOf(log)).toEqual([`PROC-1 ${code}`]);
    });

    it('takes bounds inclusively on exact decimals (22.5, 27.5, 1.5, 3, 20, 25)', () => {
      const log = new EventLog().enrolled('P1').procedure('P1', 'PROC-1', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 20 },
          { site: 'cervical_epidural', cellsMillions: 25 },
          { site: 'lumbar_facet', cellsMillions: 1.5 },
          { site: 'cervical_facet', cellsMillions: 3 },
          { site: 'intradiscal', cellsMillions: 22.5 },
          { site: 'intradiscal', cellsMillions: 27.5 },
          { site: 'intravenous', cellsMillions: 100 },
        ],
      });
      expect(deviationsOf(log)).toEqual([]);
    });

    it('gives one deviation per record and rule, not per injection', () => {
      const log = new EventLog().enrolled('P1').procedure('P1', 'PROC-1', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'lumbar_facet', cellsMillions: 5 },
          { site: 'lumbar_facet', cellsMillions: 6 },
          { site: 'intravenous', cellsMillions: 100 },
        ],
      });
      expect(deviationsOf(log)).toEqual(['PROC-1 FACET_DOSE_OUT_OF_RANGE']);
    });

    it('disappears when a correction fixes the dose, and does not count voided procedures', () => {
      const log = new EventLog().enrolled('P1').procedure('P1', 'PROC-1', '2024-01-10', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 30 },
          { site: 'intravenous', cellsMillions: 100 },
        ],
      });
      expect(deviationsOf(log)).toEqual(['PROC-1 EPIDURAL_DOSE_OUT_OF_RANGE']);
      log.correct('P1', 'PROC-1', 'procedure', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 24 },
          { site: 'intravenous', cellsMillions: 100 },
        ],
      });
      expect(deviationsOf(log)).toEqual([]);
      log
        .procedure('P1', 'PROC-2', '2024-01-10', { injections: [{ site: 'intradiscal', cellsMillions: 50 }] })
        .void('P1', 'PROC-2', 'procedure');
      expect(deviationsOf(log)).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('sums intravenous cells exactly across the session (33.3 + 33.3 + 33.4 = 100)', () => {
      const log = new EventLog()
        .enrolled('P1')
        .procedure('P1', 'PROC-1', '2024-01-10', {
          injections: [
            { site: 'lumbar_epidural', cellsMillions: 22 },
            { site: 'intravenous', cellsMillions: 33.3 },
          ],
        })
        .procedure('P1', 'PROC-2', '2024-01-10', {
          injections: [
            { site: 'intravenous', cellsMillions: 33.3 },
            { site: 'intravenous', cellsMillions: 33.4 },
          ],
        });
      expect(deviationsOf(log)).toEqual([]);
      log.correct('P1', 'PROC-2', 'procedure', {
        injections: [
          { site: 'intravenous', cellsMillions: 33.3 },
          { site: 'intravenous', cellsMillions: 33.39 },
        ],
      });
      expect(deviationsOf(log)).toEqual(['PROC-1 IV_DOSE_BELOW_MINIMUM']);
    });

    it('names the session by its first-entered member, and exempts later repeat sessions', () => {
      const log = new EventLog()
        .enrolled('P1')
        .procedure('P1', 'PROC-1', '2024-01-10', { injections: [{ site: 'intravenous', cellsMillions: 120 }] })
        .procedure('P1', 'PROC-2', '2024-01-10', { injections: [{ site: 'lumbar_facet', cellsMillions: 2 }] })
        // a repeat infusion (all intravenous) and a repeat spinal injection (no intravenous)
        .procedure('P1', 'PROC-3', '2024-06-10', { injections: [{ site: 'intravenous', cellsMillions: 120 }] })
        .procedure('P1', 'PROC-4', '2024-09-10', { injections: [{ site: 'lumbar_epidural', cellsMillions: 22 }] });
      expect(deviationsOf(log)).toEqual(['PROC-1 MISSING_LUMBAR_EPIDURAL']);
    });

    it('does not exempt the first session: IV only misses the epidural, no IV misses the dose', () => {
      expect(
        deviationsOf(
          new EventLog()
            .enrolled('P1')
            .procedure('P1', 'P-1', '2024-01-10', { injections: [{ site: 'intravenous', cellsMillions: 120 }] }),
        ),
      ).toEqual(['P-1 MISSING_LUMBAR_EPIDURAL']);
      expect(
        deviationsOf(
          new EventLog()
            .enrolled('P1')
            .procedure('P1', 'P-1', '2024-01-10', { injections: [{ site: 'lumbar_epidural', cellsMillions: 22 }] }),
        ),
      ).toEqual(['P-1 IV_DOSE_BELOW_MINIMUM']);
    });

    it('a later session with spinal injections still needs the lumbar epidural, and an intravenous one the minimum', () => {
      const log = treated()
        .procedure('P1', 'PROC-2', '2024-06-10', { injections: [{ site: 'lumbar_facet', cellsMillions: 2 }] })
        .procedure('P1', 'PROC-3', '2024-09-10', { injections: [{ site: 'intravenous', cellsMillions: 50 }] });
      expect(deviationsOf(log)).toEqual(['PROC-2 MISSING_LUMBAR_EPIDURAL', 'PROC-3 IV_DOSE_BELOW_MINIMUM']);
    });

    it('allows two disks, not three; sedation only with a disk', () => {
      const disks = (n: number) =>
        Array.from({ length: n }, () => ({ site: 'intradiscal' as const, cellsMillions: 25 }));
      const base = [
        { site: 'lumbar_epidural' as const, cellsMillions: 22 },
        { site: 'intravenous' as const, cellsMillions: 120 },
      ];
      expect(
        deviationsOf(
          new EventLog()
            .enrolled('P1')
            .procedure('P1', 'P-1', '2024-01-10', { sedation: true, injections: [...base, ...disks(2)] }),
        ),
      ).toEqual([]);
      expect(
        deviationsOf(
          new EventLog().enrolled('P1').procedure('P1', 'P-1', '2024-01-10', { injections: [...base, ...disks(3)] }),
        ),
      ).toEqual(['P-1 TOO_MANY_DISKS']);
      const sedated = new EventLog()
        .enrolled('P1')
        .procedure('P1', 'P-1', '2024-01-10', { injections: base })
        .procedure('P1', 'P-2', '2024-01-10', {
          sedation: true,
          injections: [{ site: 'lumbar_facet', cellsMillions: 2 }],
        });
      expect(deviationsOf(sedated)).toEqual(['P-1 SEDATION_WITHOUT_DISK_INJECTION']);
    });
  });

  describe('medication holds', () => {
    const onMeds = (meds: string[]) => new EventLog().enrolled('P1', { currentMedications: meds as never });

    it('needs, per class taken, a hold started on or before the day and not ended before it (one deviation per session)', () => {
      expect(deviationsOf(onMeds(['nsaid', 'opiate']).procedure('P1', 'PROC-1', '2024-01-10'))).toEqual([
        'PROC-1 MEDICATION_HOLD_MISSING',
      ]);
      expect(
        deviationsOf(
          onMeds(['nsaid', 'opiate'])
            .hold('P1', 'nsaid', '2024-01-10')
            .hold('P1', 'opiate', '2024-01-03')
            .procedure('P1', 'PROC-1', '2024-01-10'),
        ),
      ).toEqual([]);
      // started after the day
      expect(
        deviationsOf(onMeds(['nsaid']).hold('P1', 'nsaid', '2024-01-11').procedure('P1', 'PROC-1', '2024-01-10')),
      ).toEqual(['PROC-1 MEDICATION_HOLD_MISSING']);
      // ended before the day; ending on the day still covers it
      expect(
        deviationsOf(
          onMeds(['nsaid'])
            .hold('P1', 'nsaid', '2024-01-01')
            .endHold('P1', 'nsaid', '2024-01-09')
            .procedure('P1', 'PROC-1', '2024-01-10'),
        ),
      ).toEqual(['PROC-1 MEDICATION_HOLD_MISSING']);
      expect(
        deviationsOf(
          onMeds(['nsaid'])
            .hold('P1', 'nsaid', '2024-01-01')
            .endHold('P1', 'nsaid', '2024-01-10')
            .procedure('P1', 'PROC-1', '2024-01-10'),
        ),
      ).toEqual([]);
    });

    it('checks every session against the holds of its own day', () => {
      const log = onMeds(['aspirin'])
        .hold('P1', 'aspirin', '2024-01-05')
        .endHold('P1', 'aspirin', '2024-01-11')
        .procedure('P1', 'PROC-1', '2024-01-10')
        .procedure('P1', 'PROC-2', '2024-03-10', { injections: [{ site: 'intravenous', cellsMillions: 120 }] });
      expect(deviationsOf(log)).toEqual(['PROC-2 MEDICATION_HOLD_MISSING']);
    });

    it('flags an anticoagulant restarted on the day of the procedure, whatever currentMedications says', () => {
      const log = onMeds([])
        .hold('P1', 'anticoagulant', '2024-01-03')
        .endHold('P1', 'anticoagulant', '2024-01-10')
        .procedure('P1', 'PROC-1', '2024-01-10');
      expect(deviationsOf(log)).toEqual(['PROC-1 ANTICOAGULANT_RESTARTED_EARLY']);
      const dayAfter = onMeds(['anticoagulant'])
        .hold('P1', 'anticoagulant', '2024-01-03')
        .endHold('P1', 'anticoagulant', '2024-01-11')
        .procedure('P1', 'PROC-1', '2024-01-10');
      expect(deviationsOf(dayAfter)).toEqual([]);
      const before = onMeds(['anticoagulant'])
        .hold('P1', 'anticoagulant', '2024-01-03')
        .endHold('P1', 'anticoagulant', '2024-01-09')
        .procedure('P1', 'PROC-1', '2024-01-10');
      expect(deviationsOf(before)).toEqual(['PROC-1 MEDICATION_HOLD_MISSING']);
    });

    it('follows an enrollment correction of currentMedications', () => {
      const log = onMeds(['opiate']).procedure('P1', 'PROC-1', '2024-01-10');
      expect(deviationsOf(log)).toEqual(['PROC-1 MEDICATION_HOLD_MISSING']);
      log.correct('P1', 'enrollment', 'enrollment', { currentMedications: [] });
      expect(deviationsOf(log)).toEqual([]);
    });
  });

  describe('eligibility', () => {
    it('flags an enrolled participant whose amended enrollment fails a criterion, and clears when corrected back', () => {
      const log = treated().correct('P1', 'enrollment', 'enrollment', { painDurationMonths: 12 });
      expect(deviationsOf(log)).toEqual(['enrollment ENROLLED_NOT_ELIGIBLE']);
      log.correct('P1', 'enrollment', 'enrollment', { painDurationMonths: 13 });
      expect(deviationsOf(log)).toEqual([]);
    });

    it('checks only enrolled participants', () => {
      const log = new EventLog().consent('P1').screenFail('P1', ['UNDERAGE'], { ageYears: 17 });
      expect(deviationsOf(log)).toEqual([]);
    });
  });

  describe('visit windows (days from the treatment date)', () => {
    it.each([
      [22, true],
      [23, false],
      [37, false],
      [38, true],
    ])('m1 at day %i out of window: %s', (day, out) => {
      const assessedOn = new Date(Date.parse('2024-01-10T00:00:00Z') + day * 86_400_000).toISOString().slice(0, 10);
      const log = treated().assessment('P1', 'A-m1', 'm1', assessedOn, 4, 30);
      expect(deviationsOf(log)).toEqual(out ? ['A-m1 VISIT_OUT_OF_WINDOW'] : []);
    });

    it.each([
      ['baseline', -31, true],
      ['baseline', -30, false],
      ['baseline', 0, false],
      ['baseline', 1, true],
      ['m3', 76, true],
      ['m3', 77, false],
      ['m3', 105, false],
      ['m3', 106, true],
      ['m6', 151, true],
      ['m6', 212, false],
      ['m12', 320, false],
      ['m12', 411, true],
      ['m18', 502, false],
      ['m18', 593, true],
      ['m24', 669, true],
      ['m24', 790, false],
    ])('%s at day %i out of window: %s', (visit, day, out) => {
      const assessedOn = new Date(Date.parse('2024-01-10T00:00:00Z') + (day as number) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const log = treated().assessment('P1', 'A-1', visit as never, assessedOn, 4, 30);
      expect(deviationsOf(log)).toEqual(out ? ['A-1 VISIT_OUT_OF_WINDOW'] : []);
    });

    it('is not checked before any procedure exists, and counts from the first session', () => {
      const log = new EventLog().enrolled('P1').assessment('P1', 'A-b', 'baseline', '2023-10-01', 7, 40);
      expect(deviationsOf(log)).toEqual([]);
      log.procedure('P1', 'PROC-1', '2024-01-10');
      expect(deviationsOf(log)).toEqual(['A-b VISIT_OUT_OF_WINDOW']);
      log.procedure('P1', 'PROC-0', '2023-10-20', {
        injections: [
          { site: 'lumbar_epidural', cellsMillions: 22 },
          { site: 'intravenous', cellsMillions: 100 },
        ],
      });
      expect(deviationsOf(log)).toEqual([]);
    });

    it('moves with a correction of assessedOn or performedOn, and ignores voided assessments', () => {
      const log = treated().assessment('P1', 'A-m1', 'm1', '2024-02-25', 4, 30);
      expect(deviationsOf(log)).toEqual(['A-m1 VISIT_OUT_OF_WINDOW']);
      log.correct('P1', 'PROC-1', 'procedure', { performedOn: '2024-01-20' });
      expect(deviationsOf(log)).toEqual([]);
      log.correct('P1', 'A-m1', 'assessment', { assessedOn: '2024-03-25' });
      expect(deviationsOf(log)).toEqual(['A-m1 VISIT_OUT_OF_WINDOW']);
      log.void('P1', 'A-m1', 'assessment');
      expect(deviationsOf(log)).toEqual([]);
    });
  });

  it('keeps each participant current in the projection', () => {
    const log = treated()
      .correct('P1', 'enrollment', 'enrollment', { ageYears: 17 })
      .enrolled('P2')
      .procedure('P2', 'X-1', '2024-01-10', { injections: [{ site: 'intravenous', cellsMillions: 90 }] });
    const state = [...foldEvents(participantsProjection, log.events).values()];
    expect(studyDeviations(state, 'S1').items.map((d) => `${d.participantId} ${d.recordId} ${d.code}`)).toEqual([
      'P1 enrollment ENROLLED_NOT_ELIGIBLE',
      'P2 X-1 MISSING_LUMBAR_EPIDURAL',
      'P2 X-1 IV_DOSE_BELOW_MINIMUM',
    ]);
    expect(studyDeviations(state, 'S1').byCode).toEqual({
      ENROLLED_NOT_ELIGIBLE: 1,
      MISSING_LUMBAR_EPIDURAL: 1,
      IV_DOSE_BELOW_MINIMUM: 1,
    });
    expect(studyDeviations(state, 'S2').items).toEqual([]);
  });
});
