/**
 * The regulator's clock (21 CFR 312.32), beside the IRB clock of protocol.md: an IND safety
 * report is due 7 calendar days after the sponsor's awareness for a fatal or life-threatening
 * event, 15 otherwise. Awareness is the event's `awareOn` when recorded, else the IRB clock's
 * start. The clock runs for the events the IRB clock runs for (expedited now), and only regulator
 * submissions stop it; IRB submissions do not, as regulator submissions do not stop the IRB's.
 *
 * A follow-up report (312.32(d)) is needed when an event became fatal or life-threatening after a
 * report (to the IRB or the regulator) was recorded, until a submission recorded after that
 * upgrade is dated on or after its recorded date. Neither field is part of safety.md: they sit
 * beside the contract's (docs/decisions/0012).
 */
import {
  addDays,
  daysBetween,
  isFatalOrLifeThreatening,
  utcDateOf,
  type AdverseEventEntry,
} from '../../../trial-domain/src';
import { expeditedReport, expeditedWindowDays } from '../adverse-events/expedited';

export interface RegulatorClock {
  /** The sponsor's awareness: the event's awareOn, else the IRB clock's start. */
  readonly awareOn: string;
  /** 7 days after awareOn for death or life-threatening, else 15. */
  readonly dueOn: string;
  /** dueOn minus the as-of date (negative when past), submitted or not. */
  readonly daysLeft: number;
  /** The earliest regulator submission, late ones included. */
  readonly submittedOn: string | null;
  /** No regulator submission dated on or before dueOn, and the as-of date is past it. */
  readonly overdue: boolean;
}

/** The event's regulator clock as of `asOfDate` (UTC date), or null when it is not expedited now. */
export const regulatorClock = (ae: AdverseEventEntry, asOfDate: string): RegulatorClock | null => {
  const irb = expeditedReport('', ae, asOfDate);
  if (irb === null) return null;
  const awareOn = ae.fields.awareOn ?? irb.clockStartedOn;
  const dueOn = addDays(awareOn, expeditedWindowDays(ae));
  const dates = ae.submissions.filter((s) => s.recipient === 'regulator').map((s) => s.submittedOn);
  const submittedOn = dates.length === 0 ? null : dates.reduce((a, b) => (b < a ? b : a));
  return {
    awareOn,
    dueOn,
    daysLeft: daysBetween(asOfDate, dueOn),
    submittedOn,
    overdue: !dates.some((d) => d <= dueOn) && asOfDate > dueOn,
  };
};

/** The event was upgraded to fatal or life-threatening after a report, and no report follows the upgrade. */
export const followUpReportNeeded = (ae: AdverseEventEntry): boolean => {
  const upgrade = ae.upgradedToFatalOrLifeThreatening;
  if (ae.voided || upgrade === undefined || upgrade.submissionsBefore === 0) return false;
  if (!isFatalOrLifeThreatening(ae.fields)) return false;
  const upgradedOn = utcDateOf(upgrade.recordedAt);
  return !ae.submissions.slice(upgrade.submissionsBefore).some((s) => s.submittedOn >= upgradedOn);
};
