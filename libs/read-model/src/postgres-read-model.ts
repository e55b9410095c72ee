/**
 * The read model in the ledger's PostgreSQL database (tables read_*), so API instances on several
 * hosts, the worker and an import share one model. Every write is one transaction that first
 * locks the position row (compare-and-set), so pages from concurrent writers never interleave.
 */
import pg from 'pg';
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

/** Taken while a process creates the read model's tables, so two first starts do not race. */
const SCHEMA_LOCK = 'SELECT pg_advisory_xact_lock(7316, 2)';

/** Bumped when the tables change: a model of another format is dropped and folded again (it is derived). */
const FORMAT = '2';

const FORMAT_CHECK = `
CREATE TABLE IF NOT EXISTS read_meta (key text PRIMARY KEY, value text NOT NULL);
`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS read_position (id int PRIMARY KEY CHECK (id = 1), position bigint NOT NULL);
INSERT INTO read_position (id, position) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS read_studies (study_id text PRIMARY KEY, row text NOT NULL);
CREATE TABLE IF NOT EXISTS read_participants (
  study_id text NOT NULL, participant_id text NOT NULL, seq bigint NOT NULL, state text NOT NULL,
  roster text NOT NULL, changed boolean NOT NULL DEFAULT true,
  PRIMARY KEY (study_id, participant_id));
CREATE INDEX IF NOT EXISTS read_participants_roster ON read_participants (study_id, seq);
CREATE TABLE IF NOT EXISTS read_snapshots (
  study_id text NOT NULL, position bigint NOT NULL, last_recorded_at text NOT NULL, study text NOT NULL,
  PRIMARY KEY (study_id, position));
CREATE TABLE IF NOT EXISTS read_versions (
  study_id text NOT NULL, participant_id text NOT NULL, position bigint NOT NULL, seq bigint NOT NULL,
  state text NOT NULL,
  PRIMARY KEY (study_id, participant_id, position));
CREATE TABLE IF NOT EXISTS read_corrupt (
  stream_id text PRIMARY KEY, study_id text NOT NULL, position bigint NOT NULL, revision bigint, detail text NOT NULL);
