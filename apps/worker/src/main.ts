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
import { DEFAULT_LEDGER_STORE, openEventStore, type EventStore } from '../../../libs/event-store/src';
import {
  checkpointPathFor,
  openReadModel,
  ReadModelProjector,
  type ReadModelStore,
} from '../../../libs/read-model/src';
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

/**
 * The safety desk (decision 0011): the schedule reconciled after each catch-up, every 5 minutes,
 * and every 2 s after a Redis outage until Redis answers; the jobs run with the system clock.
 */
const safetyDesk = (store: EventStore, model: ReadModelStore, prefix: string, redis: RedisRetryReporter) => {
  const clock = systemClock;
  const queue: SafetyDeskQueue = new Queue<SafetyJobData>(SAFETY_DESK_QUEUE, {
    connection: redis.connection(),
    prefix,
  });
  queue.on('error', redis.noteError);
  const scheduler = new SafetyDeskScheduler(queue, model, clock, log, { onReconciled: redis.noteReady });
  let outage: NodeJS.Timeout | undefined;
  const notifying = new AbortController();
  let worker: ReturnType<typeof safetyDeskProcessor> | undefined;
  return {
    request: () => scheduler.request(),
    start: () => {
      scheduler.start();
      outage = setInterval(() => redis.isAway() && scheduler.request(), 2000);
      outage.unref();
      // A job whose worker died is taken again once its lock expires (LEDGER_JOB_LOCK_MS, default 30 s).
      const lockMs = Number(process.env['LEDGER_JOB_LOCK_MS']) || 30_000;
      worker = safetyDeskProcessor(
        redis.connection(),
        prefix,
        {
          pipeline: new CommandPipeline(store, clock),
          clock,
          notifier: notifierFromEnv(log, process.env, notifying.signal),
          log,
        },
        { lockDuration: lockMs, stalledInterval: lockMs },
      );
      worker.on('error', redis.noteError);
      worker.on('completed', (job, outcome) => log('info', 'safety job done', { job: job.id, outcome }));
      worker.on('failed', (job, e) => log('error', 'safety job failed', { job: job?.id, error: e.message }));
    },
    /** A job in flight is not waited for: its lock expires and the next worker runs it again. */
    stop: async () => {
      scheduler.stop();
      clearInterval(outage);
      notifying.abort();
      if (worker !== undefined && (await within(GRACE_MS, worker.close())) === 'timeout')
        await within(1000, worker.close(true));
      await within(1000, queue.close());
    },
  };
};

const main = async () => {
  const spec = process.env['LEDGER_STORE'] ?? DEFAULT_LEDGER_STORE;
  const store = openEventStore(spec);
  const model = openReadModel(spec);
  const projector = new ReadModelProjector(store, model);
  const queue = queueSettingsFromEnv();
  const redis = new RedisRetryReporter(queue.redisUrl, log);
  // LEDGER_SAFETY_DESK=off: only the read model and rebuilds (a test that counts the log's events).
  const desk = process.env['LEDGER_SAFETY_DESK'] === 'off' ? undefined : safetyDesk(store, model, queue.prefix, redis);
  const follower = new ReadModelFollower(store, projector, { log, onCaughtUp: () => desk?.request() });
  log('info', 'worker starting', {
    store: redacted(spec),
    readModel: checkpointPathFor(spec),
    redis: redacted(queue.redisUrl),
    queue: queue.queueName,
    prefix: queue.prefix,
    safetyDesk: desk !== undefined,
  });
  follower.start();
  desk?.start();

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
    const [loop, queueClosed] = await Promise.all([
      within(GRACE_MS, follower.stop(GRACE_MS)),
      // An active job is not waited for: its lock expires and the next worker runs it again.
      within(GRACE_MS, jobs.close()),
      desk?.stop(),
    ]);
    if (queueClosed === 'timeout') await within(1000, jobs.close(true));
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
