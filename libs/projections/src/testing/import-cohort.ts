/** Imports NDJSON command lines through the ledger's own command pipeline (what `ledger import` does). */
import { readFileSync } from 'node:fs';
import type { EventStore } from '../../../event-store/src';
import { CommandPipeline } from '../../../ledger/src';

export const SAMPLE_DIR = '/work/shared/sample';

export const cohortLines = (path = `${SAMPLE_DIR}/cohort.ndjson`): string[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

/** Runs each line as an import; rejected lines are counted, not thrown. A clock later than the cohort. */
export const importLines = async (
  store: EventStore,
  lines: readonly string[],
  now = new Date('2030-01-01T00:00:00Z'),
): Promise<{ accepted: number; rejected: number }> => {
  const pipeline = new CommandPipeline(store, { now: () => now });
  let accepted = 0;
  let rejected = 0;
  for (const line of lines) {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      rejected += 1;
      continue;
    }
    try {
      await pipeline.execute(raw, { kind: 'import' });
      accepted += 1;
    } catch {
      rejected += 1;
    }
  }
  return { accepted, rejected };
};