`;

interface ParticipantDbRow {
  seq: string;
  state: string;
}

const toRow = (r: ParticipantDbRow): ParticipantRow => ({ seq: BigInt(r.seq), state: JSON.parse(r.state) });

export class PostgresReadModel implements ReadModelStore {
  private readonly pool: pg.Pool;
  private ready: Promise<void> | undefined;

  constructor(connectionString: string, poolSize = 4) {
    this.pool = new pg.Pool({ connectionString, max: poolSize });
    // An idle client losing its server is not a crash: the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  private schema(): Promise<void> {
    this.ready ??= this.transaction(async (c) => {
      await c.query(SCHEMA_LOCK);
      await c.query(FORMAT_CHECK);
      const { rows } = await c.query<{ value: string }>("SELECT value FROM read_meta WHERE key = 'format'");
      if (rows[0]?.value !== FORMAT) {
        await c.query(
          'DROP TABLE IF EXISTS read_position, read_studies, read_participants, read_snapshots, read_versions, read_corrupt',
        );
        await c.query(
          "INSERT INTO read_meta (key, value) VALUES ('format', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          [FORMAT],
        );
      }
      await c.query(SCHEMA);
    }).catch((e: unknown) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }

  private async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    await this.schema();
    return (await this.pool.query<R>(text, values)).rows;
  }

  async position(): Promise<bigint> {
    const [r] = await this.query<{ position: string }>('SELECT position FROM read_position WHERE id = 1');
    return BigInt(r?.position ?? 0);
  }

  async commit(page: ReadModelPage): Promise<boolean> {
    await this.schema();
    return this.transaction(async (c) => {
      const { rows } = await c.query<{ position: string }>(
        'SELECT position FROM read_position WHERE id = 1 FOR UPDATE',
      );
      if (BigInt(rows[0]?.position ?? -1) !== page.from) return false;
      await this.write(c, page.studies, page.participants);
      for (const studyId of page.snapshotStudies) {
        const study = page.studies.find((r) => r.studyId === studyId);
        if (study !== undefined) await this.snapshot(c, study, page.to);
      }
      for (const m of page.corrupt ?? [])
        await c.query(
          `INSERT INTO read_corrupt (stream_id, study_id, position, revision, detail) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (stream_id) DO NOTHING`,
          [m.streamId, m.studyId, m.position.toString(), m.revision?.toString() ?? null, m.detail],
        );
      await c.query('UPDATE read_position SET position = $1 WHERE id = 1', [page.to.toString()]);
      return true;
    });
  }

  async reset(): Promise<void> {
    await this.schema();
    await this.transaction(async (c) => {
      await c.query('SELECT position FROM read_position WHERE id = 1 FOR UPDATE');
      await c.query(
        'DELETE FROM read_studies; DELETE FROM read_participants; DELETE FROM read_snapshots; ' +
          'DELETE FROM read_versions; DELETE FROM read_corrupt; UPDATE read_position SET position = 0 WHERE id = 1;',
      );
    });
  }

  private async write(c: pg.PoolClient, studies: readonly StudyRow[], participants: readonly ParticipantRow[]) {
    if (studies.length > 0)
      await c.query(
        `INSERT INTO read_studies (study_id, row) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (study_id) DO UPDATE SET row = excluded.row`,
        [studies.map((s) => s.studyId), studies.map((s) => JSON.stringify(s))],
      );
    // In slices: one statement per page, whatever its size, but bounded parameter arrays.
    for (let i = 0; i < participants.length; i += 5000) {
      const slice = participants.slice(i, i + 5000);
      await c.query(
        `INSERT INTO read_participants (study_id, participant_id, seq, state, roster)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[])
         ON CONFLICT (study_id, participant_id)
         DO UPDATE SET state = excluded.state, roster = excluded.roster, changed = true`,
        [
          slice.map((p) => p.state.studyId),
          slice.map((p) => p.state.participantId),
          slice.map((p) => p.seq.toString()),
          slice.map((p) => JSON.stringify(p.state)),
          slice.map((p) => JSON.stringify(rosterSummary(p.state))),
        ],
      );
    }
  }

  /** Copies, in SQL, the participants changed since the study's previous snapshot, at this position. */
  private async snapshot(c: pg.PoolClient, study: StudyRow, position: bigint): Promise<void> {
    await c.query(
      `INSERT INTO read_versions (study_id, participant_id, position, seq, state)
       SELECT study_id, participant_id, $1, seq, state FROM read_participants WHERE study_id = $2 AND changed
       ON CONFLICT (study_id, participant_id, position) DO UPDATE SET state = excluded.state, seq = excluded.seq`,
      [position.toString(), study.studyId],
    );
    await c.query('UPDATE read_participants SET changed = false WHERE study_id = $1 AND changed', [study.studyId]);
    await c.query(
      `INSERT INTO read_snapshots (study_id, position, last_recorded_at, study) VALUES ($1, $2, $3, $4)
       ON CONFLICT (study_id, position) DO UPDATE SET study = excluded.study, last_recorded_at = excluded.last_recorded_at`,
      [study.studyId, position.toString(), study.lastRecordedAt ?? '', JSON.stringify(study)],
    );
  }

  async studies(): Promise<StudyRow[]> {
    return (await this.query<{ row: string }>('SELECT row FROM read_studies ORDER BY study_id')).map(
      (r) => JSON.parse(r.row) as StudyRow,
    );
  }

  async study(studyId: string): Promise<StudyRow | undefined> {
    const [r] = await this.query<{ row: string }>('SELECT row FROM read_studies WHERE study_id = $1', [studyId]);
    return r === undefined ? undefined : (JSON.parse(r.row) as StudyRow);
  }

  async participants(studyId: string): Promise<ParticipantRow[]> {
    return (
      await this.query<ParticipantDbRow>('SELECT seq, state FROM read_participants WHERE study_id = $1 ORDER BY seq', [
        studyId,
      ])
    ).map(toRow);
  }

  async participant(studyId: string, participantId: string): Promise<ParticipantRow | undefined> {
    const [r] = await this.query<ParticipantDbRow>(
      'SELECT seq, state FROM read_participants WHERE study_id = $1 AND participant_id = $2',
      [studyId, participantId],
    );
    return r === undefined ? undefined : toRow(r);
  }

  async participantsByKey(keys: readonly ParticipantKey[]): Promise<ParticipantRow[]> {
    if (keys.length === 0) return [];
    return (
      await this.query<ParticipantDbRow>(
        `SELECT p.seq, p.state FROM read_participants p
         JOIN unnest($1::text[], $2::text[]) AS k(study_id, participant_id)
           ON p.study_id = k.study_id AND p.participant_id = k.participant_id`,
        [keys.map((k) => k.studyId), keys.map((k) => k.participantId)],
      )
    ).map(toRow);
  }

  async rosterSummaries(studyId: string): Promise<RosterSummary[]> {
    return (
      await this.query<{ roster: string }>('SELECT roster FROM read_participants WHERE study_id = $1 ORDER BY seq', [
        studyId,
      ])
    ).map((r) => JSON.parse(r.roster) as RosterSummary);
  }

  async nearestSnapshot(studyId: string, asOf: string): Promise<StudySnapshot | undefined> {
    const [snap] = await this.query<{ position: string; study: string }>(
      `SELECT position, study FROM read_snapshots WHERE study_id = $1 AND last_recorded_at <= $2
       ORDER BY position DESC LIMIT 1`,
      [studyId, asOf],
    );
    if (snap === undefined) return undefined;
    const participants = (
      await this.query<ParticipantDbRow>(
        `SELECT DISTINCT ON (participant_id) seq, state FROM read_versions
         WHERE study_id = $1 AND position <= $2 ORDER BY participant_id, position DESC`,
        [studyId, snap.position],
      )
    )
      .map(toRow)
      .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
    return { position: BigInt(snap.position), study: JSON.parse(snap.study) as StudyRow, participants };
  }

  async corruptions(studyId?: string): Promise<CorruptMark[]> {
    const rows = await this.query<{
      stream_id: string;
      study_id: string;
      position: string;
      revision: string | null;
      detail: string;
    }>(
      studyId === undefined
        ? 'SELECT * FROM read_corrupt ORDER BY position'
        : 'SELECT * FROM read_corrupt WHERE study_id = $1 ORDER BY position',
      studyId === undefined ? [] : [studyId],
    );
    return rows.map((r) => ({
      streamId: r.stream_id,
      studyId: r.study_id,
      position: BigInt(r.position),
      revision: r.revision === null ? null : BigInt(r.revision),
      detail: r.detail,
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
