/**
 * A synthetic cohort of any size for benchmarks: per participant a consent, an enrollment, a
 * hold, a procedure, the seven visits, now and then an adverse event, a correction and a
 * signature, in recorded-time order. Deterministic for a given size (a seeded generator), so
 * runs compare.
 */
/** The follow-up visits at their nominal day after treatment (report.md). */
export const FOLLOW_UPS: ReadonlyArray<readonly [visit: string, day: number]> = [
  ['m1', 30],
  ['m3', 91],
  ['m6', 182],
  ['m12', 365],
  ['m18', 547],
  ['m24', 730],
];
const VISIT_DAYS: ReadonlyArray<readonly [string, number]> = [['baseline', -7], ...FOLLOW_UPS];

/** A small deterministic generator (an LCG): the same cohort for the same seed, run after run. */
export const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const day = (base: number, offset: number): string => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);

export const syntheticCohort = (participants: number, studyId = 'BENCH'): string[] => {
  const random = seeded(participants);
  const start = Date.UTC(2019, 0, 1);
  const entries: { at: number; line: Record<string, unknown> }[] = [];
  let n = 0;
  const push = (at: number, type: string, data: Record<string, unknown>, role = 'coordinator') =>
    entries.push({
      at,
      line: {
        commandId: `${studyId}-${++n}`,
        type,
        recordedAt: new Date(at).toISOString().replace('.000Z', 'Z'),
        actor: { id: role === 'investigator' ? 'inv-01' : role === 'admin' ? 'admin-01' : 'coord-01', role },
        data: { studyId, ...data },
      },
    });
  push(
    start - 86_400_000,
    'RegisterStudy',
    { title: 'Synthetic', irbApprovalNumber: 'IRB-B', protocolVersion: '1.0' },
    'admin',
  );
  for (let i = 0; i < participants; i++) {
    const participantId = `P${String(i + 1).padStart(6, '0')}`;
    const consentAt = start + Math.floor(random() * 1000) * 86_400_000 + 9 * 3_600_000;
    const treated = consentAt + 14 * 86_400_000;
    const p = { participantId };
    push(consentAt, 'RecordConsent', { ...p, consentVersion: 'v1', signedOn: day(consentAt, 0) });
    push(consentAt + 60_000, 'EnrollParticipant', {
      ...p,
      enrolledOn: day(consentAt, 0),
      ageYears: 25 + Math.floor(random() * 50),
      sex: random() < 0.6 ? 'male' : 'female',
      heightCm: 150 + Math.floor(random() * 40),
      weightKg: 55 + Math.floor(random() * 50),
      painRegions: random() < 0.2 ? ['lumbar', 'cervical'] : ['lumbar'],
      painDurationMonths: 13 + Math.floor(random() * 100),
      failedPhysicalTherapy: true,
      axialPainWorseThanLegPain: true,
      diagnoses: random() < 0.5 ? ['herniated_disc'] : ['degenerative_disc'],
      priorFailedBackSurgery: random() < 0.15,
      currentMedications: ['nsaid'],
    });
    push(consentAt + 120_000, 'StartMedicationHold', { ...p, medicationClass: 'nsaid', startedOn: day(consentAt, 0) });
    const baselineVas = 5 + Math.floor(random() * 50) / 10;
    const baselineQuebec = 30 + Math.floor(random() * 40);
    for (const [visit, offset] of VISIT_DAYS) {
      const at = treated + offset * 86_400_000 + 10 * 3_600_000;
      if (visit === 'm1') {
        push(treated + 9 * 3_600_000, 'RecordProcedure', {
          ...p,
          procedureId: 'PROC-1',
          performedOn: day(treated, 0),
          weightKg: 80,
          sedation: false,
          productLot: 'LOT-1',
          injections: [
            { site: 'lumbar_epidural', level: 'L4-L5', cellsMillions: 22.5 },
            { site: 'lumbar_facet', level: 'L4-L5', side: 'left', cellsMillions: 2 },
            { site: 'intravenous', cellsMillions: 100 },
          ],
        });
        push(treated + 9.5 * 3_600_000, 'EndMedicationHold', {
          ...p,
          medicationClass: 'nsaid',
          endedOn: day(treated, 1),
        });
      }
      if (visit !== 'baseline' && random() < 0.1) continue;
      const improvement = visit === 'baseline' ? 0 : random() * 4;
      push(at, 'RecordAssessment', {
        ...p,
        assessmentId: `A-${visit}`,
        visit,
        assessedOn: day(at, 0),
        vas: Math.max(0, Math.round((baselineVas - improvement) * 10) / 10),
        quebec: Math.max(0, baselineQuebec - Math.floor(improvement * 6)),
        ...(visit !== 'baseline' && { globalImprovement: Math.floor(improvement * 20) }),
      });
      if (visit === 'm3' && random() < 0.1)
        push(at + 3_600_000, 'CorrectRecord', {
          ...p,
          recordId: 'A-m3',
          changes: { quebec: baselineQuebec + 1 },
          reason: 'transcription error',
        });
      if (visit === 'm6' && random() < 0.1)
        push(at + 3_600_000, 'SignRecord', { ...p, recordId: 'A-m6', meaning: 'reviewed' }, 'investigator');
    }
    if (random() < 0.08) {
      const at = treated + 40 * 86_400_000;
      push(at, 'ReportAdverseEvent', {
        ...p,
        adverseEventId: 'AE-1',
        onsetOn: day(at, -1),
        term: 'Injection site pain',
        bodySystem: 'General disorders and administration site conditions',
        grade: 1,
        serious: false,
        seriousCriteria: [],
        relatedToProcedure: 'probable',
        relatedToProduct: 'unlikely',
        expected: true,
      });
    }
  }
  // Recorded-time order, stable: the study's log never goes back in time.
  return entries
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((e) => JSON.stringify(e.line));
};
