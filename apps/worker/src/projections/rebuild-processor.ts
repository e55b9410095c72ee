/**
 * The processor of the `projections` queue: a `rebuild` job folds the whole log again in memory
 * and replaces the read model in one transaction (ReadModelProjector.rebuild), with the live loop
 * paused meanwhile, and answers `{ position, eventsFolded }`. One job at a time: each replays the
 * whole log. Jobs are durable in Redis, so one asked for while the worker is down runs when it
 * comes back, and one cut short by a crash runs again once its lock expires (the model is only
 * replaced at the very end, so a half-done rebuild leaves nothing behind).
 */
import { Worker, type ConnectionOptions } from 'bullmq';
import {
  REBUILD_JOB,
  redisConnection,
  type QueueSettings,
  type RebuildAnswer,
  type RebuildData,
} from '../../../../libs/read-model/src/worker-side/rebuild-queue';
import type { CatchUpResult } from '../../../../libs/read-model/src';

export const rebuildProcessor = (
  settings: QueueSettings,
  rebuild: () => Promise<CatchUpResult>,
  connection: ConnectionOptions = redisConnection(settings.redisUrl, 'retry'),
): Worker<RebuildData, RebuildAnswer> =>
  new Worker<RebuildData, RebuildAnswer>(
    settings.queueName,
    async (job) => {
      if (job.name !== REBUILD_JOB) throw new Error(`unknown job ${job.name} on queue ${settings.queueName}`);
      const r = await rebuild();
      // Bigints do not survive Redis' JSON: the position travels as a decimal string.
      return { position: r.position.toString(), eventsFolded: r.eventsFolded };
    },
    { connection, prefix: settings.prefix, concurrency: 1 },
  );
