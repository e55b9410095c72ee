/**
 * The read model in a SQLite file beside the ledger (`<ledger>.projections.db`, or
 * LEDGER_PROJECTIONS). Rows are JSON. Every write is one IMMEDIATE transaction, so a page, its
 * position and its snapshots land together or not at all.
 *
 * A snapshot copies, in SQL, only the participants changed since the study's previous snapshot
 * (`changed`) into read_versions at the snapshot's position: a study's state at a snapshot is each
 * participant's latest version at or before it. So a snapshot costs what changed, not the study.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { rosterSummary, type RosterSummary } from '../../projections/src';
import type {
  CorruptMark,
  ParticipantKey,
  ParticipantRow,
  ReadModelPage,
  ReadModelStore,
  StudyRow,
  StudySnapshot,
} from './read-model.port';

/** Bumped when the tables change: a model of another format is dropped and folded again (it is derived). */
const FORMAT = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS read_position (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
INSERT OR IGNORE INTO read_position (id, position) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS read_studies (study_id TEXT PRIMARY KEY, row TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS read_participants (
  study_id TEXT NOT NULL, participant_id TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL,
  roster TEXT NOT NULL, changed INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (study_id, participant_id));
CREATE INDEX IF NOT EXISTS read_participants_roster ON read_participants (study_id, seq);
CREATE TABLE IF NOT EXISTS read_snapshots (
  study_id TEXT NOT NULL, position INTEGER NOT NULL, last_recorded_at TEXT NOT NULL, study TEXT NOT NULL,
  PRIMARY KEY (study_id, position));
CREATE TABLE IF NOT EXISTS read_versions (
  study_id TEXT NOT NULL, participant_id TEXT NOT NULL, position INTEGER NOT NULL, seq INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (study_id, participant_id, position));
CREATE TABLE IF NOT EXISTS read_corrupt (
  stream_id TEXT PRIMARY KEY, study_id TEXT NOT NULL, position INTEGER NOT NULL, revision INTEGER, detail TEXT NOT NULL);
`;

interface ParticipantDbRow {
  seq: number;
  state: string;
}

const toRow = (r: ParticipantDbRow): ParticipantRow => ({ seq: BigInt(r.seq), state: JSON.parse(r.state) });

export class SqliteReadModel implements ReadModelStore {
  private constructor(private readonly db: Database.Database) {}

  static open(path: string): SqliteReadModel {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Writers are the worker and readers catching up: short transactions, so waiting is brief.
    db.pragma('busy_timeout = 10000');
    db.transaction(() => {
      if (db.pragma('user_version', { simple: true }) !== FORMAT) {
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'read\\_%' ESCAPE '\\'")
          .pluck()
          .all() as string[];
        for (const t of tables) db.exec(`DROP TABLE "${t}"`);
        db.pragma(`user_version = ${FORMAT}`);
      }
      db.exec(SCHEMA);
    }).immediate();
    return new SqliteReadModel(db);
  }

  async position(): Promise<bigint> {
    return this.positionNow();
  }

  private positionNow(): bigint {
    const r = this.db.prepare('SELECT position FROM read_position WHERE id = 1').get() as { position: number };
    return BigInt(r.position);
  }

  async commit(page: ReadModelPage): Promise<boolean> {
    return this.db
      .transaction((): boolean => {
        if (this.positionNow() !== page.from) return false;
        this.write(page.studies, page.participants);
        for (const studyId of page.snapshotStudies) {
          const study = page.studies.find((r) => r.studyId === studyId);
          if (study !== undefined) this.snapshot(study, page.to);
        }
        const mark = this.db.prepare(
          'INSERT OR IGNORE INTO read_corrupt (stream_id, study_id, position, revision, detail) VALUES (?, ?, ?, ?, ?)',
        );
        for (const c of page.corrupt ?? [])
          mark.run(
            c.streamId,
            c.studyId,
            Number(c.position),
            c.revision === null ? null : Number(c.revision),
            c.detail,
          );
        this.db.prepare('UPDATE read_position SET position = ? WHERE id = 1').run(Number(page.to));
        return true;
      })
      .immediate();
  }

  async reset(): Promise<void> {
    this.db
      .transaction(() => {
        this.db.exec(
          'DELETE FROM read_studies; DELETE FROM read_participants; DELETE FROM read_snapshots; ' +
            'DELETE FROM read_versions; DELETE FROM read_corrupt; UPDATE read_position SET position = 0 WHERE id = 1;',
        );
      })
      .immediate();
  }

  private write(studies: readonly StudyRow[], participants: readonly ParticipantRow[]): void {
    const study = this.db.prepare(
      'INSERT INTO read_studies (study_id, row) VALUES (?, ?) ON CONFLICT (study_id) DO UPDATE SET row = excluded.row',
    );
    for (const s of studies) study.run(s.studyId, JSON.stringify(s));
    const participant = this.db.prepare(
      `INSERT INTO read_participants (study_id, participant_id, seq, state, roster) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (study_id, participant_id) DO UPDATE SET state = excluded.state, roster = excluded.roster, changed = 1`,
    );
    for (const p of participants)
      participant.run(
        p.state.studyId,
        p.state.participantId,
        Number(p.seq),
        JSON.stringify(p.state),
        JSON.stringify(rosterSummary(p.state)),
      );
  }

  private snapshot(study: StudyRow, position: bigint): void {
    const id = study.studyId;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO read_versions (study_id, participant_id, position, seq, state)
         SELECT study_id, participant_id, ?, seq, state FROM read_participants WHERE study_id = ? AND changed = 1`,
      )
      .run(Number(position), id);
    this.db.prepare('UPDATE read_participants SET changed = 0 WHERE study_id = ? AND changed = 1').run(id);
    this.db
      .prepare(
        'INSERT OR REPLACE INTO read_snapshots (study_id, position, last_recorded_at, study) VALUES (?, ?, ?, ?)',
      )
      .run(id, Number(position), study.lastRecordedAt ?? '', JSON.stringify(study));
  }

  async studies(): Promise<StudyRow[]> {
    return (this.db.prepare('SELECT row FROM read_studies ORDER BY study_id').all() as { row: string }[]).map(
      (r) => JSON.parse(r.row) as StudyRow,
    );
  }

  async study(studyId: string): Promise<StudyRow | undefined> {
    return this.studyNow(studyId);
  }

  private studyNow(studyId: string): StudyRow | undefined {
    const r = this.db.prepare('SELECT row FROM read_studies WHERE study_id = ?').get(studyId) as
      { row: string } | undefined;
    return r === undefined ? undefined : (JSON.parse(r.row) as StudyRow);
  }

  async participants(studyId: string): Promise<ParticipantRow[]> {
    return this.participantsNow(studyId);
  }

  private participantsNow(studyId: string): ParticipantRow[] {
    return (
      this.db
        .prepare('SELECT seq, state FROM read_participants WHERE study_id = ? ORDER BY seq')
        .all(studyId) as ParticipantDbRow[]
    ).map(toRow);
  }

  async participant(studyId: string, participantId: string): Promise<ParticipantRow | undefined> {
    const r = this.db
      .prepare('SELECT seq, state FROM read_participants WHERE study_id = ? AND participant_id = ?')
      .get(studyId, participantId) as ParticipantDbRow | undefined;
    return r === undefined ? undefined : toRow(r);
  }

  async participantsByKey(keys: readonly ParticipantKey[]): Promise<ParticipantRow[]> {
    const get = this.db.prepare('SELECT seq, state FROM read_participants WHERE study_id = ? AND participant_id = ?');
    const out: ParticipantRow[] = [];
    for (const k of keys) {
      const r = get.get(k.studyId, k.participantId) as ParticipantDbRow | undefined;
      if (r !== undefined) out.push(toRow(r));
    }
    return out;
  }

  async rosterSummaries(studyId: string): Promise<RosterSummary[]> {
    return (
      this.db
        .prepare('SELECT roster FROM read_participants WHERE study_id = ? ORDER BY seq')
        .pluck()
        .all(studyId) as string[]
    ).map((r) => JSON.parse(r) as RosterSummary);
  }

  async nearestSnapshot(studyId: string, asOf: string): Promise<StudySnapshot | undefined> {
    const snap = this.db
      .prepare(
        `SELECT position, study FROM read_snapshots WHERE study_id = ? AND last_recorded_at <= ?
         ORDER BY position DESC LIMIT 1`,
      )
      .get(studyId, asOf) as { position: number; study: string } | undefined;
    if (snap === undefined) return undefined;
    const participants = (
      this.db
        .prepare(
          `SELECT v.seq, v.state FROM read_versions v
           WHERE v.study_id = ? AND v.position = (
             SELECT MAX(w.position) FROM read_versions w
             WHERE w.study_id = v.study_id AND w.participant_id = v.participant_id AND w.position <= ?)
           ORDER BY v.seq`,
        )
        .all(studyId, snap.position) as ParticipantDbRow[]
    ).map(toRow);
    return { position: BigInt(snap.position), study: JSON.parse(snap.study) as StudyRow, participants };
  }

  async corruptions(studyId?: string): Promise<CorruptMark[]> {
    const rows = (
      studyId === undefined
        ? this.db.prepare('SELECT * FROM read_corrupt ORDER BY position').all()
        : this.db.prepare('SELECT * FROM read_corrupt WHERE study_id = ? ORDER BY position').all(studyId)
    ) as { stream_id: string; study_id: string; position: number; revision: number | null; detail: string }[];
    return rows.map((r) => ({
      streamId: r.stream_id,
      studyId: r.study_id,
      position: BigInt(r.position),
      revision: r.revision === null ? null : BigInt(r.revision),
      detail: r.detail,
    }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
