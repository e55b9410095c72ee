/** The adverse-event listing's query filters (safety.md), read from strings as HTTP and the CLI give them. */
import type { AdverseEventFilters } from '../../projections/src';
import { ValidationFailed } from '../../trial-domain/src';

const flag = (value: unknown, field: string): boolean | undefined => {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ValidationFailed(`${field} must be true or false`, field);
};

const text = (value: unknown, field: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ValidationFailed(`${field} must be a non-empty string`, field);
  return value;
};

export const adverseEventFilters = (q: Readonly<Record<string, unknown>>): AdverseEventFilters => {
  const serious = flag(q['serious'], 'serious');
  const expedited = flag(q['expedited'], 'expedited');
  const open = flag(q['open'], 'open');
  let grade: number | undefined;
  if (q['grade'] !== undefined) {
    grade = typeof q['grade'] === 'string' && /^[1-5]$/.test(q['grade']) ? Number(q['grade']) : undefined;
    if (grade === undefined) throw new ValidationFailed('grade must be an integer from 1 to 5', 'grade');
  }
  const arm = text(q['arm'], 'arm');
  const participantId = text(q['participantId'], 'participantId');
  return {
    ...(serious !== undefined && { serious }),
    ...(expedited !== undefined && { expedited }),
    ...(open !== undefined && { open }),
    ...(grade !== undefined && { grade }),
    ...(arm !== undefined && { arm }),
    ...(participantId !== undefined && { participantId }),
  };
};
