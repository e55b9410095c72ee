/**
 * The background worker (`npm run worker`): keeps the read model live (ReadModelFollower), runs
 * `rebuild` jobs from the BullMQ queue `projections` (rebuildProcessor), and is the safety desk:
 * after each catch-up it reconciles the `safety-desk` queue with the schedule the read model calls
 * for (SafetyDeskScheduler) and runs its reminders and checks, recording alerts through the command
 * pipeline and notifying (LEDGER_WEBHOOKS, else the log). Logs go to stderr as JSON lines. SIGTERM
 * or SIGINT stops it within a few seconds: no new page or job is started, the page in flight gets
 * a moment to commit, and a job still running is left to the next worker (its lock expires).
 *
 * Without Redis the read model is still kept live; the queues' connections retry in the background
 * with backoff, one JSON line per retry, and the schedule is reconciled once Redis answers.
 */
import { DEFAULT_LEDGER_STORE, openEventStore } from '../../../libs/event-store/src';
import { checkpointPathFor, openReadModel, ReadModelProjector } from '../../../libs/read-model/src';
import { queueSettingsFromEnv } from '../../../libs/read-model/src/worker-side/rebuild-queue';
import { CommandPipeline, systemClock } from '../../../libs/ledger/src';
import { SAFETY_DESK_QUEUE, type SafetyDeskQueue } from '../../../libs/read-model/src/safety-jobs/safety-desk-queue';
import type { SafetyJobData } from '../../../libs/read-model/src/safety-jobs/safety-jobs';
import { Queue } from 'bullmq';
import { jsonLog as log, redacted } from './json-log';
import { notifierFromEnv } from './notifications/notifier';
import { rebuildProcessor } from './projections/rebuild-processor';
import { ReadModelFollower } from './read-model/read-model-follower';
import { RedisRetryReporter } from './redis-retry';
import { safetyDeskProcessor } from './safety-desk/safety-desk';
import { SafetyDeskScheduler } from './safety-desk/safety-desk-scheduler';

/** What a stop may take before the process exits anyway. */
const STOP_DEADLINE_MS = 6000;
const GRACE_MS = 2500;

const within = <T>(ms: number, work: Promise<T>): Promise<T | 'timeout'> =>
  Promise.race([work, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);

const main = async () => {
  const spec = process.env['LEDGER_STORE'] ?? DEFAULT_LEDGER_STORE;
  const store = openEventStore(spec);
  const model = openReadModel(spec);
  const projector = new ReadModelProjector(store, model);
  const queue = queueSettingsFromEnv();
  const redis = new RedisRetryReporter(queue.redisUrl, log);
  const clock = systemClock;
  const deskQueue: SafetyDeskQueue = new Queue<SafetyJobData>(SAFETY_DESK_QUEUE, {
    connection: redis.connection(),
    prefix: queue.prefix,
  });
  deskQueue.on('error', redis.noteError);
  const scheduler = new SafetyDeskScheduler(deskQueue, model, clock, log, { onReconciled: redis.noteReady });
  const follower = new ReadModelFollower(store, projector, { log, onCaughtUp: () => scheduler.request() });
  log('info', 'worker starting', {
    store: redacted(spec),
    readModel: checkpointPathFor(spec),
    redis: redacted(queue.redisUrl),
    queue: queue.queueName,
    prefix: queue.prefix,
  });
  follower.start();
  scheduler.start();
  // After an outage (Redis restarted empty, say) the schedule is laid again once Redis answers.
  const outage = setInterval(() => redis.isAway() && scheduler.request(), 2000);
  outage.unref();

  const notifying = new AbortController();
  const desk = safetyDeskProcessor(redis.connection(), queue.prefix, {
    pipeline: new CommandPipeline(store, clock),
    clock,
    notifier: notifierFromEnv(log, process.env, notifying.signal),
    log,
  });
  desk.on('error', redis.noteError);
  desk.on('completed', (job, outcome) => log('info', 'safety job done', { job: job.id, outcome }));
  desk.on('failed', (job, e) => log('error', 'safety job failed', { job: job?.id, error: e.message }));

  const jobs = rebuildProcessor(
    queue,
    async () => {
      const r = await follower.exclusive(() => projector.rebuild());
      follower.wake();
      return r;
    },
    redis.connection(),
  );
  jobs.on('active', (job) => log('info', 'rebuild started', { job: job.id }));
  jobs.on('completed', (job, answer) => log('info', 'rebuild done', { job: job.id, ...answer }));
  jobs.on('failed', (job, e) => log('error', 'rebuild failed', { job: job?.id, error: e.message }));
  // A Redis that is away is retried for ever: one line per retry (RedisRetryReporter), no trace.
  jobs.on('error', redis.noteError);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal });
    setTimeout(() => {
      log('error', 'stop took too long; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    scheduler.stop();
    clearInterval(outage);
    notifying.abort();
    const [loop, queueClosed, deskClosed] = await Promise.all([
      within(GRACE_MS, follower.stop(GRACE_MS)),
      // An active job is not waited for: its lock expires and the next worker runs it again.
      within(GRACE_MS, jobs.close()),
      within(GRACE_MS, desk.close()),
    ]);
    await Promise.all([
      queueClosed === 'timeout' ? within(1000, jobs.close(true)) : undefined,
      deskClosed === 'timeout' ? within(1000, desk.close(true)) : undefined,
      within(1000, deskQueue.close()),
    ]);
    await model.close().catch(() => undefined);
    await within(1000, store.close()).catch(() => undefined);
    log('info', 'stopped', { signal, loop: loop === 'timeout' ? 'cut short' : 'finished' });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
};

main().catch((e: unknown) => {
  log('error', 'worker could not start', { error: (e as Error).stack ?? String(e) });
  process.exit(1);
});
