/**
 * The `safety-desk` queue (BullMQ on Redis) and its reconciliation: the desired schedule
 * (safety-jobs.ts) is made the queue's pending jobs. Missing jobs are added with their
 * deterministic ids and a delay computed from the caller's clock (time is injected: a test's
 * clock near a due date gives a delay of milliseconds); pending jobs (delayed or waiting) no
 * longer desired are removed: a submission, a downgrade or a void cancels what waits. Jobs
 * already run are kept (a week's worth of finished ids at least), so adding the schedule again
 * while they are kept creates none twice; once gone, the job's own check (the domain's decide
 * against the alerts already recorded) still records nothing twice.
 *
 * Not exported from the lib's index (BullMQ is slow to load): the worker and `ledger jobs
 * reschedule` import this file.
 */
import { Queue } from 'bullmq';
import type { ReadModelStore } from '../read-model.port';
import { QueueUnavailable, redisConnection, type QueueSettings } from '../worker-side/rebuild-queue';
import { desiredSafetyJobs, type SafetyJob, type SafetyJobData } from './safety-jobs';
import { DEFAULT_MONITORING_POLICY, type MonitoringPolicy } from '../../../trial-domain/src';

export const SAFETY_DESK_QUEUE = 'safety-desk';
/** Finished jobs are kept 90 days, so that their ids still block a second add while they matter. */
export const KEEP_FINISHED = { age: 90 * 24 * 3600 };
const PENDING = ['delayed', 'waiting', 'prioritized'] as const;

export const safetyDeskSettings = (queue: QueueSettings): QueueSettings => ({ ...queue, queueName: SAFETY_DESK_QUEUE });

export type SafetyDeskQueue = Queue<SafetyJobData>;

export const openSafetyDeskQueue = (settings: QueueSettings, mode: 'retry' | 'fail-fast'): SafetyDeskQueue =>
  new Queue<SafetyJobData>(SAFETY_DESK_QUEUE, {
    connection: redisConnection(settings.redisUrl, mode),
    prefix: settings.prefix,
  });

export interface ReconcileResult {
  readonly desired: number;
  readonly added: number;
  readonly removed: number;
}

/** Makes the queue's pending jobs the desired ones (see the file's comment). */
export const reconcileSafetyJobs = async (
  queue: SafetyDeskQueue,
  desired: readonly SafetyJob[],
  now: Date,
): Promise<ReconcileResult> => {
  const wanted = new Map(desired.map((j) => [j.id, j]));
  let removed = 0;
  for (const job of await queue.getJobs([...PENDING])) {
    if (job.id === undefined || wanted.has(job.id)) continue;
    // A job taken by a worker meanwhile is left to it: its check decides again on the state.
    if ((await queue.remove(job.id)) === 1) removed += 1;
  }
  const states = await Promise.all(desired.map((j) => queue.getJobState(j.id)));
  const missing = desired.filter((_, i) => states[i] === 'unknown');
  if (missing.length > 0)
    await queue.addBulk(
      missing.map((j) => ({
        name: j.data.kind,
        data: j.data,
        opts: {
          jobId: j.id,
          delay: Math.max(0, Date.parse(j.runAt) - now.getTime()),
          attempts: 5,
          backoff: { type: 'exponential', delay: 5000 },
          removeOnComplete: KEEP_FINISHED,
          removeOnFail: KEEP_FINISHED,
        },
      })),
    );
  return { desired: desired.length, added: missing.length, removed };
};

/** The desired schedule of every study in the read model, as of `now`. */
export const scheduleFromReadModel = async (
  model: ReadModelStore,
  now: Date,
  policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY,
): Promise<SafetyJob[]> => {
  const today = now.toISOString().slice(0, 10);
  const out: SafetyJob[] = [];
  for (const study of await model.studies())
    out.push(
      ...desiredSafetyJobs(
        (await model.participants(study.studyId)).map((p) => p.state),
        today,
        policy,
      ),
    );
  return out;
};

/**
 * `ledger jobs reschedule`: the read model brought to the log's head, its schedule computed as of
 * `now`, and the queue reconciled with it (fail-fast: QueueUnavailable when Redis does not answer).
 * After Redis lost everything this lays the same pending jobs again; run twice, it adds nothing.
 */
export const rescheduleSafetyJobs = async (
  reads: { fresh(): Promise<void>; readonly model: ReadModelStore },
  settings: QueueSettings,
  now: Date,
  policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY,
): Promise<ReconcileResult> => {
  await reads.fresh();
  const jobs = await scheduleFromReadModel(reads.model, now, policy);
  const queue = openSafetyDeskQueue(settings, 'fail-fast');
  queue.on('error', () => undefined);
  try {
    try {
      await queue.waitUntilReady();
    } catch (e) {
      throw new QueueUnavailable(settings.redisUrl, e);
    }
    return await reconcileSafetyJobs(queue, jobs, now);
  } finally {
    await queue.close().catch(() => undefined);
  }
};
