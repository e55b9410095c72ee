/**
 * The expedited-reporting clock of an adverse event (protocol.md): an event qualifies when it is
 * serious, not expected, and related (possible, probable or definite) to the procedure or the
 * product. The clock starts on the UTC date of the recordedAt of the first command (report,
 * update or correction) after which the event met all three; once set it never moves, even if
 * the event stops qualifying and qualifies again later.
 */
import type { AdverseEventFields, Relatedness } from '../shared/vocabulary';

const RELATED: ReadonlySet<Relatedness> = new Set<Relatedness>(['possible', 'probable', 'definite']);

/** Serious, not expected, and related to the procedure or the product. */
export const meetsExpeditedCriteria = (f: AdverseEventFields): boolean =>
  f.serious === true && f.expected === false && (RELATED.has(f.relatedToProcedure) || RELATED.has(f.relatedToProduct));

/** Starts the clock on `recordedOn` when the event qualifies now and never has before. */
export const withExpeditedClock = <
  A extends { readonly clockStartedOn: string | null; readonly voided: boolean; readonly fields: AdverseEventFields },
>(
  ae: A,
  recordedOn: string,
): A =>
  ae.clockStartedOn === null && !ae.voided && meetsExpeditedCriteria(ae.fields)
    ? { ...ae, clockStartedOn: recordedOn }
    : ae;

/** The adverse event currently lists `death` among its serious criteria. */
export const isDeath = (f: AdverseEventFields): boolean => (f.seriousCriteria ?? []).includes('death');

/** Fatal or life-threatening: the criteria include death or life_threatening, or the outcome is fatal. */
export const isFatalOrLifeThreatening = (f: AdverseEventFields): boolean =>
  (f.seriousCriteria ?? []).some((c) => c === 'death' || c === 'life_threatening') || f.outcome === 'fatal';

/**
 * An amendment that turned an event fatal or life-threatening: when it was recorded, and how many
 * safety submissions had been recorded before it (the submissions list keeps recording order, so
 * the later ones are those from this index on). A report submitted before an upgrade calls for a
 * follow-up report (21 CFR 312.32(d)).
 */
export interface UpgradeMark {
  readonly recordedAt: string;
  readonly submissionsBefore: number;
}

/** Marks `next` as upgraded when `prev` was not fatal or life-threatening and `next` is; else keeps the mark. */
export const withUpgradeMark = <
  A extends {
    readonly fields: AdverseEventFields;
    readonly submissions: readonly unknown[];
    readonly upgradedToFatalOrLifeThreatening?: UpgradeMark;
  },
>(
  prev: A,
  next: A,
  recordedAt: string,
): A =>
  !isFatalOrLifeThreatening(prev.fields) && isFatalOrLifeThreatening(next.fields)
    ? { ...next, upgradedToFatalOrLifeThreatening: { recordedAt, submissionsBefore: prev.submissions.length } }
    : next;
