/**
 * The sample cohort imported into a temporary SQLite store through the ledger's command pipeline:
 * the three reports of expected.json must match (deviation items as a multiset of
 * participantId/recordId/code, zero counts optional where report.md allows, numbers within 1e-6).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src';
import { cohortLines, importLines, SAMPLE_DIR } from '../testing/import-cohort';
import { computeStudyReport } from './compute-study-report';
import { readStudyEvents } from './study-events';

const ZERO_OK = new Set(['bySeriousCriterion', 'byBodySystem', 'relatedToProduct', 'byCode']);

/** Differences between an expected and an actual JSON value, as `path: expected → actual`. */
const differences = (exp: unknown, act: unknown, path: string, out: string[], parentKey = ''): void => {
  if (Array.isArray(exp)) return; // lists are compared by the caller
  if (exp !== null && typeof exp === 'object') {
    if (act === null || typeof act !== 'object') {
      out.push(`${path}: expected an object, got ${JSON.stringify(act)}`);
      return;
    }
    const a = act as Record<string, unknown>;
    for (const [k, v] of Object.entries(exp)) {
      if (!(k in a)) {
        if (!(ZERO_OK.has(parentKey) && v === 0)) out.push(`${path}.${k}: missing`);
        continue;
      }
      differences(v, a[k], `${path}.${k}`, out, k);
    }
    if (ZERO_OK.has(parentKey))
      for (const [k, v] of Object.entries(a))
        if (!(k in (exp as object)) && v !== 0) out.push(`${path}.${k}: unexpected ${JSON.stringify(v)}`);
    return;
  }
  if (typeof exp === 'number' && typeof act === 'number') {
    if (Math.abs(exp - act) > 1e-6 * Math.max(1, Math.abs(exp))) out.push(`${path}: expected ${exp} got ${act}`);
    return;
  }
  if (parentKey === 'asOf' && typeof exp === 'string' && typeof act === 'string') {
    if (Date.parse(exp) !== Date.parse(act)) out.push(`${path}: expected ${exp} got ${act}`);
    return;
  }
  if (exp !== act) out.push(`${path}: expected ${JSON.stringify(exp)} got ${JSON.stringify(act)}`);
};

type Keyed = Record<string, unknown>;
const multiset = (xs: readonly Keyed[], keys: readonly string[]): string[] =>
  xs.map((x) => JSON.stringify(keys.map((k) => x[k]))).sort();

describe('sample cohort reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'projections-cohort-'));
  const store = SqliteEventStore.open(join(dir, 'ledger.db'), { synchronous: 'OFF' });
  const expected = JSON.parse(readFileSync(`${SAMPLE_DIR}/expected.json`, 'utf8')) as {
    studyId: string;
    accepted: number;
    reports: Record<string, Keyed & { safety: { expedited: Keyed[] }; deviations: { byCode: Keyed; items: Keyed[] } }>;
  };

  beforeAll(async () => {
    const imported = await importLines(store, cohortLines());
    // duplicates count as accepted here: the pipeline answers them without throwing
    expect(imported.accepted).toBeGreaterThanOrEqual(expected.accepted);
  }, 120_000);

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(expected.reports))('matches the report as of %s', async (asOf) => {
    const exp = expected.reports[asOf]!;
    const act = computeStudyReport(expected.studyId, await readStudyEvents(store, expected.studyId, asOf), asOf);
    const out: string[] = [];
    const { deviations: expDeviations, ...rest } = exp;
    differences(rest, act, 'report', out);
    differences(expDeviations.byCode, act.deviations.byCode, 'report.deviations.byCode', out, 'byCode');
    expect(out).toEqual([]);
    const expedited = ['participantId', 'adverseEventId', 'clockStartedOn', 'dueOn', 'submittedToIrbOn', 'overdue'];
    expect(multiset(act.safety.expedited as unknown as Keyed[], expedited)).toEqual(
      multiset(exp.safety.expedited, expedited),
    );
    const items = ['participantId', 'recordId', 'code'];
    expect(multiset(act.deviations.items as unknown as Keyed[], items)).toEqual(multiset(expDeviations.items, items));
  });
});
