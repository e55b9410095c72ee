// The clinical facts of each participant other than scores: enrollment details
// (Table 1 bands), medication holds and treatment sessions with the protocol's
// doses ("Injection Protocol" and "Medications" of the paper).

import { addDays, Random, weekday } from './calendar';
import type { MedicationClass, ParticipantRow } from './participants';

export interface Enrollment {
  ageYears: number;
  sex: 'male' | 'female';
  heightCm: number;
  weightKg: number;
  painRegions: Array<'lumbar' | 'cervical'>;
  painDurationMonths: number;
  failedPhysicalTherapy: true;
  axialPainWorseThanLegPain: true;
  diagnoses: string[];
  priorFailedBackSurgery: boolean;
  currentMedications: MedicationClass[];
}

export interface Injection {
  site: string;
  level?: string;
  side?: 'left' | 'right';
  cellsMillions: number;
}

export interface Session {
  performedOn: string;
  /** one procedure, or the spinal injections and the infusion as two */
  procedures: Array<{ sedation: boolean; injections: Injection[] }>;
}

const AGE_RANGES = { '<35': [24, 33], '35-54': [36, 53], '>=55': [56, 82] } as const;
/** BMI targets well inside the paper's bands (18.5-24.9, 25.0-29.9, >30). */
const BMI_RANGES = { '<25': [19.5, 24.3], '25-29.9': [25.6, 29.3], '>=30': [30.8, 36.5] } as const;
const AGE_EDGES: Record<string, number> = { 'MSC-021': 35, 'MSC-023': 54 };

export function enrollmentOf(row: ParticipantRow): Enrollment {
  const r = new Random(`${row.id}/enrollment`);
  const [aLo, aHi] = AGE_RANGES[row.age];
  const height = row.sex === 'male' ? r.int(168, 189) : r.int(155, 171);
  const [bLo, bHi] = BMI_RANGES[row.bmi];
  const bmi = bLo + (bHi - bLo) * r.next();
  // weight in kg to one decimal, from BMI = kg / m^2
  const weight = Math.round((bmi * height * height) / 1000) / 10;
  // MSC-018: a BMI of exactly 25.0 (64 kg at 160 cm), the lower bound of 25-29.9
  const [heightCm, weightKg] = row.id === 'MSC-018' ? [160, 64] : [height, weight];
  return {
    ageYears: AGE_EDGES[row.id] ?? r.int(aLo, aHi),
    sex: row.sex,
    heightCm,
    weightKg,
    painRegions: row.arm.includes('C_FACET')
      ? row.arm.includes('L_FACET')
        ? ['lumbar', 'cervical']
        : ['cervical']
      : ['lumbar'],
    painDurationMonths: row.id === 'MSC-003' ? 13 : r.int(14, 144),
    failedPhysicalTherapy: true,
    axialPainWorseThanLegPain: true,
    diagnoses: row.diagnoses,
    priorFailedBackSurgery: row.priorFailedBackSurgery,
    currentMedications: row.medications,
  };
}

/**
 * Hold windows around a session, in days from it. The paper gives no durations:
 * NSAIDs, corticosteroids, opiates and aspirin are stopped "before and after
 * treatment", anticoagulants before it and "re-started the day after".
 */
export const HOLD_DAYS: Record<MedicationClass, { start: number; end: number }> = {
  corticosteroid: { start: -14, end: 14 },
  nsaid: { start: -7, end: 14 },
  aspirin: { start: -7, end: 14 },
  opiate: { start: -7, end: 7 },
  anticoagulant: { start: -5, end: 1 },
};

const LUMBAR_FACETS = ['L2-L3', 'L3-L4', 'L4-L5'];
const CERVICAL_FACETS = ['C3-C4', 'C4-C5', 'C5-C6'];
const DISKS = ['L4-L5', 'L5-S1'];

function facets(site: string, levels: string[], dose: number): Injection[] {
  return levels.flatMap((level) =>
    (['left', 'right'] as const).map((side) => ({ site, level, side, cellsMillions: dose })),
  );
}

function spinal(r: Random, parts: { lFacet: boolean; cFacet: boolean; disk: boolean }, id: string): Injection[] {
  const facetDose = id === 'MSC-014' ? 1.5 : id === 'MSC-021' ? 3 : r.pick([2, 2.5]);
  const diskDoses = id === 'MSC-023' ? [22.5, 27.5] : [25, 25];
  return [
    {
      site: 'lumbar_epidural',
      level: 'L4-L5',
      cellsMillions: r.pick([20, 21, 22, 22.5, 23, 24, 25]),
    },
    ...(parts.lFacet ? facets('lumbar_facet', LUMBAR_FACETS, facetDose) : []),
    ...(parts.cFacet ? facets('cervical_facet', CERVICAL_FACETS, facetDose) : []),
    ...(parts.disk
      ? DISKS.map((level, i) => ({
          site: 'intradiscal',
          level,
          cellsMillions: diskDoses[i] ?? 25,
        }))
      : []),
  ];
}

/** "At least 100 million stem cells intravenously ... approximately 1 million per kg." */
export const ivDose = (weightKg: number): number => Math.max(100, 5 * Math.round(weightKg / 5));

/** Whether the site entered the infusion as a procedure of its own. */
const separateInfusion = (row: ParticipantRow, index: number): boolean => index % 4 === 3 || row.id === 'MSC-027';

export function sessionsOf(row: ParticipantRow, index: number, weightKg: number): Session[] {
  const r = new Random(`${row.id}/procedures`);
  const disk = row.arm.includes('DISK');
  const first = spinal(r, { lFacet: row.arm.includes('L_FACET'), cFacet: row.arm.includes('C_FACET'), disk }, row.id);
  const iv: Injection = { site: 'intravenous', cellsMillions: ivDose(weightKg) };
  const sessions: Session[] = [
    {
      performedOn: row.treatedOn,
      procedures: separateInfusion(row, index)
        ? [
            { sedation: disk, injections: first },
            { sedation: false, injections: [iv] },
          ]
        : [{ sedation: disk, injections: [...first, iv] }],
    },
  ];
  if (row.story === 'repeat-spinal-with-disks') {
    // "we repeated the epidural and facet joint injection and injected two lumbar
    // disks in addition": a later spinal session, with sedation, no infusion
    sessions.push({
      performedOn: weekday(addDays(row.treatedOn, r.int(200, 225))),
      procedures: [{ sedation: true, injections: spinal(r, { lFacet: true, cFacet: false, disk: true }, '') }],
    });
  }
  if (row.story === 'repeat-iv') {
    // "She elected to repeat only the IV infusion"
    sessions.push({
      performedOn: weekday(addDays(row.treatedOn, r.int(230, 240))),
      procedures: [{ sedation: false, injections: [iv] }],
    });
  }
  return sessions;
}
