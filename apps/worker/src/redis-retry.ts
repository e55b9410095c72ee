/**
 * The worker's Redis connections: retried for ever with exponential backoff (1 s doubling to 30 s),
 * and one JSON line per retry, not a stack trace per failed command. Every connection the worker
 * opens (the queues' and workers' clients, BullMQ's blocking duplicates) shares one reporter, so a
 * Redis that is away gives one line per round of retries, carrying the last error's message.
 */
import type { ConnectionOptions } from 'bullmq';
import { redactedRedisUrl, redisConnection } from '../../../libs/read-model/src/worker-side/rebuild-queue';
import { errorText, type Log } from './json-log';

export const MAX_RETRY_MS = 30_000;

export const retryDelayMs = (times: number): number => Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.max(0, times - 1));

export class RedisRetryReporter {
  private lastError = 'unreachable';
  private lastLineAt = 0;
  private away = false;

  constructor(
    private readonly redisUrl: string,
    private readonly log: Log,
  ) {}

  /** A connection's 'error' event: remembered for the next retry line, never printed on its own. */
  readonly noteError = (e: unknown): void => {
    this.lastError = errorText(e) || (e as { code?: string })?.code || 'connection error';
  };

  /** ioredis' retryStrategy: the delay before the next attempt, and its line. */
  readonly retryStrategy = (times: number): number => {
    const delay = retryDelayMs(times);
    this.away = true;
    const now = Date.now();
    // Several connections retry in step: one line per round.
    if (now - this.lastLineAt >= Math.min(delay, 1000) * 0.8) {
      this.lastLineAt = now;
      this.log('warn', 'redis unreachable; retrying', {
        redis: redactedRedisUrl(this.redisUrl),
        attempt: times,
        retryInMs: delay,
        error: this.lastError,
      });
    }
    return delay;
  };

  /** A retry happened since the last successful use of Redis. */
  readonly isAway = (): boolean => this.away;

  /** Redis answered (a reconciliation went through): after an outage, say so once. */
  readonly noteReady = (): void => {
    if (!this.away) return;
    this.away = false;
    this.log('info', 'redis reachable again', { redis: redactedRedisUrl(this.redisUrl) });
  };

  connection(): ConnectionOptions {
    return { ...redisConnection(this.redisUrl, 'retry'), retryStrategy: this.retryStrategy };
  }
}
