/**
 * Efficacy outcomes (protocol.md). MCID (clinically significant improvement) at a follow-up visit:
 * VAS fell by at least 2 points from baseline, or global improvement is at least 30%, or the
 * Quebec score fell by at least 15 points from baseline; a missing baseline only disables the two
 * components that need it. Initial responder: MCID at m3. All thresholds on exact decimals.
 */
import {
  add,
  dayNumber,
  decimal,
  DECIMAL_ZERO,
  divideToDouble,
  fellBy,
  FOLLOW_UP_VISITS,
  gte,
  VISITS,
  type AssessmentFields,
  type Decimal,
  type FollowUpVisit,
  type Visit,
  current,
  type ParticipantState as ParticipantRecord,
  type Treatment,
} from '../../../trial-domain/src';
import { DURABILITY_VISITS, type Slice, type Subgroup, type VisitMeans } from './study-report.types';

export const MCID_VAS_FALL = 2;
export const MCID_GLOBAL_IMPROVEMENT = 30;
export const MCID_QUEBEC_FALL = 15;
export const BASELINE_VAS_SUBGROUP_MIN = 8;

/** Nominal day of each follow-up visit, from the treatment date. */
export const NOMINAL_DAY: Readonly<Record<FollowUpVisit, number>> = {
  m1: 30,
  m3: 91,
  m6: 182,
  m12: 365,
  m18: 547,
  m24: 730,
};

/** The participant's non-voided assessment per visit (the first entered, should there be two). */
export const assessmentsByVisit = (p: ParticipantRecord): Map<Visit, AssessmentFields> => {
  const out = new Map<Visit, AssessmentFields>();
  for (const a of current(p.assessments).sort((x, y) => x.order - y.order)) {
    if (!out.has(a.fields.visit)) out.set(a.fields.visit, a.fields);
  }
  return out;
};

export const hasMcid = (at: AssessmentFields, baseline: AssessmentFields | undefined): boolean =>
  (baseline !== undefined && fellBy(baseline.vas, at.vas, MCID_VAS_FALL)) ||
  (at.globalImprovement !== undefined &&
    at.globalImprovement !== null &&
    gte(at.globalImprovement, MCID_GLOBAL_IMPROVEMENT)) ||
  (baseline !== undefined && fellBy(baseline.quebec, at.quebec, MCID_QUEBEC_FALL));

const perVisitFrom = <K extends string, V>(keys: readonly K[], make: (k: K) => V): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, V>;
const perVisit = <K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> =>
  perVisitFrom(keys, () => make());

/** What a treated participant contributes to the slices. */
export interface TreatedOutcome {
  readonly participantId: string;
  readonly arm: string;
  readonly treatmentDate: string;
  readonly subgroups: readonly Subgroup[];
  readonly visits: ReadonlyMap<Visit, AssessmentFields>;
  readonly mcid: ReadonlyMap<FollowUpVisit, boolean>;
  /** Day number (days since 1970-01-01) of the treatment date plus each visit's nominal day. */
  readonly nominalDays: Readonly<Record<FollowUpVisit, number>>;
}

export const treatedOutcome = (p: ParticipantRecord, t: Treatment): TreatedOutcome => {
  const visits = assessmentsByVisit(p);
  const baseline = visits.get('baseline');
  const mcid = new Map<FollowUpVisit, boolean>();
  for (const v of FOLLOW_UP_VISITS) {
    const at = visits.get(v);
    if (at !== undefined) mcid.set(v, hasMcid(at, baseline));
  }
  const e = p.enrollment?.fields;
  const subgroups: Subgroup[] = [];
  if (e?.diagnoses?.includes('herniated_disc')) subgroups.push('herniated_disc');
  if (e?.diagnoses?.includes('spondylolisthesis')) subgroups.push('spondylolisthesis');
  if (e?.priorFailedBackSurgery === true) subgroups.push('prior_failed_surgery');
  if (baseline !== undefined && gte(baseline.vas, BASELINE_VAS_SUBGROUP_MIN)) subgroups.push('baseline_vas_ge_8');
  const treatedOn = dayNumber(t.treatmentDate);
  const nominalDays = perVisitFrom(FOLLOW_UP_VISITS, (v) => treatedOn + NOMINAL_DAY[v]);
  return {
    participantId: p.participantId,
    arm: t.arm,
    treatmentDate: t.treatmentDate,
    subgroups,
    visits,
    mcid,
    nominalDays,
  };
};

