// The 48 participants of the example cohort MSC-SPINE-1, one row each, in
// treatment order. Everything the paper publishes about a patient is in the row;
// the generator derives the rest (exact ages, heights, weights, scores, dates)
// deterministically from it.
//
// outcome: one character per follow-up visit m1, m3, m6, m12, m18:
//   '+' assessed with MCID, '-' assessed without MCID, '.' not assessed.
// The rows were chosen so that the counts of docs/paper-reconciliation.md come out
// exactly; scripts/example-cohort/verify.ts recomputes them from the output.

export const VISITS = ['m1', 'm3', 'm6', 'm12', 'm18'] as const;
export type FollowUpVisit = (typeof VISITS)[number];

export const ARMS = [
  'L_EPI',
  'L_EPI+L_FACET',
  'L_EPI+C_FACET',
  'L_EPI+L_FACET+C_FACET',
  'L_EPI+L_FACET+DISK',
  'L_EPI+DISK',
] as const;
export type Arm = (typeof ARMS)[number];

export type AgeBand = '<35' | '35-54' | '>=55';
export type BmiBand = '<25' | '25-29.9' | '>=30';
export type Diagnosis =
  'herniated_disc' | 'spondylolisthesis' | 'degenerative_disc' | 'spinal_stenosis' | 'facet_arthropathy';
export type MedicationClass = 'nsaid' | 'corticosteroid' | 'opiate' | 'anticoagulant' | 'aspirin';

/** What the paper's narrative says happened to a few patients (Results section). */
export type Story =
  | ''
  | 'repeat-spinal-with-disks' // "Repeat Back Injections", patients 1 and 2
  | 'repeat-iv' // "Repeat Intravenous Infusions"
  | 'surgery-improved' // two of the three later back surgeries
  | 'surgery-not-improved'
  | 'lost-after-m1';

export interface ParticipantRow {
  id: string;
  treatedOn: string;
  arm: Arm;
  outcome: string;
  diagnoses: Diagnosis[];
  priorFailedBackSurgery: boolean;
  /** baseline VAS >= 8 (the paper's "Pre-VAS >= 8" subgroup) */
  severe: boolean;
  sex: 'male' | 'female';
  age: AgeBand;
  bmi: BmiBand;
  medications: MedicationClass[];
  story: Story;
}

const DX: Record<string, Diagnosis> = {
  HD: 'herniated_disc',
  SP: 'spondylolisthesis',
  DDD: 'degenerative_disc',
  STEN: 'spinal_stenosis',
  FA: 'facet_arthropathy',
};
const MEDS: Record<string, MedicationClass> = {
  NSAID: 'nsaid',
  CS: 'corticosteroid',
  OPI: 'opiate',
  AC: 'anticoagulant',
  ASA: 'aspirin',
};

// id, treatment date, arm, outcome, diagnoses, PFS (prior failed back surgery)
// and V8 (baseline VAS >= 8), sex, age band, BMI band, medications, story
type Row = [string, string, Arm, string, string, string, 'M' | 'F', AgeBand, BmiBand, string, Story?];

