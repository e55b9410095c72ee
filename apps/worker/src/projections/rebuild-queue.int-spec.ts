import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { SqliteEventStore } from '../../../../libs/event-store/src';
import { CommandPipeline } from '../../../../libs/ledger/src';
import { ProjectionHost } from './projection-host';
import { rebuildQueue, rebuildWorker, redisConnection } from './rebuild-queue';

const line = (o: Record<string, unknown>) => ({
  recordedAt: '2024-01-01T09:00:00Z',
  actor: { id: 'coord-01', role: 'coordinator' },
  ...o,
});

describe('the projections worker on a real Redis', () => {
  const queueName = `projections-test-${process.pid}-${Date.now()}`;
  const connection = redisConnection();
  let dir: string;
  let store: SqliteEventStore;
  let host: ProjectionHost;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-worker-'));
    const spec = `sqlite:${join(dir, 'ledger.db')}`;
    store = SqliteEventStore.open(join(dir, 'ledger.db'), { synchronous: 'OFF', pollIntervalMs: 20 });
    const pipeline = new CommandPipeline(store, { now: () => new Date('2026-01-01T00:00:00Z') });
    await pipeline.execute(
      line({
        commandId: 'c-1',
        type: 'RegisterStudy',
        actor: { id: 'admin-01', role: 'admin' },
        data: { studyId: 'W1', title: 'T', irbApprovalNumber: 'I', protocolVersion: '1' },
      }),
      { kind: 'import' },
    );
    await pipeline.execute(
      line({
        commandId: 'c-2',
        type: 'RecordConsent',
        data: { studyId: 'W1', participantId: 'P1', consentVersion: 'v1', signedOn: '2024-01-01' },
      }),
      { kind: 'import' },
    );
    host = await ProjectionHost.start(store, spec, () => undefined);
  });

  afterAll(async () => {
    await host.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a queued rebuild job and answers with the position reached and the events folded', async () => {
    const worker = rebuildWorker(connection, (name) => host.rebuild(name), queueName);
    const queue = rebuildQueue(connection, queueName);
    const events = new QueueEvents(queueName, { connection });
    try {
      await events.waitUntilReady();
      const job = await queue.add('rebuild', { projection: 'study-report' });
      const answer = await job.waitUntilFinished(events, 20_000);
      expect(answer).toEqual({ name: 'study-report', position: String(store.lastPosition()), eventsFolded: 2 });

      const bad = await queue.add('rebuild', { projection: 'no-such-projection' });
      await expect(bad.waitUntilFinished(events, 20_000)).rejects.toThrow(/unknown projection no-such-projection/);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await events.close();
    }
  });
});
