/**
 * The PostgreSQL read model holds what the SQLite one holds: three projectors racing on it fold
 * the public sample to the same rows and snapshots as a SQLite rebuild, each event once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../event-store/src';
import { cohortLines, importLines } from '../../projections/src/testing/import-cohort';
import { createTestLedger, type TestLedger } from '../../../test/support/test-ledgers';
import { openReadModel } from './open-read-model';
import { PostgresReadModel } from './postgres-read-model';
import { ReadModelProjector } from './projector';
import type { ReadModelStore } from './read-model.port';
import { SqliteReadModel } from './sqlite-read-model';

const view = async (m: ReadModelStore) => ({
  position: await m.position(),
  studies: await m.studies(),
  participants: await m.participants('SAMPLE'),
  snapshots: await Promise.all(
    ['2022-07-06T23:59:59.000000Z', '2023-06-20T13:37:00.000000Z', '2030-01-01T00:00:00.000000Z'].map((t) =>
      m.nearestSnapshot('SAMPLE', t),
    ),
  ),
  corrupt: await m.corruptions(),
});

describe('the PostgreSQL read model', () => {
  let dir: string;
  let database: TestLedger;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-pg-read-model-'));
    database = await createTestLedger('postgres', 'read_model');
    store = SqliteEventStore.open(join(dir, 'ledger.db'), { synchronous: 'OFF' });
  });

  afterAll(async () => {
    await store.close();
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the model a PostgreSQL ledger opens unless LEDGER_PROJECTIONS names a file', async () => {
    const pg = openReadModel(database.spec, undefined);
    const file = openReadModel(database.spec, join(dir, 'override.db'));
    try {
      expect(pg).toBeInstanceOf(PostgresReadModel);
      expect(file).toBeInstanceOf(SqliteReadModel);
    } finally {
      await pg.close();
      await file.close();
    }
  });

  it('folded by racing projectors equals a SQLite rebuild', async () => {
    const lines = cohortLines();
    const models = [0, 1, 2].map(() => new PostgresReadModel(database.spec));
    try {
      const half = Math.ceil(lines.length / 2);
      for (const part of [lines.slice(0, half), lines.slice(half)]) {
        await importLines(store, part);
        await Promise.all(
          models.map((m, i) =>
            new ReadModelProjector(store, m, { pageSize: 60 + 40 * i, snapshotEvery: 173 }).catchUp(),
          ),
        );
      }
      const rebuilt = SqliteReadModel.open(join(dir, 'rebuilt.db'));
      await new ReadModelProjector(store, rebuilt, { snapshotEvery: 173 }).rebuild();
      const expected = await view(rebuilt);
      await rebuilt.close();
      expect(expected.snapshots.filter((s) => s !== undefined).length).toBeGreaterThan(1);
      expect(await view(models[0]!)).toEqual(expected);
    } finally {
      for (const m of models) await m.close();
    }
  });
});
