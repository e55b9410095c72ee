/**
 * The background worker (`npm run worker`): keeps the read model live (ReadModelFollower) and runs
 * `rebuild` jobs from the BullMQ queue `projections` (rebuildProcessor). Logs go to stderr as JSON
 * lines. SIGTERM or SIGINT stops it within a few seconds: no new page or job is started, the page
 * in flight gets a moment to commit, and a rebuild still running is left to the next worker.
 *
 * Without Redis the read model is still kept live; the queue connection retries in the background.
 */
import { DEFAULT_LEDGER_STORE, openEventStore } from '../../../libs/event-store/src';
import { checkpointPathFor, openReadModel, ReadModelProjector } from '../../../libs/read-model/src';
import { queueSettingsFromEnv } from '../../../libs/read-model/src/worker-side/rebuild-queue';
import { errorText, jsonLog as log, redacted } from './json-log';
import { rebuildProcessor } from './projections/rebuild-processor';
import { ReadModelFollower } from './read-model/read-model-follower';

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
  const follower = new ReadModelFollower(store, projector, { log });
  const queue = queueSettingsFromEnv();
  log('info', 'worker starting', {
    store: redacted(spec),
    readModel: checkpointPathFor(spec),
    redis: redacted(queue.redisUrl),
    queue: queue.queueName,
    prefix: queue.prefix,
  });
  follower.start();

  const jobs = rebuildProcessor(queue, async () => {
    const r = await follower.exclusive(() => projector.rebuild());
    follower.wake();
    return r;
  });
  jobs.on('active', (job) => log('info', 'rebuild started', { job: job.id }));
  jobs.on('completed', (job, answer) => log('info', 'rebuild done', { job: job.id, ...answer }));
  jobs.on('failed', (job, e) => log('error', 'rebuild failed', { job: job?.id, error: e.message }));
  // A Redis that is away is retried for ever: say so once per message and minute, not per retry.
  const said = new Map<string, number>();
  jobs.on('error', (e) => {
    const last = said.get(e.message) ?? 0;
    if (Date.now() - last < 60_000) return;
    said.set(e.message, Date.now());
    log('warn', 'queue unavailable', { redis: redacted(queue.redisUrl), error: errorText(e) });
  });

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
      // An active rebuild is not waited for: its lock expires and the next worker runs it again.
      within(GRACE_MS, jobs.close()),
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
