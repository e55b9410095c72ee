/**
 * Rebuilds of the read model, asked for and followed on the BullMQ queue `projections`: the API
 * only queues them; the worker (`npm run worker`) runs them. Each call opens its own short-lived
 * connection to Redis (REDIS_URL, LEDGER_QUEUE_PREFIX): rebuilds are rare, and an API that never
 * rebuilds never connects. An unreachable Redis answers 503 QUEUE_UNAVAILABLE within seconds.
 */
import { Injectable } from '@nestjs/common';
import { NotFound } from '../../../../libs/trial-domain/src';
import { ApiError } from '../http/api-error';

// Types only: the module itself is loaded on first use (withQueue).
import type { RebuildJobView, RebuildRequests } from '../../../../libs/read-model/src/worker-side/rebuild-queue';

@Injectable()
export class ProjectionRebuilds {
  /** Queues a rebuild, or joins the one already waiting or running. */
  request(): Promise<RebuildJobView> {
    return this.withQueue((q) => q.request());
  }

  async find(jobId: string): Promise<RebuildJobView> {
    const job = await this.withQueue((q) => q.find(jobId));
    if (job === undefined) throw new NotFound('UNKNOWN_JOB', `no rebuild job ${jobId}`, 'jobId');
    return job;
  }

  private async withQueue<T>(work: (q: RebuildRequests) => Promise<T>): Promise<T> {
    // Loaded on first use: BullMQ takes a while to load, and most API processes never rebuild.
    const {
      QueueUnavailable,
      RebuildRequests: Requests,
      queueSettingsFromEnv,
    } = await import('../../../../libs/read-model/src/worker-side/rebuild-queue');
    let queue: RebuildRequests;
    try {
      queue = await Requests.open(queueSettingsFromEnv());
    } catch (e) {
      if (e instanceof QueueUnavailable) throw new ApiError(503, 'QUEUE_UNAVAILABLE', e.message);
      throw e;
    }
    try {
      return await work(queue);
    } finally {
      await queue.close().catch(() => undefined);
    }
  }
}
