/**
 * The read model against the public sample (150 participants): folded page by page, by several
 * writers at once, and replayed as of past instants from snapshots, it always equals the fold of
 * the log from the start; an unreadable stored event fails only the views built on it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorruptEvent, SqliteEventStore, type RecordedEvent } from '../../event-store/src';
import {
  computeStudyReport,
  foldEvents,
  participantsOf,
  participantsProjection,
  rosterEntry,
  formatInstant,
} from '../../projections/src';
import { cohortLines, importLines } from '../../projections/src/testing/import-cohort';
import { ReadModelProjector } from './projector';
import { ReadSide } from './read-side';
import { SqliteReadModel } from './sqlite-read-model';

const STUDY = 'SAMPLE';
const INSTANTS = ['2022-07-06T23:59:59.000000Z', '2023-06-20T13:37:00.000000Z', '2025-07-31T23:59:59.000000Z'];

/** Every table of a read-model file: what "byte-identical" compares. */
const dump = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      position: db.prepare('SELECT position FROM read_position').get(),
      studies: db.prepare('SELECT * FROM read_studies ORDER BY study_id').all(),
      participants: db.prepare('SELECT * FROM read_participants ORDER BY study_id, participant_id').all(),
      snapshots: db.prepare('SELECT * FROM read_snapshots ORDER BY study_id, position').all(),
      versions: db.prepare('SELECT * FROM read_versions ORDER BY study_id, participant_id, position').all(),
      corrupt: db.prepare('SELECT * FROM read_corrupt ORDER BY stream_id').all(),
    };
  } finally {
    db.close();
  }
};

describe('the read model', () => {
  let dir: string;
  let store: SqliteEventStore;
  let events: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-read-model-'));
    store = SqliteEventStore.open(join(dir, 'ledger.db'), { synchronous: 'OFF' });
    const lines = cohortLines();
    const models = [1, 2, 3].map((i) => SqliteReadModel.open(join(dir, `incremental-${i}.db`)));
    // Three writers on one model file, racing, while the log grows in four parts.
    const shared = models.map(() => SqliteReadModel.open(join(dir, 'shared.db')));
    const quarter = Math.ceil(lines.length / 4);
    for (let i = 0; i < 4; i++) {
      await importLines(store, lines.slice(i * quarter, (i + 1) * quarter));
      await new ReadModelProjector(store, models[0]!, { pageSize: 97, snapshotEvery: 211 }).catchUp();
      await Promise.all(
        shared.map((m, j) => new ReadModelProjector(store, m, { pageSize: 50 + 31 * j, snapshotEvery: 211 }).catchUp()),
      );
    }
    const rebuilt = SqliteReadModel.open(join(dir, 'rebuilt.db'));
    await new ReadModelProjector(store, rebuilt, { pageSize: 1000, snapshotEvery: 211 }).rebuild();
    for (const m of [...models, ...shared, rebuilt]) await m.close();
    events = await store.readAllEvents({});
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folded page by page, and by racing writers, is byte-identical to a rebuild from position zero', () => {
    const rebuilt = dump(join(dir, 'rebuilt.db'));
    expect(rebuilt.snapshots.length).toBeGreaterThan(3);
    expect(dump(join(dir, 'incremental-1.db'))).toEqual(rebuilt);
    expect(dump(join(dir, 'shared.db'))).toEqual(rebuilt);
    const study = JSON.parse((rebuilt.studies[0] as { row: string }).row) as { eventsApplied: number };
    // Every event of the study folded exactly once, whoever folded it.
    expect(study.eventsApplied).toBe(events.filter((e) => e.metadata.studyId === STUDY).length);
  });

  it('answers the roster and the report as of past instants exactly as a fold from the start does', async () => {
    const model = SqliteReadModel.open(join(dir, 'rebuilt.db'));
    const reads = new ReadSide(store, model, { snapshotEvery: 211 });
    try {
      for (const asOf of INSTANTS) {
        const upTo = events.filter((e) => e.metadata.recordedAt <= asOf);
        const states = participantsOf(foldEvents(participantsProjection, upTo).values(), STUDY);
        expect(await reads.roster(STUDY, asOf)).toEqual({
          studyId: STUDY,
          asOf: formatInstant(asOf),
          participants: states.map((p) => rosterEntry(p, asOf.slice(0, 10))),
        });
        expect(await reads.report(STUDY, asOf)).toEqual(computeStudyReport(STUDY, events, asOf));
      }
    } finally {
      await model.close();
    }
  });

  it('drops a model of another format and starts again from position zero (it is derived)', async () => {
    const path = join(dir, 'old-format.db');
    const old = new Database(path);
    old.exec('CREATE TABLE read_position (id INTEGER PRIMARY KEY, position INTEGER NOT NULL)');
    old.exec('INSERT INTO read_position VALUES (1, 999); CREATE TABLE read_participants (x TEXT)');
    old.pragma('user_version = 1');
    old.close();
    const model = SqliteReadModel.open(path);
    try {
      expect(await model.position()).toBe(0n);
      await new ReadModelProjector(store, model).catchUp();
      expect((await model.rosterSummaries(STUDY)).length).toBe(150);
    } finally {
      await model.close();
    }
  });

  it('marks an unreadable event once: its participant and study views fail naming it, the others read on', async () => {
    const ledger = new Database(join(dir, 'ledger.db'));
    const victim = events.find((e) => e.type === 'AssessmentRecorded') as RecordedEvent;
    const other = events.find(
      (e) => e.type === 'ConsentRecorded' && e.streamId !== victim.streamId && e.metadata.studyId === STUDY,
    ) as RecordedEvent;
    ledger.prepare("UPDATE events SET metadata = '{' WHERE position = ?").run(Number(victim.position));
    ledger.close();
    const model = SqliteReadModel.open(join(dir, 'after-tamper.db'));
    const reads = new ReadSide(store, model);
    try {
      const victimId = (victim.data as { participantId: string }).participantId;
      const otherId = (other.data as { participantId: string }).participantId;
      const now = '2030-01-01T00:00:00.000000Z';
      await expect(reads.participant(STUDY, victimId, now)).rejects.toThrow(CorruptEvent);
      await expect(reads.participant(STUDY, victimId, now)).rejects.toThrow(
        new RegExp(`position ${victim.position} in stream ${victim.streamId.replace('.', '\\.')}`),
      );
      await expect(reads.roster(STUDY, now)).rejects.toThrow(CorruptEvent);
      await expect(reads.participant(STUDY, otherId, now)).resolves.toMatchObject({ participantId: otherId });
      expect(await model.position()).toBe(events[events.length - 1]?.position);
      expect(await model.corruptions()).toHaveLength(1);
    } finally {
      await model.close();
    }
  });
});
