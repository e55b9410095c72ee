/**
 * The Kaplan-Meier estimate of a survival function (the product-limit estimator): at each time
 * with at least one event, survival is multiplied by (1 - events / at risk), where "at risk" are
 * the observations whose time is at or after it. At a time with both, events come before
 * censorings (the censored are still at risk then), as is usual. Pure, for the report's
 * surgery-free survival curve (docs/decisions/0012).
 */

/** One participant's follow-up: days from the origin to the event (`event`) or to censoring. */
export interface SurvivalObservation {
  readonly days: number;
  readonly event: boolean;
}

/** The estimate just after `days`: the curve steps there when `events` > 0. */
export interface KaplanMeierStep {
  readonly days: number;
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  readonly survival: number;
}

/** One step per distinct time with an event or a censoring, in time order. */
export const kaplanMeier = (observations: readonly SurvivalObservation[]): KaplanMeierStep[] => {
  const byDay = new Map<number, { events: number; censored: number }>();
  for (const o of observations) {
    const at = byDay.get(o.days) ?? { events: 0, censored: 0 };
    if (o.event) at.events += 1;
    else at.censored += 1;
    byDay.set(o.days, at);
  }
  let atRisk = observations.length;
  let survival = 1;
  const steps: KaplanMeierStep[] = [];
  for (const days of [...byDay.keys()].sort((a, b) => a - b)) {
    const { events, censored } = byDay.get(days) as { events: number; censored: number };
    if (events > 0) survival *= 1 - events / atRisk;
    steps.push({ days, atRisk, events, censored, survival });
    atRisk -= events + censored;
  }
  return steps;
};

/**
 * The estimate at `days`: 1 before the first event; unknown (null) past the last observation,
 * unless the curve has already reached 0 there.
 */
export const survivalAt = (steps: readonly KaplanMeierStep[], days: number): number | null => {
  let s = 1;
  for (const step of steps) {
    if (step.days > days) return s;
    s = step.survival;
  }
  const last = steps[steps.length - 1];
  return last === undefined || days === last.days || s === 0 ? s : null;
};
