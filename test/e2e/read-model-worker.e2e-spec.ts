/**
 * The worker keeps the read model live: with `apps/worker/src/main.ts` running as its own process
 * beside the API, a command appended over HTTP is folded into the read model by the worker alone
 * (no read is made until the model's position has reached the log's head) and shows on the roster
 * and the participant routes within a second. SIGTERM stops the worker well within 10 s.
 */
import { startApi, participantPath, type TestApi } from './support/api-harness';
import * as c from './support/commands';
import {
  dropQueue,
  logLines,
  probeReadModel,
  startWorker,
  stopWorker,
  storeHead,
  testQueuePrefix,
  waitFor,
  type ReadModelProbe,
  type WorkerProcess,
} from './support/read-model-worker';

const STUDY = 'S-LIVE';
const prefix = testQueuePrefix('worker');

let api: TestApi;
let worker: WorkerProcess | undefined;
let model: ReadModelProbe;

beforeAll(async () => {
  api = await startApi('read-model-worker');
  model = probeReadModel(api);
  expect((await api.command('admin', c.registerStudy(STUDY))).status).toBe(201);
  expect((await api.command('coordinator', c.recordConsent({ studyId: STUDY, participantId: 'P-1' }))).status).toBe(
    201,
  );
}, 60_000);

afterAll(async () => {
  try {
    await stopWorker(worker);
  } finally {
    await dropQueue(prefix);
    await model.close();
    await api.close();
  }
}, 30_000);

describe('the worker and the read model', () => {
  it('nothing folds the log into the read model while no read is made and no worker runs', async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(await storeHead(api)).toBe(2n);
    expect(await model.position()).toBe(0n);
  });

  it('the worker catches up on start, then folds each command appended over HTTP within a second', async () => {
    worker = startWorker(api, prefix);
    const head = await storeHead(api);
    // start-up compiles the worker from its sources: allow it time
    await waitFor(async () => ((await model.position()) === head ? true : undefined), 60_000, 'the first catch-up');
    // The API answers reads from threads started on its first read: start them before timing.
    await api.get(`/api/v1/studies/${STUDY}/participants`).expect(200);

    for (const participantId of ['P-2', 'P-3', 'P-4']) {
      const started = Date.now();
      const res = await api.command('coordinator', c.recordConsent({ studyId: STUDY, participantId }));
      expect(res.status).toBe(201);
      const appended = await storeHead(api);
      // the model reaches the head with no read made: the worker folded it
      await waitFor(
        async () => ((await model.position()) === appended ? true : undefined),
        1000,
        `the worker to fold ${participantId}`,
      );
      const roster = await api.get(`/api/v1/studies/${STUDY}/participants`).expect(200);
      expect(
        (roster.body as { participants: { participantId: string }[] }).participants.map((p) => p.participantId),
      ).toContain(participantId);
      const one = await api.get(participantPath(STUDY, participantId)).expect(200);
      expect(one.body).toMatchObject({ studyId: STUDY, participantId });
      expect(Date.now() - started).toBeLessThan(1000);
    }
  }, 90_000);

  it('stops on SIGTERM within 10 s, logging JSON lines to stderr', async () => {
    const running = worker as WorkerProcess;
    const started = Date.now();
    running.kill('SIGTERM');
    const { code, stdout, stderr } = await running;
    worker = undefined;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const messages = logLines(stderr).map((l) => l.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['worker starting', 'read model caught up', 'stopping', 'stopped']),
    );
  }, 30_000);
});
