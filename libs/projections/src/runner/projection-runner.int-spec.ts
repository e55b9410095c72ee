/**
 * The runner over a real SQLite store: catch-up then live, durable checkpoints in their own SQLite
 * file, restart from them, and a rebuild from position zero that is byte-identical (canonical JSON)
 * to the state built live.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src';
import { canonicalJson } from '../../../trial-domain/src';
import { studyDeviations } from '../deviations/deviations';
import { studyReportProjection } from '../study-report/study-report.projection';
import { projectionFromJSON } from '../projection';
import { liveStudyReport } from '../study-report/study-report.projection';
import { computeStudyReport } from '../study-report/compute-study-report';
import { cohortLines, importLines } from '../testing/import-cohort';
import { ProjectionRunner } from './projection-runner';
import { PROJECTIONS } from './registry';
import { checkpointPathFor, SqliteCheckpointStore } from './sqlite-checkpoint-store';

const waitFor = async (done: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('ProjectionRunner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'projections-runner-'));
  const ledgerPath = join(dir, 'ledger.db');
  const checkpointPath = checkpointPathFor(`sqlite:${ledgerPath}`, undefined);
  let store: SqliteEventStore;

  beforeAll(() => {
    store = SqliteEventStore.open(ledgerPath, { synchronous: 'OFF', pollIntervalMs: 20 });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its checkpoints next to the ledger file', () => {
    expect(checkpointPath).toBe(join(dir, 'ledger.projections.db'));
    expect(checkpointPathFor('sqlite:./data/ledger.db', 'sqlite:/tmp/p.db')).toBe('/tmp/p.db');
    expect(checkpointPathFor('esdb://localhost:2113?tls=false', undefined)).toBe('./data/projections.db');
  });

  it('catches up, follows live appends, checkpoints, restarts from them, and rebuilds to the same bytes', async () => {
    const lines = cohortLines();
    const half = Math.floor(lines.length / 2);
    await importLines(store, lines.slice(0, half));

    const checkpoints = SqliteCheckpointStore.open(checkpointPath);
    const runner = new ProjectionRunner(store, checkpoints, PROJECTIONS, {
      checkpointEvery: 250,
      checkpointDelayMs: 10,
    });
    await runner.start();
    const names = runner.names();
    for (const name of names) expect(runner.position(name)).toBe(store.lastPosition());

    // live: the rest of the cohort arrives while the runner is subscribed
    await importLines(store, lines.slice(half));
    const head = store.lastPosition();
    await waitFor(() => names.every((n) => runner.position(n) === head));
    const live = Object.fromEntries(names.map((n) => [n, runner.snapshot(n)]));

    // the live study report equals the one replayed from the log
    const now = '2030-01-01T00:00:00.000000Z';
    expect(canonicalJson(liveStudyReport(runner.state('study-report'), 'SAMPLE', now))).toBe(
      canonicalJson(computeStudyReport('SAMPLE', store.readAllSync({ studyId: 'SAMPLE' }), now)),
    );

    // durable: the checkpoints hold the live state at the head
    await runner.checkpoint();
    for (const name of names) {
      const saved = await checkpoints.load(name);
      expect(saved?.position).toBe(head);
      expect(saved?.state).toBe(live[name]);
    }
    await runner.stop();

    // a restart resumes from the checkpoints and agrees
    const restarted = new ProjectionRunner(store, checkpoints, PROJECTIONS);
    await restarted.start();
    for (const name of names) expect(restarted.snapshot(name)).toBe(live[name]);

    // rebuild from position zero: byte-identical to the live state, and the checkpoint replaced
    for (const name of names) {
      const result = await restarted.rebuild(name);
      expect(result.position).toBe(head);
      expect(restarted.snapshot(name)).toBe(live[name]);
      expect((await checkpoints.load(name))?.state).toBe(live[name]);
    }
    const studies = projectionFromJSON(studyReportProjection, JSON.parse(live['study-report']!));
    expect(studyDeviations(studies.get('SAMPLE')!.participants.values(), 'SAMPLE').items.length).toBeGreaterThan(0);

    // a rebuilt projection keeps following live appends
    await importLines(store, [
      JSON.stringify({
        commandId: 'late-consent',
        type: 'RecordConsent',
        recordedAt: '2029-01-01T00:00:00Z',
        actor: { id: 'coord-01', role: 'coordinator' },
        data: { studyId: 'SAMPLE', participantId: 'P9999', consentVersion: 'v2', signedOn: '2028-12-31' },
      }),
    ]);
    const next = store.lastPosition();
    expect(next).toBeGreaterThan(head);
    await waitFor(() => names.every((n) => restarted.position(n) === next));
    await restarted.stop();
    await checkpoints.close();
  }, 120_000);

  it('rebuilds a projection that was never started', async () => {
    const checkpoints = SqliteCheckpointStore.open(join(dir, 'other.projections.db'));
    const runner = new ProjectionRunner(store, checkpoints, PROJECTIONS);
    const result = await runner.rebuild('study-report');
    expect(result.position).toBe(store.lastPosition());
    expect((await checkpoints.load('study-report'))?.position).toBe(store.lastPosition());
    await expect(runner.rebuild('nope')).rejects.toThrow(/unknown projection nope/);
    await checkpoints.close();
  });
});
