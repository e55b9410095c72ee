/**
 * The NDJSON import of commands.md: one envelope per line, in file order, each run through the
 * pipeline's import door (a trusted migration: the line's actor and recordedAt, no role check).
 * Lines are numbered from 1 as they stand, blank lines included; blank lines are skipped
 * uncounted; a bad or rejected line is reported and the rest go on. Where the lines come from
 * (a file, stdin) and how the summary is shown are the caller's: `ledger import`, tests, benches.
 */
import { DomainError } from '../../../trial-domain/src';
import { Forbidden } from '../access-control';
import type { Door, Outcome } from '../command-pipeline';

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

/** What runs a command: the CommandPipeline itself, or the CommandBus in front of it (viaCommandBus). */
export interface CommandRunner {
  execute(raw: unknown, door: Door): Promise<Outcome>;
}

export interface ImportOptions {
  readonly onProgress?: (line: number) => void;
  /**
   * Runs a chunk of lines so that their appends commit together (the store's inBatch). The
   * import acknowledges nothing before its summary, so a crash mid-run loses no acknowledged
   * event, and a re-run is idempotent.
   */
  readonly batch?: <T>(work: () => Promise<T>) => Promise<T>;
  readonly batchSize?: number;
}

const IMPORT_DOOR: Door = { kind: 'import' };

/** Splits on \n only: a \r before it belongs to the line, where JSON reads it as whitespace. */
export const splitLines = (text: string): string[] => text.split('\n');

export const isBlank = (line: string): boolean => line.trim().length === 0;

export const importLines = async (
  lines: readonly string[],
  runner: CommandRunner,
  options: ImportOptions = {},
): Promise<ImportSummary> => {
  const summary: ImportSummary = { accepted: 0, duplicates: 0, rejected: 0, errors: [] };
  const batch = options.batch ?? (<T>(work: () => Promise<T>) => work());
  const size = options.batchSize ?? 500;
  for (let start = 0; start < lines.length; start += size) {
    await batch(async () => {
      for (let i = start; i < Math.min(start + size, lines.length); i++) {
        await importLine(lines[i] ?? '', i + 1, runner, summary);
        options.onProgress?.(i + 1);
      }
    });
  }
  return summary;
};

const importLine = async (text: string, line: number, runner: CommandRunner, summary: ImportSummary): Promise<void> => {
  if (isBlank(text)) return;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    summary.rejected++;
    summary.errors.push({
      line,
      error: 'INVALID_JSON',
      message: `not valid JSON: ${(e as Error).message}`,
      status: 400,
    });
    return;
  }
  const commandId =
    typeof raw === 'object' && raw !== null && typeof (raw as { commandId?: unknown }).commandId === 'string'
      ? (raw as { commandId: string }).commandId
      : undefined;
  try {
    const outcome = await runner.execute(raw, IMPORT_DOOR);
    if (outcome.status === 'duplicate') summary.duplicates++;
    else summary.accepted++;
  } catch (e) {
    summary.rejected++;
    summary.errors.push({ line, ...(commandId !== undefined && { commandId }), ...describe(e) });
  }
};

/** A rejection as an import line reports it; anything else (the store is away) stops the import. */
const describe = (e: unknown): Pick<ImportError, 'error' | 'message' | 'field' | 'status'> => {
  if (e instanceof DomainError)
    return { error: e.code, message: e.message, status: e.status, ...(e.field && { field: e.field }) };
  if (e instanceof Forbidden) return { error: e.code, message: e.message, status: 403 };
  throw e;
};
