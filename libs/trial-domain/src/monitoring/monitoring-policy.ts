/**
 * What the ledger's own monitoring counts with: the IRB reporting windows (protocol.md
 * "Expedited safety reporting", mirroring 21 CFR 312.32: 7 calendar days when the event's current
 * seriousCriteria include death or life_threatening, otherwise 15), the reminder's lead (safety.md:
 * two days before each due date) and the follow-up visit windows (protocol.md). RegisterStudy
 * carries no such settings yet, so every study gets these defaults (decision 0011); a study's own
 * policy, once the contract gives it one, replaces this object and nothing else.
 */
import { addDays } from '../shared/dates';
import type { AdverseEventFields, FollowUpVisit } from '../shared/vocabulary';
import { VISIT_WINDOWS } from '../treatment/visit-windows';

export interface MonitoringPolicy {
  /** Days from the clock start when death or life_threatening is among the serious criteria. */
  readonly expeditedDaysFatalOrLifeThreatening: number;
  readonly expeditedDaysOther: number;
  /** A reminder goes out this many days before a due date. */
  readonly reminderLeadDays: number;
  /** Each follow-up visit's last day, in days from the treatment date. */
  readonly visitWindowCloses: Readonly<Record<FollowUpVisit, number>>;
}

export const DEFAULT_MONITORING_POLICY: MonitoringPolicy = {
  expeditedDaysFatalOrLifeThreatening: 7,
  expeditedDaysOther: 15,
  reminderLeadDays: 2,
  visitWindowCloses: {
    m1: VISIT_WINDOWS.m1[1],
    m3: VISIT_WINDOWS.m3[1],
    m6: VISIT_WINDOWS.m6[1],
    m12: VISIT_WINDOWS.m12[1],
    m18: VISIT_WINDOWS.m18[1],
    m24: VISIT_WINDOWS.m24[1],
  },
};

/** The IRB due date of an event whose clock started on `clockStartedOn`, by its current criteria. */
export const irbDueOn = (
  fields: AdverseEventFields,
  clockStartedOn: string,
  policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY,
): string =>
  addDays(
    clockStartedOn,
    (fields.seriousCriteria ?? []).some((c) => c === 'death' || c === 'life_threatening')
      ? policy.expeditedDaysFatalOrLifeThreatening
      : policy.expeditedDaysOther,
  );

/** The last day of a follow-up visit's window. */
export const visitWindowClosesOn = (
  visit: FollowUpVisit,
  treatmentDate: string,
  policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY,
): string => addDays(treatmentDate, policy.visitWindowCloses[visit]);
