/**
 * Checkpoints in their own SQLite file, next to the ledger's (`ledger.db` → `ledger.projections.db`):
 * the ledger file stays the audit record and nothing else, and the projections file can be deleted
 * at any time (everything in it is rebuilt from the log).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Checkpoint, CheckpointStore } from './checkpoint-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name TEXT PRIMARY KEY,
  position TEXT NOT NULL,
  state TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
`;

interface Row {
  readonly name: string;
  readonly position: string;
  readonly state: string;
  readonly saved_at: string;
}

export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, string, string, string]>;
  private readonly deleteOne: Database.Statement<[string]>;

  static open(path: string): SqliteCheckpointStore {
    return new SqliteCheckpointStore(path);
  }

  constructor(readonly path: string) {
    if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(resolve(path)), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // A lost checkpoint only costs a replay, so a commit need not wait for the disk.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.selectOne = this.db.prepare<[string], Row>(
      'SELECT name, position, state, saved_at FROM projection_checkpoints WHERE name = ?',
    );
    this.upsert = this.db.prepare<[string, string, string, string]>(
      `INSERT INTO projection_checkpoints (name, position, state, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state, saved_at = excluded.saved_at`,
    );
    this.deleteOne = this.db.prepare<[string]>('DELETE FROM projection_checkpoints WHERE name = ?');
  }

  async load(name: string): Promise<Checkpoint | undefined> {
    const row = this.selectOne.get(name);
    return row === undefined
      ? undefined
      : { name: row.name, position: BigInt(row.position), state: row.state, savedAt: row.saved_at };
  }

  async save(c: Checkpoint): Promise<void> {
    this.upsert.run(c.name, c.position.toString(), c.state, c.savedAt);
  }

  async remove(name: string): Promise<void> {
    this.deleteOne.run(name);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * The checkpoint file for a ledger store spec: LEDGER_PROJECTIONS (`sqlite:<path>` or a path) when
 * set; for `sqlite:<dir>/<name>.db` the sibling `<dir>/<name>.projections.db`; otherwise (EventStoreDB)
 * `./data/projections.db`.
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
