/**
 * Expedited safety reporting to the IRB (protocol.md). Due 7 calendar days after the clock start
 * when the event's current seriousCriteria include death or life_threatening, otherwise 15 (the
 * grade does not decide it), mirroring 21 CFR 312.32. Timeliness is judged by the IRB
 * submissions' submittedOn, however late they were recorded; regulator submissions do not stop
 * the IRB clock. Only submissions already recorded count (the fold sees nothing later).
 */
import { addDays, meetsExpeditedCriteria, type AdverseEventEntry } from '../../../trial-domain/src';

export interface ExpeditedReport {
  readonly participantId: string;
  readonly adverseEventId: string;
  readonly clockStartedOn: string;
  readonly dueOn: string;
  readonly submittedToIrbOn: string | null;
  readonly overdue: boolean;
}

export const EXPEDITED_DAYS_FATAL_OR_LIFE_THREATENING = 7;
export const EXPEDITED_DAYS_OTHER = 15;

export const expeditedWindowDays = (ae: AdverseEventEntry): number =>
  (ae.fields.seriousCriteria ?? []).some((c) => c === 'death' || c === 'life_threatening')
    ? EXPEDITED_DAYS_FATAL_OR_LIFE_THREATENING
    : EXPEDITED_DAYS_OTHER;

/** The event's expedited report as of `asOfDate` (UTC date), or null when it is not expedited now. */
export const expeditedReport = (
  participantId: string,
  ae: AdverseEventEntry,
  asOfDate: string,
): ExpeditedReport | null => {
  if (ae.voided || ae.clockStartedOn === null || !meetsExpeditedCriteria(ae.fields)) return null;
  const dueOn = addDays(ae.clockStartedOn, expeditedWindowDays(ae));
  const irb = ae.submissions.filter((s) => s.recipient === 'irb').map((s) => s.submittedOn);
  const submittedToIrbOn = irb.length === 0 ? null : irb.reduce((a, b) => (b < a ? b : a));
  const onTime = irb.some((d) => d <= dueOn);
  return {
    participantId,
    adverseEventId: ae.id,
    clockStartedOn: ae.clockStartedOn,
    dueOn,
    submittedToIrbOn,
    overdue: !onTime && asOfDate > dueOn,
  };
};
