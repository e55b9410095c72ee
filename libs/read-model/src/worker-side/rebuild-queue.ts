/**
 * The `projections` queue (BullMQ on Redis) and its one job: `rebuild`, data `{}` (the read model
 * is one model), which folds the whole log again and replaces the read model in one transaction.
 * Its answer is `{ position, eventsFolded }`, the position as a decimal string (bigints do not
 * survive Redis' JSON). The worker runs the jobs; the API and the CLI ask for them and follow them.
 *
 * Asked twice, run once: every rebuild carries the BullMQ deduplication id `rebuild`, so while one
 * is waiting or running, asking again answers that job instead of queueing another (BullMQ lets
 * the id go when the job completes or fails). Joining a rebuild that started before the ask loses
 * nothing: what it writes is the fold of the log up to its position, the same bytes catching up
 * would write, and the worker folds whatever came after.
 *
 * Not exported from the lib's index: loading BullMQ takes about 0.3 s, which every CLI command and
 * the API's start would pay. The API and the CLI load this file when a rebuild is asked for.
 */
import { Queue, type ConnectionOptions, type Job } from 'bullmq';

export const PROJECTIONS_QUEUE = 'projections';
export const REBUILD_JOB = 'rebuild';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const DEDUPLICATION = { id: REBUILD_JOB };
/** Finished jobs are kept a week (at most 100 of each) so that they can still be looked up. */
const KEEP = { age: 7 * 24 * 3600, count: 100 };

export type RebuildData = Record<string, never>;

export interface RebuildAnswer {
  /** The log position the rebuilt model stands at (a decimal bigint). */
  readonly position: string;
  readonly eventsFolded: number;
}

export interface RebuildJobView {
  readonly jobId: string;
  /** BullMQ's state: waiting, active, completed, failed (or delayed, prioritized). */
  readonly state: string;
  readonly requestedAt: string;
  readonly finishedAt: string | null;
  /** When completed. */
  readonly answer: RebuildAnswer | null;
  /** When failed. */
  readonly failedReason: string | null;
}

export interface QueueSettings {
  /** REDIS_URL: `redis://[user:password@]host[:port][/db]`. */
  readonly redisUrl: string;
  /** LEDGER_QUEUE_PREFIX: the Redis key prefix of the queues (BullMQ's default `bull`). */
  readonly prefix: string;
  readonly queueName: string;
}

export const queueSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): QueueSettings => ({
  redisUrl: env['REDIS_URL']?.trim() || DEFAULT_REDIS_URL,
  prefix: env['LEDGER_QUEUE_PREFIX']?.trim() || 'bull',
  queueName: PROJECTIONS_QUEUE,
});

/** The URL without its password, for messages and logs. */
export const redactedRedisUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/**
 * Connection options for a URL. A long-lived consumer (the worker) retries for ever, as BullMQ
 * does by default; a short-lived producer (an API request, a CLI command) tries once, so that an
 * unreachable Redis is an answer within seconds rather than a hang.
 */
export const redisConnection = (url: string, mode: 'retry' | 'fail-fast'): ConnectionOptions => {
  const u = new URL(url);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username !== '' && { username: decodeURIComponent(u.username) }),
    ...(u.password !== '' && { password: decodeURIComponent(u.password) }),
    ...(db !== '' && { db: Number(db) }),
    maxRetriesPerRequest: null,
    ...(mode === 'fail-fast' && { retryStrategy: () => null, connectTimeout: 3000 }),
  };
};

/** Redis could not be reached: nothing was queued. */
export class QueueUnavailable extends Error {
  constructor(
    readonly redisUrl: string,
    cause: unknown,
  ) {
    super(`cannot reach Redis at ${redactedRedisUrl(redisUrl)} (REDIS_URL): ${(cause as Error)?.message ?? cause}`);
    this.name = 'QueueUnavailable';
  }
}

const isoOrNull = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

const viewOf = async (job: Job<RebuildData, RebuildAnswer>): Promise<RebuildJobView> => {
  const state = await job.getState();
  return {
    jobId: String(job.id),
    state,
    requestedAt: new Date(job.timestamp).toISOString(),
    finishedAt: isoOrNull(job.finishedOn),
    answer: state === 'completed' ? (job.returnvalue ?? null) : null,
    failedReason: state === 'failed' ? (job.failedReason ?? null) : null,
  };
};

/** A short-lived client of the queue, for one request or one CLI command. */
export class RebuildRequests {
  private constructor(private readonly queue: Queue<RebuildData, RebuildAnswer>) {}

  /** Connects, or throws QueueUnavailable within a few seconds. */
  static async open(settings: QueueSettings): Promise<RebuildRequests> {
    const queue = new Queue<RebuildData, RebuildAnswer>(settings.queueName, {
      connection: redisConnection(settings.redisUrl, 'fail-fast'),
      prefix: settings.prefix,
    });
    // Connection errors also reject waitUntilReady; without a listener they would crash the process.
    queue.on('error', () => undefined);
    try {
      await queue.waitUntilReady();
    } catch (e) {
      await queue.close().catch(() => undefined);
      throw new QueueUnavailable(settings.redisUrl, e);
    }
    return new RebuildRequests(queue);
  }

  /** Queues a rebuild, or joins the one already waiting or running. */
  async request(): Promise<RebuildJobView> {
    const job = await this.queue.add(
      REBUILD_JOB,
      {},
      { deduplication: DEDUPLICATION, removeOnComplete: KEEP, removeOnFail: KEEP },
    );
    // A deduplicated add answers the existing job's id: read it back for its state.
    return (await this.find(String(job.id))) ?? viewOf(job);
  }

  /** The rebuild job with this id, if the queue still holds it. */
  async find(jobId: string): Promise<RebuildJobView | undefined> {
    const job = await this.queue.getJob(jobId);
    return job === undefined || job.name !== REBUILD_JOB ? undefined : viewOf(job);
  }

  /**
   * Polls the job until it completes or fails: 'gone' when the queue no longer holds it,
   * 'timeout' after `timeoutMs`. `onWaiting` is told once when the job has been waiting for
   * `waitingHintMs` (no worker is taking jobs).
   */
  async follow(
    jobId: string,
    options: { pollMs?: number; timeoutMs?: number; waitingHintMs?: number; onWaiting?: () => void } = {},
  ): Promise<RebuildJobView | 'gone' | 'timeout'> {
    const started = Date.now();
    let hinted = false;
    for (;;) {
      const view = await this.find(jobId);
      if (view === undefined) return 'gone';
      if (view.state === 'completed' || view.state === 'failed') return view;
      const waited = Date.now() - started;
      if (options.timeoutMs !== undefined && waited >= options.timeoutMs) return 'timeout';
      if (!hinted && view.state === 'waiting' && waited >= (options.waitingHintMs ?? 5000)) {
        hinted = true;
        options.onWaiting?.();
      }
      await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
