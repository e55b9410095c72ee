import { EsdbEventStore } from './esdb/esdb-event-store';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';

export const DEFAULT_LEDGER_STORE = 'sqlite:./data/ledger.db';

/**
 * Opens the store named by LEDGER_STORE: `sqlite:<path>` (file and folder created), a
 * PostgreSQL URL (`postgres://user@host:5432/db`, `postgresql://…`) or an EventStoreDB
 * connection string (`esdb://…`, `esdb+discover://…`). Synchronous, so it can sit in a Nest
 * factory provider or a CLI without ceremony; the PostgreSQL pool and the ESDB client connect
 * on first use. Throws StoreUnavailable when the SQLite file cannot be opened.
 */
export function openEventStore(
  spec: string = process.env.LEDGER_STORE ?? DEFAULT_LEDGER_STORE,
  sqliteOptions: SqliteEventStoreOptions = {},
  postgresOptions: PostgresEventStoreOptions = {},
): SqliteEventStore | PostgresEventStore | EsdbEventStore {
  const trimmed = spec.trim();
  // How long a writer waits for another's lock before StoreBusy (HTTP 503): one setting for both stores.
  const lockTimeoutMs = lockTimeoutFromEnv();
  if (trimmed.startsWith('sqlite:')) {
    const path = trimmed.slice('sqlite:'.length);
    if (path === '')
      throw new Error(`LEDGER_STORE "${spec}" names no file: use sqlite:<path>, e.g. ${DEFAULT_LEDGER_STORE}`);
    return SqliteEventStore.open(path, { busyTimeoutMs: lockTimeoutMs, ...sqliteOptions });
  }
  if (trimmed.startsWith('postgres://') || trimmed.startsWith('postgresql://')) {
    return PostgresEventStore.connect(trimmed, { lockTimeoutMs, ...postgresOptions });
  }
  if (trimmed.startsWith('esdb://') || trimmed.startsWith('esdb+discover://')) {
    return EsdbEventStore.connect(trimmed);
  }
  throw new Error(
    `LEDGER_STORE "${spec}" is not understood: use sqlite:<path> (e.g. ${DEFAULT_LEDGER_STORE}), postgres://user@host:5432/database or esdb://host:2113?tls=false`,
  );
}

function lockTimeoutFromEnv(value = process.env.LEDGER_LOCK_TIMEOUT_MS): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0)
    throw new Error(`LEDGER_LOCK_TIMEOUT_MS "${value}" is not a whole number of milliseconds`);
  return ms;
}
