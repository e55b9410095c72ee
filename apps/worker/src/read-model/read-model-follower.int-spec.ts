/**
 * The follower in this process, over real SQLite files: it catches up on start, folds what is
 * appended afterwards without anyone reading, runs a rebuild with its loop paused, and stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../../libs/event-store/src';
import { CommandPipeline } from '../../../../libs/ledger/src';
import { ReadModelProjector, SqliteReadModel } from '../../../../libs/read-model/src';
import type { Log } from '../json-log';
import { ReadModelFollower } from './read-model-follower';

const consent = (participantId: string, n: number) => ({
  commandId: `consent-${participantId}`,
  type: 'RecordConsent',
  recordedAt: `2024-01-01T09:00:${String(n).padStart(2, '0')}Z`,
  actor: { id: 'coord-01', role: 'coordinator' },
  data: { studyId: 'F1', participantId, consentVersion: 'v1', signedOn: '2024-01-01' },
});

const waitFor = async (done: () => Promise<boolean>, timeoutMs = 5000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('ReadModelFollower', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-model-follower-'));
  const store = SqliteEventStore.open(join(dir, 'ledger.db'), { synchronous: 'OFF', pollIntervalMs: 20 });
  const model = SqliteReadModel.open(join(dir, 'ledger.projections.db'));
  const projector = new ReadModelProjector(store, model, { snapshotEvery: 3 });
  const pipeline = new CommandPipeline(store, { now: () => new Date('2026-01-01T00:00:00Z') });
  const logged: { level: string; msg: string }[] = [];
  const log: Log = (level, msg) => void logged.push({ level, msg });
  const follower = new ReadModelFollower(store, projector, { log, pollMs: 50 });

  afterAll(async () => {
    await follower.stop();
    await model.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catches up on start and folds later appends on its own', async () => {
    await pipeline.execute(
      {
        commandId: 'register',
        type: 'RegisterStudy',
        recordedAt: '2024-01-01T08:00:00Z',
        actor: { id: 'admin-01', role: 'admin' },
        data: { studyId: 'F1', title: 'T', irbApprovalNumber: 'I', protocolVersion: '1' },
      },
      { kind: 'import' },
    );
    await pipeline.execute(consent('P1', 1), { kind: 'import' });
    follower.start();
    await waitFor(async () => (await model.position()) === store.lastPosition());
    expect(logged).toContainEqual({ level: 'info', msg: 'read model caught up' });

    for (let n = 2; n <= 6; n++) await pipeline.execute(consent(`P${n}`, n), { kind: 'import' });
    await waitFor(async () => (await model.position()) === store.lastPosition(), 1000);
    expect((await model.participants('F1')).map((p) => p.state.participantId)).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P5',
      'P6',
    ]);
  });

  it('runs a rebuild with the loop paused, and goes on folding after it', async () => {
    const result = await follower.exclusive(() => projector.rebuild());
    expect(result).toEqual({ position: store.lastPosition(), eventsFolded: 7 });
    await pipeline.execute(consent('P7', 7), { kind: 'import' });
    await waitFor(async () => (await model.position()) === store.lastPosition(), 1000);
    expect(await model.participant('F1', 'P7')).toBeDefined();
  });

  it('stops: nothing is folded afterwards', async () => {
    const started = Date.now();
    await follower.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    const at = await model.position();
    await pipeline.execute(consent('P8', 8), { kind: 'import' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await model.position()).toBe(at);
    expect(logged.filter((l) => l.level !== 'info')).toEqual([]);
  });
});
