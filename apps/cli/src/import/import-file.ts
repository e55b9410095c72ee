/**
 * The NDJSON import of commands.md: one envelope per line, in file order, through the same
 * command bus as the API. Lines are numbered from 1 as they stand, blank lines included; blank
 * lines are skipped uncounted; a bad or rejected line is reported and the rest go on.
 */
import { Forbidden, type Outcome } from '../../../../libs/ledger/src';
import { DomainError } from '../../../../libs/trial-domain/src';

export interface ImportError {
  readonly line: number;
  readonly commandId?: string;
  readonly error: string;
  readonly message: string;
  readonly field?: string;
  readonly status: number;
}

export interface ImportSummary {
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: ImportError[];
}

export type RunCommand = (raw: unknown) => Promise<Outcome>;

/** Splits on \n only: a \r before it belongs to the line, where JSON reads it as whitespace. */
export const splitLines = (text: string): string[] => text.split('\n');

export const isBlank = (line: string): boolean => line.trim().length === 0;

const describe = (e: unknown): Pick<ImportError, 'error' | 'message' | 'field' | 'status'> => {
  if (e instanceof DomainError) return { error: e.code, message: e.message, status: e.status, ...(e.field && { field: e.field }) };
  if (e instanceof Forbidden) return { error: e.code, message: e.message, status: 403 };
  throw e;
};

export const importLines = async (
  lines: readonly string[],
  run: RunCommand,
  onProgress?: (done: number) => void,
): Promise<ImportSummary> => {
  const summary: ImportSummary = { accepted: 0, duplicates: 0, rejected: 0, errors: [] };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (isBlank(text)) continue;
    let raw: unknown;
    let commandId: string | undefined;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      summary.rejected++;
      summary.errors.push({ line: i + 1, error: 'INVALID_JSON', message: `not valid JSON: ${(e as Error).message}`, status: 400 });
      continue;
    }
    if (typeof raw === 'object' && raw !== null && typeof (raw as { commandId?: unknown }).commandId === 'string')
      commandId = (raw as { commandId: string }).commandId;
    try {
      const outcome = await run(raw);
      if (outcome.status === 'duplicate') summary.duplicates++;
      else summary.accepted++;
    } catch (e) {
      summary.rejected++;
      summary.errors.push({ line: i + 1, ...(commandId !== undefined && { commandId }), ...describe(e) });
    }
    onProgress?.(i + 1);
  }
  return summary;
};
