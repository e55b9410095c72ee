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
