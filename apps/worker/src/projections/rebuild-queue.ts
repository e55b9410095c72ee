/**
 * The `projections` queue: a `rebuild` job names a projection to fold again from position zero.
 * Jobs are durable in Redis, so a rebuild asked for while the worker is down runs when it
 * returns; the answer (position reached, events folded) is the job's return value.
 */
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { RebuildResult } from '../../../../libs/projections/src';

export const PROJECTIONS_QUEUE = 'projections';

export interface RebuildJob {
  readonly projection: string;
}

export interface RebuildAnswer {
  readonly name: string;
  readonly position: string;
  readonly eventsFolded: number;
}

export const rebuildQueue = (
  connection: ConnectionOptions,
  name = PROJECTIONS_QUEUE,
): Queue<RebuildJob, RebuildAnswer> => new Queue<RebuildJob, RebuildAnswer>(name, { connection });

export const rebuildWorker = (
  connection: ConnectionOptions,
  rebuild: (projection: string) => Promise<RebuildResult>,
  name = PROJECTIONS_QUEUE,
): Worker<RebuildJob, RebuildAnswer> =>
  new Worker<RebuildJob, RebuildAnswer>(
    name,
    async (job: Job<RebuildJob, RebuildAnswer>) => {
      if (job.name !== 'rebuild') throw new Error(`unknown job ${job.name} on queue ${name}`);
      const r = await rebuild(job.data.projection);
      // Bigints do not survive Redis' JSON; the position travels as a decimal string.
      return { name: r.name, position: r.position.toString(), eventsFolded: r.eventsFolded };
    },
    // One rebuild at a time: each replays the whole log.
    { connection, concurrency: 1 },
  );

/** Redis from REDIS_URL (default 127.0.0.1:6379); workers block, so no per-request retry limit. */
export const redisConnection = (url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'): ConnectionOptions => {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    maxRetriesPerRequest: null,
  };
};
