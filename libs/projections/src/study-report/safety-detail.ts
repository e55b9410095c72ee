/**
 * What the rendered report shows beside report.md's safety counts (docs/decisions/0012): the
 * expedited events with their term, grade, criteria and both clocks; treatment-emergent adverse
 * events among the exposed with each participant's worst grade; relatedness to the procedure beside
 * relatedness to the product; and surgery-free survival as a Kaplan-Meier estimate. report.md's
 * JSON is left exactly as it is: these are derived from the same participant states (the
 * domain's one fold) as of the same instant, and passed to the renderer beside the report.
 */
import {
  current,
  daysBetween,
  RELATEDNESS,
  treatmentOf,
  type ParticipantState,
  type Relatedness,
} from '../../../trial-domain/src';
import { participantAdverseEvents, type AdverseEventListingEntry } from '../safety-desk/safety-listing';
import { SURVIVORSHIP_MIN_DAYS } from './compute-study-report';
import { kaplanMeier, survivalAt, type KaplanMeierStep, type SurvivalObservation } from './kaplan-meier';

export const GRADES = ['1', '2', '3', '4', '5'] as const;

/** Treatment-emergent adverse events (onset on or after the treatment date) of treated participants. */
export interface TreatmentEmergentRow {
  /** Treated participants. */
  readonly exposed: number;
  /** Of them, those with at least one treatment-emergent event. */
  readonly withEvent: number;
  readonly events: number;
  readonly seriousEvents: number;
  /** Participants by the worst grade of their treatment-emergent events. */
  readonly worstGrade: Readonly<Record<(typeof GRADES)[number], number>>;
}

export interface SurvivalCurve {
  readonly steps: readonly KaplanMeierStep[];
  /** Treated participants followed. */
  readonly participants: number;
  readonly events: number;
  /** Censored at their withdrawal date. */
  readonly withdrawn: number;
  /** The estimate at 365 days, comparable with the paper's crude proportion; null when nobody is followed that long. */
  readonly at365: number | null;
}

export interface ReportSafetyDetail {
  readonly asOfDate: string;
  /** The listing's expedited entries (safety.md), with the regulator's clock. */
  readonly expedited: readonly AdverseEventListingEntry[];
  /** Keyed `all` and by arm. */
  readonly treatmentEmergent: Readonly<Record<string, TreatmentEmergentRow>>;
  /** Non-voided events (every participant, as report.md counts relatedness) by relatedness. */
  readonly relatedness: Readonly<Record<Relatedness, { readonly procedure: number; readonly product: number }>>;
  readonly survival: SurvivalCurve;
}

const newRow = (): { -readonly [K in keyof TreatmentEmergentRow]: TreatmentEmergentRow[K] } => ({
  exposed: 0,
  withEvent: 0,
  events: 0,
  seriousEvents: 0,
  worstGrade: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
});

/**
 * Surgery-free survival from the treatment date: the first non-voided subsequent surgery is the
 * event (a surgery dated before treatment counts at day 0, as the crude proportion counts a
 * surgery whatever its date); a participant withdrawn on or before the as-of date is censored at
 * the withdrawal date (unless operated on by then), every other at the as-of date.
 */
export const survivalObservation = (p: ParticipantState, asOfDate: string): SurvivalObservation | null => {
  const t = treatmentOf(p);
  if (t === null) return null;
  const withdrawnOn = p.withdrawal !== null && p.withdrawal.withdrawnOn <= asOfDate ? p.withdrawal.withdrawnOn : null;
  const endOn = withdrawnOn ?? asOfDate;
  const surgeryOn = current(p.surgeries)
    .map((s) => s.fields.performedOn)
    .sort()[0];
  if (surgeryOn !== undefined && surgeryOn <= endOn)
    return { days: Math.max(0, daysBetween(t.treatmentDate, surgeryOn)), event: true };
  return { days: Math.max(0, daysBetween(t.treatmentDate, endOn)), event: false };
};

export const reportSafetyDetail = (participants: Iterable<ParticipantState>, asOfDate: string): ReportSafetyDetail => {
  const expedited: AdverseEventListingEntry[] = [];
  const teae = new Map<string, ReturnType<typeof newRow>>([['all', newRow()]]);
  const relatedness = Object.fromEntries(RELATEDNESS.map((r) => [r, { procedure: 0, product: 0 }])) as Record<
    Relatedness,
    { procedure: number; product: number }
  >;
  const observations: SurvivalObservation[] = [];
  let withdrawn = 0;
  for (const p of participants) {
    const listed = participantAdverseEvents(p, asOfDate);
    expedited.push(...listed.filter((e) => e.expedited !== null));
    for (const e of listed) {
      relatedness[e.relatedToProcedure].procedure += 1;
      relatedness[e.relatedToProduct].product += 1;
    }
    const t = treatmentOf(p);
    if (t === null) continue;
    const emergent = listed.filter((e) => e.onsetOn >= t.treatmentDate);
    const worst = Math.max(0, ...emergent.map((e) => e.grade));
    for (const key of ['all', t.arm]) {
      const row = teae.get(key) ?? newRow();
      teae.set(key, row);
      row.exposed += 1;
      row.events += emergent.length;
      row.seriousEvents += emergent.filter((e) => e.serious).length;
      if (worst > 0) {
        row.withEvent += 1;
        row.worstGrade = { ...row.worstGrade, [String(worst)]: (row.worstGrade[String(worst) as '1'] ?? 0) + 1 };
      }
    }
    const o = survivalObservation(p, asOfDate);
    if (o !== null) {
      observations.push(o);
      if (!o.event && p.withdrawal !== null && p.withdrawal.withdrawnOn <= asOfDate) withdrawn += 1;
    }
  }
  const steps = kaplanMeier(observations);
  return {
    asOfDate,
    expedited,
    treatmentEmergent: Object.fromEntries(teae),
    relatedness,
    survival: {
      steps,
      participants: observations.length,
      events: observations.filter((o) => o.event).length,
      withdrawn,
      at365: survivalAt(steps, SURVIVORSHIP_MIN_DAYS),
    },
  };
};
