/**
 * The as-of instant of a read (read.md, report.md): recorded time, ISO-8601 with a zone; absent
 * means now; later than the ledger's clock is refused, since the future would call open reports
 * overdue and visits missed that are not.
 */
import { parseAsOf } from '../../projections/src';
import { DomainError, instantFromDate, ValidationFailed } from '../../trial-domain/src';

/** An as-of instant later than the ledger's clock (400). */
export class AsOfInFuture extends DomainError {
  readonly status = 400 as const;
  constructor(field: string, value: string, now: string) {
    super('AS_OF_IN_FUTURE', `${field} ${value} is later than the ledger's clock (${now})`, field);
  }
}

/** The canonical instant of a query value; absent: now. */
export const resolveAsOf = (value: unknown, now: Date, field = 'asOf'): string => {
  const nowInstant = instantFromDate(now);
  if (value === undefined) return nowInstant;
  const parsed = typeof value === 'string' ? parseAsOf(value) : null;
  if (parsed === null)
    throw new ValidationFailed(
      `${field} must be an ISO-8601 instant with a zone (e.g. 2025-01-31T23:59:59Z or 2025-02-01T01:59:59+02:00)`,
      field,
    );
  if (parsed > nowInstant) throw new AsOfInFuture(field, String(value), nowInstant);
  return parsed;
};
