/**
 * A rebuild is a job on the BullMQ queue `projections`: the API (POST /api/v1/projections/rebuild)
 * and the CLI (`ledger rebuild`) queue it, the worker runs it, and the read model it writes is
 * byte for byte the one the worker built live, snapshots included (one every 50 events of a study
 * here, so the example cohort has several). Real Redis, on prefixes of this test's own.
 */
import { SNAPSHOT_EVERY } from './support/small-snapshots';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '../../libs/event-store/src';
import { CommandPipeline, EVENT_STORE } from '../../libs/ledger/src';
import { runTs } from '../support/child-process';
import { startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';
import {
  dropQueue,
  probeReadModel,
  startWorker,
  stopWorker,
  storeHead,
  testQueuePrefix,
  waitFor,
  type ReadModelProbe,
  type WorkerProcess,
} from './support/read-model-worker';

const COHORT = join(__dirname, '../../examples/msc-spine-cohort.ndjson');
const prefix = testQueuePrefix('rebuild');
/** A queue no worker takes jobs from: what was asked for stays waiting. */
const idle = testQueuePrefix('idle');
const saved = { prefix: process.env.LEDGER_QUEUE_PREFIX, redis: process.env.REDIS_URL };

interface RebuildJob {
  jobId: string;
  state: string;
  requestedAt: string;
  finishedAt: string | null;
  answer: { position: string; eventsFolded: number } | null;
  failedReason: string | null;
}

let api: TestApi;
let worker: WorkerProcess | undefined;
let model: ReadModelProbe;
let events: number;

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runTs('apps/cli/src/main.ts', args, { LEDGER_STORE: api.storeSpec, LEDGER_QUEUE_PREFIX: prefix, ...env });

const askRebuild = (role: 'admin' | 'coordinator' = 'admin') =>
  api
    .http()
    .post('/api/v1/projections/rebuild')
    .set('Content-Type', 'application/json')
    .set('Authorization', `Bearer ${api.tokens[role]}`);

const followRebuild = (jobId: string): Promise<RebuildJob> =>
  waitFor(
    async () => {
      const job = (await api.get(`/api/v1/projections/rebuilds/${jobId}`, 'admin').expect(200)).body as RebuildJob;
      return job.state === 'completed' || job.state === 'failed' ? job : undefined;
    },
    30_000,
    `rebuild job ${jobId}`,
    50,
  );

const caughtUp = async (timeoutMs: number): Promise<void> => {
  const head = await storeHead(api);
  await waitFor(async () => ((await model.position()) === head ? true : undefined), timeoutMs, 'the worker');
};

/** Damages the read model behind the worker's back (its position stays), so only a rebuild repairs it. */
const damage = (): Promise<void> =>
  model.exec(
    "DELETE FROM read_snapshots; DELETE FROM read_versions WHERE seq % 3 = 0; DELETE FROM read_participants WHERE seq % 2 = 0; UPDATE read_studies SET row = '{}'",
  );

beforeAll(async () => {
  api = await startApi('read-model-rebuild');
  model = probeReadModel(api);
  process.env.LEDGER_QUEUE_PREFIX = prefix;
  // The safety desk would append alerts for the cohort's missed visits while the test counts events.
  worker = startWorker(api, prefix, { LEDGER_SNAPSHOT_EVERY: SNAPSHOT_EVERY, LEDGER_SAFETY_DESK: 'off' });
  // the example cohort, command by command, while the worker follows
  const pipeline = api.app.get(CommandPipeline);
  for (const line of readFileSync(COHORT, 'utf8').split('\n'))
    if (line.trim() !== '') await pipeline.execute(JSON.parse(line), { kind: 'import' });
  events = (await api.app.get<EventStore>(EVENT_STORE).readAllEvents()).length;
  await caughtUp(60_000);
}, 120_000);

afterAll(async () => {
  process.env.LEDGER_QUEUE_PREFIX = saved.prefix;
  process.env.REDIS_URL = saved.redis;
  if (saved.prefix === undefined) delete process.env.LEDGER_QUEUE_PREFIX;
  if (saved.redis === undefined) delete process.env.REDIS_URL;
  try {
    await stopWorker(worker);
  } finally {
    await dropQueue(prefix);
    await dropQueue(idle);
    await model.close();
    await api.close();
  }
}, 30_000);

describe('a rebuild through BullMQ', () => {
  it('gives a byte-identical read model, snapshots included (POST then GET the job)', async () => {
    const live = await model.dump();
    // each table's first entry is its schema
    expect(live['read_snapshots']!.length - 1).toBeGreaterThanOrEqual(Math.floor(events / Number(SNAPSHOT_EVERY)));
    expect(live['read_participants']!.length - 1).toBe(48);
    await damage();
    expect(await model.dump()).not.toEqual(live);

    const res = await askRebuild().expect(202);
    const asked = res.body as RebuildJob;
    expect(asked).toMatchObject({ jobId: expect.any(String), state: expect.any(String) });
    expect(res.headers['location']).toBe(`/api/v1/projections/rebuilds/${asked.jobId}`);
    const done = await followRebuild(asked.jobId);
    expect(done).toMatchObject({
      jobId: asked.jobId,
      state: 'completed',
      answer: { position: String(await storeHead(api)), eventsFolded: events },
      failedReason: null,
      finishedAt: expect.any(String),
    });

    const rebuilt = await model.dump();
    expect(rebuilt).toEqual(live);
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(live));
  }, 60_000);

  it('`ledger rebuild` queues one and follows it to its answer', async () => {
    const live = await model.dump();
    await damage();
    const { code, stdout, stderr } = await cli(['rebuild']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({
      jobId: expect.any(String),
      position: String(await storeHead(api)),
      eventsFolded: events,
    });
    expect(await model.dump()).toEqual(live);
  }, 60_000);

  it('after a rebuild the worker keeps the model live', async () => {
    const started = Date.now();
    const res = await api.command('coordinator', c.recordConsent({ studyId: 'MSC-SPINE-1', participantId: 'MSC-901' }));
    expect(res.status).toBe(201);
    await caughtUp(1000);
    expect(Date.now() - started).toBeLessThan(1000);
    const roster = await api.get('/api/v1/studies/MSC-SPINE-1/participants').expect(200);
    expect((roster.body as { participants: unknown[] }).participants).toHaveLength(49);
  });

  it('asked twice while one is waiting, over HTTP and from the CLI, is queued once', async () => {
    process.env.LEDGER_QUEUE_PREFIX = idle;
    try {
      const first = (await askRebuild().expect(202)).body as RebuildJob;
      const second = (await askRebuild().expect(202)).body as RebuildJob;
      expect(first.state).toBe('waiting');
      expect(second).toEqual(first);
      const fromCli = await cli(['rebuild', '--no-wait'], { LEDGER_QUEUE_PREFIX: idle });
      expect(fromCli.code).toBe(0);
      expect(JSON.parse(fromCli.stdout)).toEqual({ jobId: first.jobId, state: 'waiting' });
      const followed = await cli(['rebuild', '--timeout', '0.5'], { LEDGER_QUEUE_PREFIX: idle });
      expect(followed.code).toBe(1);
      expect(followed.stderr).toBe(`ledger: rebuild job ${first.jobId} was not done within 0.5 s; it stays queued\n`);
    } finally {
      process.env.LEDGER_QUEUE_PREFIX = prefix;
    }
  }, 60_000);
});

describe('the rebuild routes and command, refused', () => {
  it('are for admins only, and need a token', async () => {
    const res = await askRebuild('coordinator').expect(403);
    expect(res.body).toEqual({ error: 'FORBIDDEN', message: expect.stringContaining('admin') });
    await api.get('/api/v1/projections/rebuilds/1', 'coordinator').expect(403);
    await api.http().post('/api/v1/projections/rebuild').set('Content-Type', 'application/json').expect(401);
    await api.http().get('/api/v1/projections/rebuilds/1').expect(401);
  });

  it('404 for a job the queue does not hold', async () => {
    const res = await api.get('/api/v1/projections/rebuilds/no-such-job', 'admin').expect(404);
    expect(res.body).toEqual({ error: 'UNKNOWN_JOB', message: 'no rebuild job no-such-job', field: 'jobId' });
  });

  it('503 QUEUE_UNAVAILABLE over HTTP, exit 2 with one line from the CLI, when Redis cannot be reached', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    try {
      const res = await askRebuild().expect(503);
      expect(res.body).toEqual({ error: 'QUEUE_UNAVAILABLE', message: expect.stringContaining('127.0.0.1:1') });
    } finally {
      process.env.REDIS_URL = saved.redis;
      if (saved.redis === undefined) delete process.env.REDIS_URL;
    }
    const { code, stdout, stderr } = await cli(['rebuild'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^ledger: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(REDIS_URL\): [^\n]+\n$/);
  }, 30_000);

  it('are in the OpenAPI document', async () => {
    const doc = (await api.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/api/v1/projections/rebuild']?.['post']?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '401', '403', '415', '503']),
    );
    expect(Object.keys(doc.paths['/api/v1/projections/rebuilds/{jobId}']?.['get']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '503']),
    );
    expect(doc.components.schemas).toHaveProperty('RebuildJobDto');
    expect(doc.components.schemas).toHaveProperty('RebuildAnswerDto');
  });
});
