/**
 * The worker as the safety desk, a real second process, with Redis unreachable and then back:
 * - with Redis away the API records commands and answers reads, and the worker keeps the read
 *   model live; it logs one JSON line per retry (with backoff), never a stack trace;
 * - once Redis answers (a TCP relay to 127.0.0.1:6379 is opened), the worker lays the safety
 *   desk's schedule on its queue (a prefix of this test's own) and runs it: the treated
 *   participant's six follow-up windows all closed long ago, so six VisitMissed, each once;
 * - SIGTERM ends it within 10 s, Redis or not.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { SAFETY_DESK_QUEUE } from '../../libs/read-model/src/safety-jobs/safety-desk-queue';
import { participantPath, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';
import {
  dropQueue,
  probeReadModel,
  startWorker,
  storeHead,
  testQueuePrefix,
  waitFor,
  type ReadModelProbe,
} from './support/read-model-worker';

const STUDY = 'S-DESK';
const P = { studyId: STUDY, participantId: 'P-1' };
const prefix = testQueuePrefix('safety-desk');

/** A port that refuses connections until `open()`, then relays them to the real Redis. */
const redisRelay = async () => {
  const sockets = new Set<Socket>();
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  let server: Server | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    open: () =>
      new Promise<void>((r) => {
        server = createServer((inbound) => {
          const outbound = connect(6379, '127.0.0.1');
          sockets.add(inbound).add(outbound);
          inbound.pipe(outbound).pipe(inbound);
          const end = () => (inbound.destroy(), outbound.destroy());
          inbound.on('error', end).on('close', end);
          outbound.on('error', end).on('close', end);
        });
        server.listen(port, '127.0.0.1', r);
      }),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        if (server === undefined) return r();
        server.close(() => r());
      }),
  };
};

let api: TestApi;
let model: ReadModelProbe;
const queue = new Queue(SAFETY_DESK_QUEUE, { connection: { host: '127.0.0.1', port: 6379 }, prefix });

beforeAll(async () => {
  api = await startApi('safety-desk-worker');
  model = probeReadModel(api);
}, 60_000);

afterAll(async () => {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await dropQueue(prefix);
  await model.close();
  await api.close();
}, 30_000);

const history = async () =>
  (await api.get(`${participantPath(STUDY, 'P-1')}/history`).expect(200)).body as {
    events: { type: string; data: Record<string, unknown>; metadata: { actor: unknown } }[];
  };

it('Redis away: the API records and reads, the worker keeps the model live, logs a line per retry, and records each alert once Redis is back', async () => {
  const relay = await redisRelay();
  const saved = process.env.REDIS_URL;
  process.env.REDIS_URL = relay.url;
  const worker = startWorker(api, prefix, { REDIS_URL: relay.url });
  try {
    expect((await api.command('admin', c.registerStudy(STUDY))).status).toBe(201);
    expect((await api.command('coordinator', c.recordConsent(P))).status).toBe(201);
    expect((await api.command('coordinator', c.enrollParticipant(P))).status).toBe(201);
    expect((await api.command('coordinator', c.recordProcedure(P))).status).toBe(201);
    const head = await storeHead(api);
    await waitFor(async () => ((await model.position()) === head ? true : undefined), 60_000, 'the worker catch-up');
    expect((await api.get(`/api/v1/studies/${STUDY}/participants`).expect(200)).body.participants).toHaveLength(1);
    // Let it retry a few times (1 s, 2 s, ...).
    await new Promise((r) => setTimeout(r, 3500));
    // Nothing could be queued yet.
    expect(Object.values(await queue.getJobCounts()).every((n) => n === 0)).toBe(true);

    await relay.open();
    const visits = await waitFor(
      async () => {
        const missed = (await history()).events.filter((e) => e.type === 'VisitMissed');
        return missed.length === 6 ? missed : undefined;
      },
      30_000,
      'six VisitMissed',
    );
    expect(visits.map((e) => e.data['visit']).sort()).toEqual(['m1', 'm12', 'm18', 'm24', 'm3', 'm6']);
    expect(visits[0]?.metadata.actor).toEqual({ id: 'ledger', role: 'system' });
    // A later catch-up reconciles again: nothing is recorded twice.
    expect((await api.command('coordinator', c.startMedicationHold(P))).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await history()).events.filter((e) => e.type === 'VisitMissed')).toHaveLength(6);
  } catch (e) {
    // A failure above must not leave the worker running.
    worker.kill('SIGKILL');
    process.stderr.write((await worker).stderr);
    throw e;
  } finally {
    process.env.REDIS_URL = saved;
    if (saved === undefined) delete process.env.REDIS_URL;
    await relay.close();
  }

  // Redis away again: SIGTERM ends the worker within 10 s.
  await new Promise((r) => setTimeout(r, 1000));
  const stopping = Date.now();
  worker.kill('SIGTERM');
  const { code, stderr } = await worker;
  expect(Date.now() - stopping).toBeLessThan(10_000);
  expect(code).toBe(0);

  const lines = stderr.split('\n').filter((l) => l !== '');
  // Every line is one JSON object: no stack trace, no multi-line output.
  const logs = lines.map((l) => JSON.parse(l) as { msg: string; attempt?: number; retryInMs?: number; error?: string });
  const retries = logs.filter((l) => l.msg === 'redis unreachable; retrying');
  expect(retries.length).toBeGreaterThanOrEqual(2);
  // About one line per retry: a few seconds away is a handful of lines, with backoff.
  expect(retries.length).toBeLessThan(12);
  expect(retries[0]).toEqual(expect.objectContaining({ attempt: 1, retryInMs: 1000, error: expect.any(String) }));
  expect(retries.some((l) => (l.retryInMs ?? 0) >= 2000)).toBe(true);
  expect(logs).toContainEqual(expect.objectContaining({ msg: 'redis reachable again' }));
  expect(logs).toContainEqual(expect.objectContaining({ msg: 'stopped' }));
}, 120_000);
