/**
 * Row-for-row copies of a prefix of a ledger file (its events and command rows up to a global
 * position) into a new store, SQLite or PostgreSQL, whose schema the store itself created. The
 * two stores share their tables and columns; a copy refuses to guess if they ever differ.
 */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { SqliteEventStore, type EventStore } from '../../libs/event-store/src';

/** Both tables carry the global position: events as their key, commands as their last event's. */
const TABLES = ['events', 'commands'] as const;
const CHUNK = 5000;

const sqliteColumns = (db: Database.Database, table: string, schema = 'main'): string[] =>
  (db.prepare(`PRAGMA ${schema}.table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

const sameColumns = (table: string, a: readonly string[], b: readonly string[], where: string): void => {
  if ([...a].sort().join() !== [...b].sort().join())
    throw new Error(`${table}: the ledger file has columns (${a.join(', ')}) and ${where} has (${b.join(', ')})`);
};

/** A new SQLite ledger at `path` holding the events (and their commands) at positions <= upTo. */
export const copyToSqlite = async (master: string, path: string, upTo: number): Promise<number> => {
  await SqliteEventStore.open(path).close();
  const db = new Database(path);
  try {
    db.pragma('synchronous = OFF');
    db.prepare('ATTACH DATABASE ? AS master').run(master);
    db.transaction(() => {
      for (const table of TABLES) {
        const columns = sqliteColumns(db, table);
        sameColumns(table, sqliteColumns(db, table, 'master'), columns, 'the new store');
        const list = columns.join(', ');
        db.prepare(
          `INSERT INTO main.${table} (${list}) SELECT ${list} FROM master.${table} WHERE position <= ? ORDER BY position`,
        ).run(upTo);
      }
    })();
    db.exec('DETACH DATABASE master');
    return Number(db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get());
  } finally {
    db.close();
  }
};

/**
 * The same prefix into the (empty) PostgreSQL database at `url`: the store is opened once to
 * create its schema, then the rows go in by INSERT ... SELECT FROM unnest, 5,000 at a time, with
 * their positions (and the identity moved past them), then ANALYZE, as a long-lived database
 * would have its statistics. Stops at a chunk boundary once `deadline` has passed, so what is
 * there is still a ledger. Answers the events copied.
 */
export const copyToPostgres = async (
  master: string,
  url: string,
  upTo: number,
  open: (url: string) => Promise<EventStore>,
  deadline = Infinity,
): Promise<number> => {
  const store = await open(url);
  await store.latestRecordedAt('-'); // the store creates its schema on first use
  await store.close();
  const src = new Database(master, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    const plans = [];
    for (const table of TABLES) {
      const target = (
        await client.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [table],
        )
      ).rows;
      const columns = sqliteColumns(src, table);
      sameColumns(
        table,
        columns,
        target.map((c) => c.column_name),
        'the PostgreSQL store',
      );
      plans.push({
        table,
        read: src.prepare(
          `SELECT ${columns.join(', ')} FROM ${table} WHERE position > ? AND position <= ? ORDER BY position`,
        ),
        // the rows as one JSON parameter, read back into the table's own row type
        insert:
          `INSERT INTO ${table} (${columns.join(', ')}) OVERRIDING SYSTEM VALUE ` +
          `SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)`,
      });
    }
    let copied = 0;
    while (copied < upTo && performance.now() < deadline) {
      const to = Math.min(upTo, copied + CHUNK);
      for (const plan of plans) {
        const rows = plan.read.all(copied, to);
        if (rows.length > 0) await client.query(plan.insert, [JSON.stringify(rows)]);
      }
      copied = to;
    }
    await client.query(
      "SELECT setval(pg_get_serial_sequence('events', 'position'), (SELECT COALESCE(MAX(position), 1) FROM events))",
    );
    await client.query('ANALYZE events');
    await client.query('ANALYZE commands');
    return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM events')).rows[0]?.n ?? 0);
  } finally {
    await client.end();
    src.close();
  }
};
