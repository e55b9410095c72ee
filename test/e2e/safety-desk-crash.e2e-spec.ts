/**
 * The worker killed mid-job (SIGKILL, a real process) and started again loses no job and writes
 * no alert twice. The example cohort's follow-up windows and IRB due dates are long past, so the
 * worker has about a hundred checks to run at once; every notification goes to a webhook that
 * answers slowly, so the first worker is killed while jobs whose alert is already appended are not
 * yet acknowledged. The second worker takes them again once their lock expires (1 s here).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { EventStore } from '../../libs/event-store/src';
import { CommandPipeline, EVENT_STORE } from '../../libs/ledger/src';
import { openReadModel, ReadSide } from '../../libs/read-model/src';
import { SAFETY_DESK_QUEUE } from '../../libs/read-model/src/safety-jobs/safety-desk-queue';
import { desiredSafetyJobs } from '../../libs/read-model/src/safety-jobs/safety-jobs';
import { startApi, type TestApi } from './support/api-harness';
import {
  dropQueue,
  startWorker,
  stopWorker,
  testQueuePrefix,
  waitFor,
  type WorkerProcess,
} from './support/read-model-worker';

const COHORT = join(__dirname, '../../examples/msc-spine-cohort.ndjson');
const prefix = testQueuePrefix('safety-crash');
const ALERTS = new Set(['SafetyReportOverdue', 'VisitMissed']);

let api: TestApi;
let hook: Server;
let hookUrl: string;
let slowMs = 300;
const received: Record<string, unknown>[] = [];
const queue = new Queue(SAFETY_DESK_QUEUE, { connection: { host: '127.0.0.1', port: 6379 }, prefix });
let worker: WorkerProcess | undefined;

const alerts = async () =>
  (await api.app.get<EventStore>(EVENT_STORE).readAllEvents()).filter((e) => ALERTS.has(e.type));
const keyOf = (x: Record<string, unknown>) =>
  [
    x['kind'] ?? x['type'],
    x['participantId'],
    x['adverseEventId'] ?? x['visit'],
    x['dueOn'] ?? x['windowClosedOn'],
  ].join('|');

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      setTimeout(() => res.writeHead(204).end(), slowMs);
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  api = await startApi('safety-desk-crash');
  const pipeline = api.app.get(CommandPipeline);
  for (const line of readFileSync(COHORT, 'utf8').split('\n'))
    if (line.trim() !== '') await pipeline.execute(JSON.parse(line), { kind: 'import' });
}, 120_000);

afterAll(async () => {
  try {
    await stopWorker(worker);
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await dropQueue(prefix);
    await api.close();
    await new Promise<void>((r) => hook.close(() => r()));
  }
}, 30_000);

it('a worker killed mid-job and started again loses no job and records no alert twice', async () => {
  const env = { LEDGER_WEBHOOKS: hookUrl, LEDGER_JOB_LOCK_MS: '1000' };
  const first = startWorker(api, prefix, env);
  // Killed once it has appended a few alerts (each job then waits on the slow webhook).
  await waitFor(async () => ((await alerts()).length >= 3 ? true : undefined), 60_000, 'the first alerts');
  first.kill('SIGKILL');
  await first;
  const atKill = (await alerts()).length;
  const counts = await queue.getJobCounts();
  // Killed mid-job: jobs taken (their alert appended, the notification pending) and not acknowledged.
  expect(counts['active']).toBeGreaterThan(0);
  expect(counts['waiting']).toBeGreaterThan(0);

  slowMs = 0;
  worker = startWorker(api, prefix, env);
  const now = new Date();
  const model = openReadModel(api.storeSpec);
  const reads = new ReadSide(api.app.get<EventStore>(EVENT_STORE), model);
  const dueChecks = async () => {
    await reads.fresh();
    const states = [];
    for (const s of await reads.model.studies())
      states.push(...(await reads.model.participants(s.studyId)).map((p) => p.state));
    return desiredSafetyJobs(states, now.toISOString().slice(0, 10)).filter(
      (j) => j.data.kind !== 'reminder' && Date.parse(j.runAt) <= now.getTime(),
    );
  };
  // Nothing lost: every check that is due has its alert recorded.
  await waitFor(async () => ((await dueChecks()).length === 0 ? true : undefined), 60_000, 'every due check recorded');
  const recorded = await alerts();
  expect(recorded.length).toBeGreaterThan(atKill);
  // Nothing twice: one event per (alert, participant, event or visit, due date), and per commandId.
  const keys = recorded.map((e) => keyOf({ type: e.type, ...(e.data as Record<string, unknown>) }));
  expect(new Set(keys).size).toBe(keys.length);
  expect(new Set(recorded.map((e) => e.metadata.commandId)).size).toBe(recorded.length);
  await model.close();
  // Every alert was notified (at least once: a job taken again after the crash notifies again).
  await waitFor(
    () => (keys.every((k) => received.some((n) => keyOf(n) === k)) ? true : undefined),
    30_000,
    'every alert notified',
  );
}, 180_000);