/**
 * Score totals of a visit, kept exact: each score as written (its shortest decimal) summed as a
 * scaled BigInt, so that the mean is the exact total over n and only then a double (report.md:
 * the mean of 3.9, 4.0 and 4.1 is 4). Summing doubles instead rounds at every step, and the
 * result depends on the order participants are met in: a report diff could then show a mean
 * "changing" in its 16th digit when only the order of equal totals did.
 */
export interface ScoreTotals {
  n: number;
  vas: Decimal;
  quebec: Decimal;
  giN: number;
  gi: Decimal;
}

/** Running sums of a slice; `sliceOf` turns them into report.md's shape. */
export interface SliceAccumulator {
  population: number;
  followUp: Record<FollowUpVisit, { assessed: number; due: number }>;
  efficacy: Record<FollowUpVisit, { responders: number; assessed: number }>;
  durability: Record<(typeof DURABILITY_VISITS)[number], { continued: number; responders: number }>;
  sums: Record<Visit, ScoreTotals>;
}

export const newSliceAccumulator = (): SliceAccumulator => ({
  population: 0,
  followUp: perVisit(FOLLOW_UP_VISITS, () => ({ assessed: 0, due: 0 })),
  efficacy: perVisit(FOLLOW_UP_VISITS, () => ({ responders: 0, assessed: 0 })),
  durability: perVisit(DURABILITY_VISITS, () => ({ continued: 0, responders: 0 })),
  sums: perVisit(VISITS, () => ({ n: 0, vas: DECIMAL_ZERO, quebec: DECIMAL_ZERO, giN: 0, gi: DECIMAL_ZERO })),
});

/** Adds a treated participant to a slice, as of `asOfDay` (day number of the as-of UTC date). */
export const addToSlice = (acc: SliceAccumulator, o: TreatedOutcome, asOfDay: number): void => {
  acc.population += 1;
  for (const v of FOLLOW_UP_VISITS) {
    const assessed = o.visits.has(v);
    if (assessed) {
      acc.followUp[v].assessed += 1;
      acc.efficacy[v].assessed += 1;
      if (o.mcid.get(v) === true) acc.efficacy[v].responders += 1;
    }
    if (assessed || o.nominalDays[v] <= asOfDay) acc.followUp[v].due += 1;
  }
  if (o.mcid.get('m3') === true) {
    for (const v of DURABILITY_VISITS) {
      if (!o.visits.has(v)) continue;
      acc.durability[v].responders += 1;
      if (o.mcid.get(v) === true) acc.durability[v].continued += 1;
    }
  }
  for (const v of VISITS) {
    const a = o.visits.get(v);
    if (a === undefined) continue;
    const s = acc.sums[v];
    s.n += 1;
    s.vas = add(s.vas, decimal(a.vas));
    s.quebec = add(s.quebec, decimal(a.quebec));
    if (v !== 'baseline' && a.globalImprovement !== undefined && a.globalImprovement !== null) {
      s.giN += 1;
      s.gi = add(s.gi, decimal(a.globalImprovement));
    }
  }
};

/** Each mean is the exact total over its count, given as the nearest double (divideToDouble). */
const meansOf = (s: ScoreTotals): VisitMeans =>
  s.n === 0
    ? { n: 0, vas: null, quebec: null, gi: null }
    : {
        n: s.n,
        vas: divideToDouble(s.vas, s.n),
        quebec: divideToDouble(s.quebec, s.n),
        gi: s.giN === 0 ? null : divideToDouble(s.gi, s.giN),
      };

export const sliceOf = (acc: SliceAccumulator): Slice => ({
  population: acc.population,
  followUp: acc.followUp,
  efficacy: acc.efficacy,
  durability: acc.durability,
  means: perVisitFrom(VISITS, (v) => meansOf(acc.sums[v])),
});
