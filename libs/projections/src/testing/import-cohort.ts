/** Imports NDJSON command lines through the ledger's own import (what `ledger import` does). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventStore } from '../../../event-store/src';
import { CommandPipeline, importLines as importThroughPipeline, isBlank } from '../../../ledger/src';

/**
 * The public sample (shared/sample: cohort.ndjson, expected.json), which sits beside the
 * repository; LEDGER_SAMPLE_DIR names another place (relative paths from the working directory).
 */
export const SAMPLE_DIR = resolve(process.env.LEDGER_SAMPLE_DIR ?? join(__dirname, '../../../../../shared/sample'));

export const cohortLines = (path = join(SAMPLE_DIR, 'cohort.ndjson')): string[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => !isBlank(l));

/**
 * Runs each line as an import with a clock later than the cohort; rejected lines are counted,
 * not thrown, and a duplicate counts as accepted (it is the first answer again).
 */
export const importLines = async (
  store: EventStore,
  lines: readonly string[],
  now = new Date('2030-01-01T00:00:00Z'),
): Promise<{ accepted: number; rejected: number }> => {
  const summary = await importThroughPipeline(lines, new CommandPipeline(store, { now: () => now }));
  return { accepted: summary.accepted + summary.duplicates, rejected: summary.rejected };
};