// prettier-ignore
const ROWS: Row[] = [
  ['MSC-001', '2023-01-10', 'L_EPI+L_FACET', '-----', 'SP STEN', '', 'M', '>=55', '<25', 'NSAID'],
  ['MSC-002', '2023-01-18', 'L_EPI+L_FACET+DISK', '-+.++', 'HD DDD FA', 'PFS', 'M', '35-54', '25-29.9', 'NSAID'],
  ['MSC-003', '2023-01-26', 'L_EPI+L_FACET+DISK', '-+---', 'DDD', '', 'M', '35-54', '25-29.9', 'ASA'],
  ['MSC-004', '2023-02-03', 'L_EPI+L_FACET', '+.---', 'HD FA STEN', '', 'F', '>=55', '>=30', 'OPI ASA AC'],
  ['MSC-005', '2023-02-13', 'L_EPI+L_FACET', '+++++', 'SP', 'PFS', 'M', '>=55', '<25', 'NSAID'],
  ['MSC-006', '2023-02-20', 'L_EPI+L_FACET', '-----', 'SP', 'V8', 'M', '>=55', '25-29.9', ''],
  ['MSC-007', '2023-02-27', 'L_EPI+L_FACET+DISK', '++++-', 'HD DDD FA', 'V8', 'M', '>=55', '25-29.9', 'NSAID OPI CS'],
  ['MSC-008', '2023-03-07', 'L_EPI+L_FACET', '+++++', 'DDD', '', 'M', '>=55', '>=30', 'NSAID CS', 'repeat-spinal-with-disks'],
  ['MSC-009', '2023-03-15', 'L_EPI+L_FACET+DISK', '-+++-', 'DDD FA', '', 'M', '<35', '25-29.9', 'ASA'],
  ['MSC-010', '2023-03-23', 'L_EPI+L_FACET+DISK', '++.++', 'DDD FA STEN', 'V8', 'M', '>=55', '25-29.9', 'NSAID'],
  ['MSC-011', '2023-03-31', 'L_EPI+L_FACET+C_FACET', '++.++', 'HD FA', 'V8', 'F', '>=55', '<25', 'NSAID'],
  ['MSC-012', '2023-04-10', 'L_EPI+L_FACET', '-----', 'SP FA', '', 'M', '>=55', '<25', 'NSAID ASA'],
  ['MSC-013', '2023-04-17', 'L_EPI', '+.---', 'DDD', '', 'M', '>=55', '<25', ''],
  ['MSC-014', '2023-04-25', 'L_EPI+L_FACET', '++++.', 'SP', '', 'M', '>=55', '25-29.9', 'OPI', 'surgery-improved'],
  ['MSC-015', '2023-05-03', 'L_EPI+L_FACET', '+....', 'DDD', '', 'M', '35-54', '25-29.9', 'NSAID OPI ASA', 'lost-after-m1'],
  ['MSC-016', '2023-05-11', 'L_EPI', '++--.', 'HD SP', 'V8', 'M', '>=55', '25-29.9', 'NSAID', 'surgery-not-improved'],
  ['MSC-017', '2023-05-19', 'L_EPI', '+++++', 'STEN', 'PFS', 'M', '>=55', '>=30', 'NSAID OPI', 'repeat-spinal-with-disks'],
  ['MSC-018', '2023-05-29', 'L_EPI', '+.---', 'DDD', '', 'F', '>=55', '25-29.9', ''],
  ['MSC-019', '2023-06-05', 'L_EPI+L_FACET', '++---', 'DDD', 'V8', 'M', '35-54', '>=30', 'NSAID OPI ASA'],
  ['MSC-020', '2023-06-12', 'L_EPI+L_FACET', '+....', 'STEN', '', 'M', '>=55', '25-29.9', 'NSAID', 'lost-after-m1'],
  ['MSC-021', '2023-06-20', 'L_EPI+L_FACET', '++++.', 'SP', '', 'F', '35-54', '<25', 'NSAID', 'surgery-improved'],
  ['MSC-022', '2023-07-18', 'L_EPI+L_FACET+C_FACET', '+.--.', 'FA', 'V8', 'F', '>=55', '>=30', 'NSAID OPI AC'],
  ['MSC-023', '2023-08-04', 'L_EPI+L_FACET+DISK', '.++-.', 'DDD', 'V8', 'F', '35-54', '>=30', 'NSAID OPI'],
  ['MSC-024', '2023-08-21', 'L_EPI+L_FACET', '++++.', 'HD SP', 'PFS V8', 'M', '>=55', '<25', 'CS AC'],
  ['MSC-025', '2023-09-07', 'L_EPI+L_FACET+DISK', '-+++.', 'HD SP DDD FA', '', 'F', '35-54', '<25', 'OPI'],
  ['MSC-026', '2023-09-25', 'L_EPI+L_FACET', '++++.', 'HD SP', 'PFS V8', 'M', '<35', '<25', 'OPI'],
  ['MSC-027', '2023-10-12', 'L_EPI+C_FACET', '++++.', 'HD', 'V8', 'M', '35-54', '25-29.9', ''],
  ['MSC-028', '2023-10-30', 'L_EPI+C_FACET', '++++.', 'HD', 'V8', 'F', '>=55', '25-29.9', ''],
  ['MSC-029', '2023-11-15', 'L_EPI+L_FACET', '++++.', 'HD SP', 'PFS V8', 'M', '>=55', '<25', 'NSAID ASA'],
  ['MSC-030', '2023-12-04', 'L_EPI+L_FACET', '++++.', 'HD FA', '', 'F', '>=55', '<25', 'NSAID'],
  ['MSC-031', '2023-12-19', 'L_EPI+L_FACET', '++++.', 'HD FA', '', 'F', '>=55', '<25', 'NSAID', 'repeat-iv'],
  ['MSC-032', '2024-01-09', 'L_EPI+L_FACET+C_FACET', '+++..', 'HD FA STEN', '', 'F', '>=55', '<25', 'OPI ASA'],
  ['MSC-033', '2024-01-29', 'L_EPI+L_FACET+DISK', '-++..', 'DDD STEN', 'PFS', 'M', '>=55', '25-29.9', ''],
  ['MSC-034', '2024-02-14', 'L_EPI+L_FACET+DISK', '-+-..', 'HD DDD', '', 'M', '>=55', '25-29.9', 'NSAID'],
  ['MSC-035', '2024-03-04', 'L_EPI+L_FACET+DISK', '---..', 'HD SP DDD', '', 'M', '>=55', '<25', 'NSAID'],
  ['MSC-036', '2024-03-21', 'L_EPI+C_FACET', '+++..', 'DDD', 'V8', 'M', '35-54', '>=30', 'NSAID'],
  ['MSC-037', '2024-04-08', 'L_EPI+L_FACET', '---..', 'HD FA STEN', '', 'M', '>=55', '>=30', 'NSAID'],
  ['MSC-038', '2024-04-25', 'L_EPI+C_FACET', '+++..', 'STEN', 'V8', 'M', '>=55', '25-29.9', 'OPI'],
  ['MSC-039', '2024-05-13', 'L_EPI+L_FACET+DISK', '+++..', 'HD SP DDD FA STEN', 'V8', 'M', '>=55', '25-29.9', 'NSAID ASA'],
  ['MSC-040', '2024-05-31', 'L_EPI+C_FACET', '+++..', 'DDD', 'V8', 'M', '>=55', '<25', ''],
  ['MSC-041', '2024-06-18', 'L_EPI+L_FACET', '+--..', 'STEN', 'PFS', 'M', '>=55', '25-29.9', 'NSAID CS'],
  ['MSC-042', '2024-07-09', 'L_EPI+L_FACET', '--...', 'DDD', '', 'M', '>=55', '25-29.9', 'NSAID'],
  ['MSC-043', '2024-08-01', 'L_EPI+L_FACET', '--...', 'FA', '', 'F', '>=55', '25-29.9', 'ASA'],
  ['MSC-044', '2024-08-26', 'L_EPI+DISK', '--...', 'HD DDD', '', 'M', '>=55', '25-29.9', ''],
  ['MSC-045', '2024-09-17', 'L_EPI+L_FACET+C_FACET', '--...', 'DDD', 'V8', 'M', '>=55', '<25', ''],
  ['MSC-046', '2024-10-22', 'L_EPI+L_FACET', '+....', 'HD', 'PFS', 'F', '<35', '25-29.9', 'OPI'],
  ['MSC-047', '2024-11-19', 'L_EPI+L_FACET+C_FACET', '+....', 'FA', '', 'M', '35-54', '25-29.9', ''],
  ['MSC-048', '2024-12-10', 'L_EPI+L_FACET', '.....', 'HD STEN', '', 'M', '>=55', '>=30', 'NSAID AC'],
];

const words = (s: string): string[] => s.split(' ').filter((w) => w !== '');

function lookup<T>(table: Record<string, T>, key: string): T {
  const value = table[key];
  if (value === undefined) throw new Error(`unknown code ${key}`);
  return value;
}

export const PARTICIPANTS: readonly ParticipantRow[] = ROWS.map(
  ([id, treatedOn, arm, outcome, dx, flags, sex, age, bmi, meds, story]) => ({
    id,
    treatedOn,
    arm,
    outcome,
    diagnoses: words(dx).map((d) => lookup(DX, d)),
    priorFailedBackSurgery: words(flags).includes('PFS'),
    severe: words(flags).includes('V8'),
    sex: sex === 'M' ? 'male' : 'female',
    age,
    bmi,
    medications: words(meds).map((m) => lookup(MEDS, m)),
    story: story ?? '',
  }),
);

/** The outcome character of a row at a visit: '+', '-' or '.'. */
export function outcomeAt(row: ParticipantRow, visit: FollowUpVisit): string {
  return row.outcome.charAt(VISITS.indexOf(visit));
}
