/**
 * A larger synthetic cohort for the report benchmark: about 30 commands (one event each) per
 * participant, so 10,000 participants give about 300,000 events. Per participant: consent,
 * enrollment (signed), baseline, two medication holds around a two-procedure first session
 * (spinal injections + infusion, both signed), the six follow-up visits each signed (about 10% missed),
 * a correction of the 3-month visit and its re-signature, an adverse event reported, updated and
 * signed, and a later repeat spinal session with its own hold. Now and then: a serious unexpected
 * related event with its IRB submission, a voided and re-entered 24-month visit, a subsequent
 * surgery, a withdrawal. Every line is meant to be accepted; recorded-time order; deterministic
 * for a given size (seeded generator). Leaves synthetic-cohort.ts as it is.
 */
import { FOLLOW_UPS, seeded } from './synthetic-cohort';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const date = (at: number): string => new Date(at).toISOString().slice(0, 10);

export interface LargeCohortOptions {
  readonly studyId?: string;
  /** First consent day (UTC midnight, ms). Consents spread over the following 1,000 days. */
  readonly start?: number;
}

/** The cohort as NDJSON command lines (import format of commands.md), sorted by recordedAt. */
export const largeCohort = (participants: number, options: LargeCohortOptions = {}): string[] => {
  const studyId = options.studyId ?? 'LARGE';
  const start = options.start ?? Date.UTC(2019, 0, 1);
  const random = seeded(participants * 7 + 3);
  const entries: { at: number; line: Record<string, unknown> }[] = [];
  let n = 0;
  const actors = {
    coordinator: { id: 'coord-01', role: 'coordinator' },
    investigator: { id: 'inv-01', role: 'investigator' },
    admin: { id: 'admin-01', role: 'admin' },
  } as const;
  const push = (at: number, type: string, data: Record<string, unknown>, actor: keyof typeof actors = 'coordinator') =>
    entries.push({
      at,
      line: {
        commandId: `${studyId}-${++n}`,
        type,
        recordedAt: new Date(at).toISOString().replace('.000Z', 'Z'),
        actor: actors[actor],
        data: { studyId, ...data },
      },
    });

  push(
    start - DAY,
    'RegisterStudy',
    { title: 'Large synthetic', irbApprovalNumber: 'IRB-L', protocolVersion: '1.0' },
    'admin',
  );
  for (let i = 0; i < participants; i++) {
    const participantId = `L${String(i + 1).padStart(6, '0')}`;
    const p = { participantId };
    const consentDay = start + Math.floor(random() * 1000) * DAY;
    const treatedDay = consentDay + 14 * DAY;
    const weightKg = 55 + Math.floor(random() * 50);
    const sign = (at: number, recordId: string, meaning = 'reviewed') =>
      push(at, 'SignRecord', { ...p, recordId, meaning }, 'investigator');

    // screening
    push(consentDay + 9 * HOUR, 'RecordConsent', { ...p, consentVersion: 'v1', signedOn: date(consentDay) });
    push(consentDay + 9.25 * HOUR, 'EnrollParticipant', {
      ...p,
      enrolledOn: date(consentDay),
      ageYears: 25 + Math.floor(random() * 55),
      sex: random() < 0.6 ? 'male' : 'female',
      heightCm: 150 + Math.floor(random() * 40),
      weightKg,
      painRegions: random() < 0.2 ? ['lumbar', 'cervical'] : ['lumbar'],
      painDurationMonths: 13 + Math.floor(random() * 100),
      failedPhysicalTherapy: true,
      axialPainWorseThanLegPain: true,
      diagnoses: random() < 0.45 ? ['herniated_disc'] : random() < 0.4 ? ['spondylolisthesis'] : ['degenerative_disc'],
      priorFailedBackSurgery: random() < 0.15,
      currentMedications: ['nsaid', 'anticoagulant'],
    });
    sign(consentDay + 17 * HOUR, 'enrollment');
    const baselineVas = 5 + Math.floor(random() * 50) / 10;
    const baselineQuebec = 30 + Math.floor(random() * 40);
    push(treatedDay - 7 * DAY + 10 * HOUR, 'RecordAssessment', {
      ...p,
      assessmentId: 'A-BASELINE',
      visit: 'baseline',
      assessedOn: date(treatedDay - 7 * DAY),
      vas: baselineVas,
      quebec: baselineQuebec,
    });

    // first session: holds, spinal injections and the infusion as two procedures, signed
    push(treatedDay - 7 * DAY + 11 * HOUR, 'StartMedicationHold', {
      ...p,
      medicationClass: 'nsaid',
      startedOn: date(treatedDay - 7 * DAY),
    });
    push(treatedDay - 5 * DAY + 11 * HOUR, 'StartMedicationHold', {
      ...p,
      medicationClass: 'anticoagulant',
      startedOn: date(treatedDay - 5 * DAY),
    });
    const cervical = random() < 0.2;
    const disk = random() < 0.2;
    push(treatedDay + 13 * HOUR, 'RecordProcedure', {
      ...p,
      procedureId: 'PROC-1',
      performedOn: date(treatedDay),
      weightKg,
      sedation: disk,
      productLot: `LOT-${1 + (i % 40)}`,
      injections: [
        { site: 'lumbar_epidural', level: 'L4-L5', cellsMillions: 22.5 },
        ...['L2-L3', 'L3-L4', 'L4-L5'].flatMap((level) =>
          ['left', 'right'].map((side) => ({
            site: cervical ? 'cervical_facet' : 'lumbar_facet',
            level,
            side,
            cellsMillions: 2,
          })),
        ),
        ...(disk
          ? [
              { site: 'intradiscal', level: 'L4-L5', cellsMillions: 25 },
              { site: 'intradiscal', level: 'L5-S1', cellsMillions: 25 },
            ]
          : []),
      ],
    });
    push(treatedDay + 13.5 * HOUR, 'RecordProcedure', {
      ...p,
      procedureId: 'PROC-2',
      performedOn: date(treatedDay),
      weightKg,
      sedation: false,
      productLot: `LOT-${1 + (i % 40)}`,
      injections: [{ site: 'intravenous', cellsMillions: Math.max(100, weightKg) }],
    });
    sign(treatedDay + 18 * HOUR, 'PROC-1', 'approved');
    sign(treatedDay + 18.5 * HOUR, 'PROC-2', 'approved');
    push(treatedDay + DAY + 9 * HOUR, 'EndMedicationHold', {
      ...p,
      medicationClass: 'anticoagulant',
      endedOn: date(treatedDay + DAY),
    });
    push(treatedDay + 14 * DAY + 9 * HOUR, 'EndMedicationHold', {
      ...p,
      medicationClass: 'nsaid',
      endedOn: date(treatedDay + 14 * DAY),
    });

    // an adverse event, updated when it resolves, signed
    const aeDay = treatedDay + (2 + Math.floor(random() * 20)) * DAY;
    const serious = random() < 0.02;
    push(aeDay + 15 * HOUR, 'ReportAdverseEvent', {
      ...p,
      adverseEventId: 'AE-1',
      onsetOn: date(aeDay - DAY),
      term: serious ? 'Meningitis' : 'Injection site pain',
      bodySystem: serious ? 'Infections and infestations' : 'General disorders and administration site conditions',
      grade: serious ? 3 : 1,
      serious,
      seriousCriteria: serious ? ['hospitalization'] : [],
      relatedToProcedure: serious ? 'possible' : 'definite',
      relatedToProduct: serious ? 'possible' : 'unlikely',
      expected: !serious,
    });
    if (serious)
      push(aeDay + 5 * DAY + 15 * HOUR, 'RecordSafetyReportSubmitted', {
        ...p,
        adverseEventId: 'AE-1',
        recipient: 'irb',
        submittedOn: date(aeDay + 5 * DAY),
      });
    push(aeDay + 10 * DAY + 15 * HOUR, 'UpdateAdverseEvent', {
      ...p,
      adverseEventId: 'AE-1',
      changes: { outcome: 'recovered', resolvedOn: date(aeDay + 9 * DAY) },
    });
    sign(aeDay + 11 * DAY + 15 * HOUR, 'AE-1');

    // follow-up visits, each signed; a repeat spinal session after a year
    const withdrawn = random() < 0.03;
    for (const [visit, offset] of FOLLOW_UPS) {
      if (withdrawn && visit === 'm24') break;
      const day = treatedDay + offset * DAY;
      if (visit === 'm18') {
        const repeat = treatedDay + 400 * DAY;
        push(repeat - 7 * DAY + 11 * HOUR, 'StartMedicationHold', {
          ...p,
          medicationClass: 'nsaid',
          startedOn: date(repeat - 7 * DAY),
        });
        push(repeat + 13 * HOUR, 'RecordProcedure', {
          ...p,
          procedureId: 'PROC-3',
          performedOn: date(repeat),
          weightKg,
          sedation: false,
          productLot: 'LOT-R',
          injections: [
            { site: 'lumbar_epidural', level: 'L4-L5', cellsMillions: 22.5 },
            { site: 'lumbar_facet', level: 'L4-L5', side: 'left', cellsMillions: 2 },
            { site: 'lumbar_facet', level: 'L4-L5', side: 'right', cellsMillions: 2 },
          ],
        });
        push(repeat + 14 * DAY + 9 * HOUR, 'EndMedicationHold', {
          ...p,
          medicationClass: 'nsaid',
          endedOn: date(repeat + 14 * DAY),
        });
        if (random() < 0.05)
          push(repeat + 60 * DAY + 12 * HOUR, 'RecordSubsequentSurgery', {
            ...p,
            surgeryId: 'SURG-1',
            performedOn: date(repeat + 60 * DAY),
            description: 'lumbar fusion',
          });
      }
      if (random() < 0.1) continue; // missed visit
      const improvement = random() * 4;
      const id = `A-${visit.toUpperCase()}`;
      const quebec = Math.max(0, baselineQuebec - Math.floor(improvement * 6));
      push(day + 10 * HOUR, 'RecordAssessment', {
        ...p,
        assessmentId: id,
        visit,
        assessedOn: date(day),
        vas: Math.max(0, Math.round((baselineVas - improvement) * 10) / 10),
        quebec,
        globalImprovement: Math.floor(improvement * 20),
      });
      if (visit === 'm3') {
        push(day + 12 * HOUR, 'CorrectRecord', {
          ...p,
          recordId: id,
          changes: { quebec: quebec === 100 ? 99 : quebec + 1 },
          reason: 'transcription error',
        });
      }
      if (visit === 'm24' && random() < 0.1) {
        push(day + 12 * HOUR, 'VoidRecord', { ...p, recordId: id, reason: 'entered under the wrong participant' });
        push(day + 13 * HOUR, 'RecordAssessment', {
          ...p,
          assessmentId: `${id}-R`,
          visit,
          assessedOn: date(day),
          vas: baselineVas,
          quebec: baselineQuebec,
          globalImprovement: 0,
        });
      }
      sign(day + 16 * HOUR, id);
    }
    if (withdrawn)
      push(treatedDay + 600 * DAY + 9 * HOUR, 'WithdrawParticipant', {
        ...p,
        withdrawnOn: date(treatedDay + 600 * DAY),
        reason: 'lost_to_follow_up',
      });
  }
  // Recorded-time order, stable: the study's log never goes back in time.
  return entries
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((e) => JSON.stringify(e.line));
};
