/**
 * The safety desk's reads of the public sample (safety.md) against the figures of
 * shared/sample/expected-read.json, computed apart from this code: the unfiltered adverse-event
 * listing and the missed visits at its three as-of instants. The cohort is imported through the
 * ledger's own pipeline into a temporary SQLite ledger and read through the ReadSide. Entries are
 * found by identity (participantId + adverseEventId; participantId + visit), once each, with no
 * entry besides; only the contract's fields are compared (ours, such as `regulator`, sit beside
 * them); `seriousCriteria` is compared as a set, as the sample's README says.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../event-store/src';
import { parseAsOf } from '../../projections/src';
import { cohortLines, importLines, SAMPLE_DIR } from '../../projections/src/testing/import-cohort';
import { ReadSide } from './read-side';
import { SqliteReadModel } from './sqlite-read-model';

type Entry = Record<string, unknown>;
interface ExpectedRead {
  readonly studyId: string;
  readonly asOf: readonly string[];
  readonly adverseEvents: Record<string, { studyId: string; asOf: string; adverseEvents: Entry[] }>;
  readonly missedVisits: Record<string, { studyId: string; asOf: string; missedVisits: Entry[] }>;
}

const expected = JSON.parse(readFileSync(join(SAMPLE_DIR, 'expected-read.json'), 'utf8')) as ExpectedRead;

/** The actual value cut down to the expected one's keys (recursively), sets sorted. */
const contractFields = (exp: unknown, act: unknown, key = ''): unknown => {
  if (key === 'seriousCriteria' && Array.isArray(act)) return [...(act as string[])].sort();
  if (exp === null || typeof exp !== 'object' || Array.isArray(exp) || act === null || typeof act !== 'object')
    return act;
  const a = act as Entry;
  return Object.fromEntries(
    Object.entries(exp).map(([k, v]) => [k, k in a ? contractFields(v, a[k], k) : '<missing>']),
  );
};
const sortedSets = (e: Entry): Entry =>
  Array.isArray(e['seriousCriteria']) ? { ...e, seriousCriteria: [...(e['seriousCriteria'] as string[])].sort() } : e;

/** Expected and actual entries keyed by identity; a key found twice is reported as such. */
const byIdentity = (entries: readonly Entry[], keys: readonly string[]): Map<string, Entry | 'twice'> => {
  const out = new Map<string, Entry | 'twice'>();
  for (const e of entries) {
    const id = keys.map((k) => String(e[k])).join('/');
    out.set(id, out.has(id) ? 'twice' : e);
  }
  return out;
};

const compareLists = (exp: readonly Entry[], act: readonly Entry[], keys: readonly string[]) => {
  const actual = byIdentity(act, keys);
  const expectedById = byIdentity(exp, keys);
  expect([...actual.keys()].sort()).toEqual([...expectedById.keys()].sort());
  for (const [id, e] of expectedById) {
    const a = actual.get(id);
    expect({ id, entry: a === 'twice' ? a : contractFields(e, a) }).toEqual({
      id,
      entry: e === 'twice' ? e : sortedSets(e),
    });
  }
};

describe('the safety desk on the public sample (expected-read.json)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-safety-desk-'));
  const store = SqliteEventStore.open(join(dir, 'ledger.db'), { synchronous: 'OFF' });
  const model = SqliteReadModel.open(join(dir, 'ledger.projections.db'));
  const reads = new ReadSide(store, model);

  beforeAll(async () => {
    await importLines(store, cohortLines());
  }, 180_000);

  afterAll(async () => {
    await model.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('covers three instants', () => expect(expected.asOf).toHaveLength(3));

  describe.each(expected.asOf)('as of %s', (instant) => {
    const asOf = () => {
      const parsed = parseAsOf(instant);
      if (parsed === null) throw new Error(`not an instant: ${instant}`);
      return parsed;
    };

    it('lists every adverse event with the contract fields of the expected listing', async () => {
      const exp = expected.adverseEvents[instant];
      if (exp === undefined) throw new Error(`no expected listing at ${instant}`);
      const act = await reads.adverseEvents(expected.studyId, asOf());
      expect(act.studyId).toBe(exp.studyId);
      expect(Date.parse(act.asOf)).toBe(Date.parse(exp.asOf));
      expect(exp.adverseEvents.length).toBeGreaterThan(0);
      compareLists(exp.adverseEvents, act.adverseEvents as unknown as Entry[], ['participantId', 'adverseEventId']);
    });

    it('gives the expected missed visits', async () => {
      const exp = expected.missedVisits[instant];
      if (exp === undefined) throw new Error(`no expected missed visits at ${instant}`);
      const act = await reads.missedVisits(expected.studyId, asOf());
      expect(act.studyId).toBe(exp.studyId);
      expect(Date.parse(act.asOf)).toBe(Date.parse(exp.asOf));
      compareLists(exp.missedVisits, act.missedVisits as unknown as Entry[], ['participantId', 'visit']);
    });
  });
});
