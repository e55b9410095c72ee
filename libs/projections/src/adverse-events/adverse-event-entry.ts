/**
 * An adverse event as it stands: its fields as amended (updates and corrections applied), whether
 * voided, its IRB/regulator submissions, and its expedited-reporting clock.
 *
 * Expedited (protocol.md): serious, not expected, and related (possible, probable or definite) to
 * the procedure or the product. The clock starts on the UTC date of the recordedAt of the first
 * command (report, update or correction) after which the event met all three; once set it never
 * moves, even if the event stops qualifying and qualifies again later.
 */
import { applyChanges, type AdverseEventFields, type Relatedness } from '../../../trial-domain/src';
import type { Entry } from '../clinical-record/participant-record';
import { utcDateOf } from '../projection';

export interface SafetySubmission {
  readonly recipient: 'irb' | 'regulator';
  readonly submittedOn: string;
  readonly recordedAt: string;
}

export interface AdverseEventEntry extends Entry<AdverseEventFields> {
  /** UTC date the expedited clock started; null while the event has never qualified. */
  readonly clockStartedOn: string | null;
  readonly submissions: readonly SafetySubmission[];
}

export type AdverseEventChange =
  | { readonly kind: 'changes'; readonly changes: Readonly<Record<string, unknown>> }
  | { readonly kind: 'void' }
  | { readonly kind: 'submission'; readonly recipient: 'irb' | 'regulator'; readonly submittedOn: string };

const RELATED: ReadonlySet<Relatedness> = new Set<Relatedness>(['possible', 'probable', 'definite']);

/** Serious, not expected, and related to the procedure or the product. */
export const meetsExpeditedCriteria = (f: AdverseEventFields): boolean =>
  f.serious === true && f.expected === false && (RELATED.has(f.relatedToProcedure) || RELATED.has(f.relatedToProduct));

/** Starts the clock when the event qualifies now and never has before. */
const withClock = (ae: AdverseEventEntry, recordedAt: string): AdverseEventEntry =>
  ae.clockStartedOn === null && !ae.voided && meetsExpeditedCriteria(ae.fields)
    ? { ...ae, clockStartedOn: utcDateOf(recordedAt) }
    : ae;

export const reportedAdverseEvent = (entry: Entry<AdverseEventFields>, recordedAt: string): AdverseEventEntry =>
  withClock({ ...entry, clockStartedOn: null, submissions: [] }, recordedAt);

export const evolveAdverseEvent = (
  ae: AdverseEventEntry,
  change: AdverseEventChange,
  recordedAt: string,
): AdverseEventEntry => {
  switch (change.kind) {
    case 'changes':
      return withClock(
        {
          ...ae,
          fields: applyChanges(
            ae.fields as unknown as Record<string, unknown>,
            change.changes,
          ) as unknown as AdverseEventFields,
        },
        recordedAt,
      );
    case 'void':
      return { ...ae, voided: true };
    case 'submission':
      return {
        ...ae,
        submissions: [...ae.submissions, { recipient: change.recipient, submittedOn: change.submittedOn, recordedAt }],
      };
  }
};

/** The adverse event currently lists `death` among its serious criteria. */
export const isDeath = (f: AdverseEventFields): boolean => (f.seriousCriteria ?? []).includes('death');
