// The numbers of the seed paper (Prodromos et al. 2025, Chron Pain Manag 9: 168)
// that the example cohort reproduces, as the report's slices name them. Where the
// paper contradicts itself, the value kept here is the one chosen in
// docs/paper-reconciliation.md. Only published cells appear: the cohort's own
// values for the others (subgroup m1 and m18 efficacy, for example) are printed by
// verify.ts but not compared.

import type { Arm, FollowUpVisit } from './participants';

export type Fraction = readonly [numerator: number, denominator: number];

export interface PublishedSlice {
  population: number;
  /** assessed at the visit (Follow-Up paragraphs) */
  followUp: Partial<Record<FollowUpVisit, number>>;
  /** responders / assessed (Table 2, Efficacy paragraphs) */
  efficacy: Partial<Record<FollowUpVisit, Fraction>>;
  /** continued / initial responders assessed (Table 3, Duration paragraphs) */
  durability: Partial<Record<'m6' | 'm12' | 'm18', Fraction>>;
}

/** The report's slice name, or a union of arms that the paper reports together. */
export const PUBLISHED: Record<string, PublishedSlice> = {
  all: {
    population: 48,
    followUp: { m1: 46, m3: 39, m6: 36, m12: 29, m18: 16 },
    efficacy: { m1: [31, 46], m3: [29, 39], m6: [22, 36], m12: [18, 29] },
    durability: { m6: [22, 26], m12: [18, 22], m18: [6, 10] },
  },
  'subgroup:herniated_disc': {
    population: 21,
    followUp: { m3: 18, m6: 16, m12: 13 },
    efficacy: { m3: [15, 18], m6: [11, 16], m12: [11, 13] },
    durability: { m6: [11, 13], m12: [11, 12], m18: [2, 3] },
  },
  'subgroup:spondylolisthesis': {
    population: 13,
    followUp: { m3: 13, m6: 13, m12: 11 },
    efficacy: { m3: [9, 13], m6: [8, 13], m12: [7, 11] },
    durability: { m6: [8, 9], m12: [7, 8], m18: [1, 1] },
  },
  'subgroup:prior_failed_surgery': {
    population: 9,
    followUp: { m3: 8, m6: 7, m12: 6 },
    efficacy: { m3: [7, 8], m6: [6, 7], m12: [6, 6] },
    durability: { m6: [6, 6], m12: [6, 6], m18: [3, 3] },
  },
  'subgroup:baseline_vas_ge_8': {
    population: 18,
    followUp: { m3: 17, m6: 15, m12: 13 },
    efficacy: { m3: [15, 17], m6: [11, 15], m12: [8, 13] },
    durability: { m6: [11, 13], m12: [8, 11], m18: [2, 4] },
  },
  // Table 2/3 "L Epidural + Facet* + Disk Inj" (denominator 11: the arm, without
  // the single L_EPI+DISK patient)
  'arm:L_EPI+L_FACET+DISK': {
    population: 11,
    followUp: { m3: 11, m6: 9, m12: 7 },
    efficacy: { m3: [10, 11], m6: [6, 9], m12: [5, 7] },
    durability: { m6: [6, 8], m12: [5, 7], m18: [2, 5] },
  },
  // Table 2/3 "C Facet + L Epidural" and the abstract's neck pain patients: the
  // union of the two cervical-facet arms (not a slice of the report)
  'arm:L_EPI+C_FACET + arm:L_EPI+L_FACET+C_FACET': {
    population: 10,
    followUp: { m3: 8, m6: 7, m12: 4 },
    efficacy: { m3: [7, 8], m6: [6, 7], m12: [3, 4] },
    durability: { m6: [6, 6], m12: [3, 3], m18: [1, 1] },
  },
};

export interface Bands {
  n: number;
  age: { '<35': number; '35-54': number; '>=55': number };
  sex: { male: number; female: number };
  bmi: { '<25': number; '25-29.9': number; '>=30': number };
}

const bands = (
  n: number,
  [a1, a2, a3]: [number, number, number],
  [male, female]: [number, number],
  [b1, b2, b3]: [number, number, number],
): Bands => ({
  n,
  age: { '<35': a1, '35-54': a2, '>=55': a3 },
  sex: { male, female },
  bmi: { '<25': b1, '25-29.9': b2, '>=30': b3 },
});

/** Table 1, read column by column (its blank cells are zeros). */
export const TABLE_1: Record<Arm | 'all', Bands> = {
  all: bands(48, [3, 10, 35], [35, 13], [16, 23, 9]),
  L_EPI: bands(4, [0, 0, 4], [3, 1], [1, 2, 1]),
  'L_EPI+L_FACET': bands(22, [2, 3, 17], [16, 6], [9, 8, 5]),
  'L_EPI+C_FACET': bands(5, [0, 2, 3], [4, 1], [1, 3, 1]),
  'L_EPI+L_FACET+C_FACET': bands(5, [0, 1, 4], [2, 3], [3, 1, 1]),
  'L_EPI+L_FACET+DISK': bands(11, [1, 4, 6], [9, 2], [2, 8, 1]),
  'L_EPI+DISK': bands(1, [0, 0, 1], [1, 0], [0, 1, 0]),
};

/** Table 4 "Mean Improvement of All Patients": VAS, Quebec and GI (%) means. */
export const TABLE_4_MEANS: Record<'baseline' | FollowUpVisit, { vas: number; quebec: number; gi: number | null }> = {
  baseline: { vas: 6.7, quebec: 32, gi: null },
  m1: { vas: 4.1, quebec: 21, gi: 43 },
  m3: { vas: 4.0, quebec: 21, gi: 47 },
  m6: { vas: 4.0, quebec: 21, gi: 48 },
  m12: { vas: 3.6, quebec: 18, gi: 50 },
  m18: { vas: 3.3, quebec: 13, gi: 38 },
};

/**
 * The data lock: every record of the cohort is entered by then. As of that day,
 * 31 patients are a year past treatment and 3 of them had later surgery
 * ("3 of 31 patients, 10%").
 */
export const DATA_LOCK = '2024-12-31';
export const SURVIVORSHIP_AT_DATA_LOCK = { atRisk: 31, surgeryFree: 28 };
