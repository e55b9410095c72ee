/**
 * Visit windows (protocol.md), in days from the treatment date, inclusive, and the visit a
 * treated participant is due for next.
 */
import { addDays, dayNumber } from '../shared/dates';
import { FOLLOW_UP_VISITS, type FollowUpVisit, type Visit } from '../shared/vocabulary';

export const VISIT_WINDOWS: Readonly<Record<Visit, readonly [number, number]>> = {
  baseline: [-30, 0],
  m1: [23, 37],
  m3: [77, 105],
  m6: [152, 212],
  m12: [320, 410],
  m18: [502, 592],
  m24: [670, 790],
};

export interface VisitWindow {
  readonly visit: Visit;
  readonly windowOpensOn: string;
  readonly windowClosesOn: string;
}

export const visitWindow = (visit: Visit, treatmentDate: string): VisitWindow => {
  const [open, close] = VISIT_WINDOWS[visit];
  return { visit, windowOpensOn: addDays(treatmentDate, open), windowClosesOn: addDays(treatmentDate, close) };
};

/**
 * The first follow-up visit not yet assessed whose window has not closed before `onDate`
 * (read.md), or null when none is left.
 */
export const nextVisitDue = (
  treatmentDate: string,
  assessed: ReadonlySet<Visit>,
  onDate: string,
): (VisitWindow & { readonly visit: FollowUpVisit }) | null => {
  const today = dayNumber(onDate);
  for (const visit of FOLLOW_UP_VISITS) {
    if (assessed.has(visit)) continue;
    const w = visitWindow(visit, treatmentDate);
    if (dayNumber(w.windowClosesOn) >= today) return { ...w, visit };
  }
  return null;
};
