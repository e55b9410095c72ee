import type { ClientBase } from 'pg';
import { STORE_FORMAT_VERSION, StoreFormatMismatch } from '../event-store.port';

/**
 * Advisory-lock keys, in the two-int4 key space (classid 'LEDG'); advisory locks are per
 * database, so ledgers in different databases of one server never contend.
 */
export const LOCK_CLASS = 0x4c454447;
/** Held by every write transaction, from its first statement to its COMMIT. */
export const WRITE_LOCK_ID = 1;
/** Held while a process creates the schema, so two first starts do not race on CREATE TABLE. */
export const SCHEMA_LOCK_ID = 2;

/**
 * data and metadata are text holding the exact JSON the ledger wrote: jsonb would reorder keys
 * and normalise numbers, and an auditor recomputing a hash from the stored row must get the
 * bytes that were hashed. recorded_at uses the "C" collation so that MAX and <= compare the
 * normalised instants byte by byte, as SQLite does, whatever the database's locale. The
 * position identity caches one value at a time: a session must not hold a block of numbers
 * it could hand out after another session's higher ones.
 */
const SCHEMA = `
CREATE TABLE ledger_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE events (
  position bigint GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY,
  event_id text NOT NULL UNIQUE,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data text NOT NULL,
  metadata text NOT NULL,
  study_id text,
  recorded_at text COLLATE "C" NOT NULL,
  stored_at text,
  UNIQUE (stream_id, revision)
);
CREATE INDEX events_study_position ON events (study_id, position);
CREATE INDEX events_study_recorded_at ON events (study_id, recorded_at);
CREATE TABLE commands (
  command_id text PRIMARY KEY,
  envelope_hash text NOT NULL,
  study_id text NOT NULL,
  answer text NOT NULL,
  position bigint NOT NULL
);
INSERT INTO ledger_meta (key, value) VALUES ('format_version', '${STORE_FORMAT_VERSION}');
`;

interface SchemaState {
  readonly events: boolean;
  readonly meta: boolean;
}

/**
 * Creates the schema in a database that has none, or checks that the one there is of this
 * format: an older ledger's tables (stream ids two participants could share, no commands
 * table) must be refused, not misread. The lock makes a concurrent first start wait and then
 * find the tables made.
 */
export async function prepareSchema(client: ClientBase, where: string, lockTimeoutMs: number): Promise<void> {
  let state = await inspect(client);
  if (!state.events && !state.meta) {
    try {
      await client.query(
        `BEGIN; SET LOCAL lock_timeout = ${lockTimeoutMs}; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${SCHEMA_LOCK_ID})`,
      );
      state = await inspect(client);
      if (!state.events && !state.meta) await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    if (!state.events && !state.meta) return;
  }
  const version = state.meta
    ? (
        await client.query<{ value: string }>({
          text: "SELECT value FROM ledger_meta WHERE key = 'format_version'",
        })
      ).rows[0]?.value
    : undefined;
  if (version === String(STORE_FORMAT_VERSION)) return;
  throw new StoreFormatMismatch(
    version === undefined
      ? `PostgreSQL database ${where} holds an events table but no Trial Ledger format version ` +
          `(an older ledger, or another application's table); refusing to use it`
      : `PostgreSQL database ${where} is a Trial Ledger store of format ${version}; this ledger reads format ` +
          `${STORE_FORMAT_VERSION} only (stream ids and the commands table changed): re-import its source into a new database`,
  );
}

/**
 * Reads pg_class under the statement's snapshot rather than through to_regclass, whose catalog
 * cache can still say "no such table" after another session created it while we waited.
 */
async function inspect(client: ClientBase): Promise<SchemaState> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT relname FROM pg_catalog.pg_class
     WHERE relname IN ('events', 'ledger_meta') AND relkind IN ('r', 'p') AND pg_catalog.pg_table_is_visible(oid)`,
  );
  const names = new Set(rows.map((r) => r.relname));
  return { events: names.has('events'), meta: names.has('ledger_meta') };
}
