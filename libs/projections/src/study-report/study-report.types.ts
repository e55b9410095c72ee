/** The IRB study report of report.md, exactly its shape. */
import type { FollowUpVisit, Visit, WithdrawalReason } from '../../../trial-domain/src';
import type { ExpeditedReport } from '../adverse-events/expedited';
import type { Deviation } from '../deviations/deviations';

export const AGE_BANDS = ['<35', '35-54', '>=55'] as const;
export const SEXES = ['male', 'female'] as const;
export const DURABILITY_VISITS = ['m6', 'm12', 'm18', 'm24'] as const;
export type DurabilityVisit = (typeof DURABILITY_VISITS)[number];
export const SUBGROUPS = ['herniated_disc', 'spondylolisthesis', 'prior_failed_surgery', 'baseline_vas_ge_8'] as const;
export type Subgroup = (typeof SUBGROUPS)[number];

export interface Flow {
  consented: number;
  screenFailed: number;
  enrolled: number;
  treated: number;
  withdrawn: Record<WithdrawalReason, number>;
}

export interface Demographics {
  n: number;
  age: Record<string, number>;
  sex: Record<string, number>;
  bmi: Record<string, number>;
}

export interface VisitMeans {
  n: number;
  vas: number | null;
  quebec: number | null;
  gi: number | null;
}

export interface Slice {
  population: number;
  followUp: Record<FollowUpVisit, { assessed: number; due: number }>;
  efficacy: Record<FollowUpVisit, { responders: number; assessed: number }>;
  durability: Record<DurabilityVisit, { continued: number; responders: number }>;
  means: Record<Visit, VisitMeans>;
}

export interface ArmSafety {
  participants: number;
  participantsWithAe: number;
  adverseEvents: number;
  seriousAdverseEvents: number;
}

export interface Safety {
  participantsExposed: number;
  participantsWithAe: number;
  participantsWithSae: number;
  adverseEvents: number;
  seriousAdverseEvents: number;
  deaths: number;
  byGrade: Record<'1' | '2' | '3' | '4' | '5', number>;
  bySeriousCriterion: Record<string, number>;
  byBodySystem: Record<string, number>;
  relatedToProduct: Record<string, number>;
  byArm: Record<string, ArmSafety>;
  expedited: ExpeditedReport[];
}

export interface StudyReport {
  studyId: string;
  /** The requested instant, as ISO `...Z`. */
  asOf: string;
  eventsApplied: number;
  flow: Flow;
  demographics: Record<string, Demographics>;
  slices: Record<string, Slice>;
  survivorship: { atRisk: number; surgeryFree: number };
  safety: Safety;
  deviations: { byCode: Record<string, number>; items: Deviation[] };
}
