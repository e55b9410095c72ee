/** The read model beside the ledger named by a store spec (LEDGER_STORE). */
import { basename, dirname, extname, join } from 'node:path';
import { DEFAULT_LEDGER_STORE } from '../../event-store/src';
import type { ReadModelStore } from './read-model.port';
import { PostgresReadModel } from './postgres-read-model';
import { SqliteReadModel } from './sqlite-read-model';

/**
 * The read model's SQLite file for a ledger store spec: LEDGER_PROJECTIONS (`sqlite:<path>` or a
 * path) when set; for `sqlite:<dir>/<name>.db` the sibling `<dir>/<name>.projections.db`, so the
 * ledger file stays the audit record and nothing else, and this one may be deleted at any time;
 * otherwise (PostgreSQL, EventStoreDB) `./data/projections.db`.
 */
export const checkpointPathFor = (
  ledgerStore: string,
  override: string | undefined = process.env['LEDGER_PROJECTIONS'],
): string => {
  if (override !== undefined && override.trim() !== '') return override.trim().replace(/^sqlite:/, '');
  const spec = ledgerStore.trim();
  if (!spec.startsWith('sqlite:')) return './data/projections.db';
  const path = spec.slice('sqlite:'.length);
  if (path === ':memory:') return ':memory:';
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.projections${ext === '' ? '.db' : ext}`);
};

/**
 * The read model of a ledger: in the ledger's own PostgreSQL database for a PostgreSQL ledger
 * (so processes on several hosts share it), unless LEDGER_PROJECTIONS names a SQLite file;
 * else the SQLite file checkpointPathFor names.
 */
export const openReadModel = (
  spec: string = process.env['LEDGER_STORE'] ?? DEFAULT_LEDGER_STORE,
  override: string | undefined = process.env['LEDGER_PROJECTIONS'],
): ReadModelStore => {
  const trimmed = spec.trim();
  const postgres = trimmed.startsWith('postgres://') || trimmed.startsWith('postgresql://');
  if (postgres && (override === undefined || override.trim() === '')) return new PostgresReadModel(trimmed);
  return SqliteReadModel.open(checkpointPathFor(spec, override));
};
