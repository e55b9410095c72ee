/**
 * Keeps the `safety-desk` queue's pending jobs equal to the schedule the read model calls for
 * (libs/read-model/src/safety-jobs): asked after each catch-up that folded events, when Redis is
 * back after an outage, and every `everyMs` (days pass: a reminder's date goes by). Requests
 * coalesce: while one reconciliation runs, further asks make one more run after it. With Redis
 * away a reconciliation simply waits for it (its commands are queued by the client), so the read
 * model keeps moving and the schedule catches up once Redis answers.
 */
import type { Clock } from '../../../../libs/ledger/src';
import type { ReadModelStore } from '../../../../libs/read-model/src';
import {
  reconcileSafetyJobs,
  scheduleFromReadModel,
  type ReconcileResult,
  type SafetyDeskQueue,
} from '../../../../libs/read-model/src/safety-jobs/safety-desk-queue';
import { DEFAULT_MONITORING_POLICY, type MonitoringPolicy } from '../../../../libs/trial-domain/src';
import { errorText, type Log } from '../json-log';

export interface SchedulerOptions {
  readonly everyMs?: number;
  readonly policy?: MonitoringPolicy;
  /** Told after each successful reconciliation. */
  readonly onReconciled?: (r: ReconcileResult) => void;
}

export class SafetyDeskScheduler {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: SafetyDeskQueue,
    private readonly model: ReadModelStore,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly options: SchedulerOptions = {},
  ) {}

  start(): void {
    this.timer = setInterval(() => this.request(), this.options.everyMs ?? 5 * 60_000);
    this.timer.unref();
    this.request();
  }

  /** Asks for a reconciliation (coalesced). */
  request(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => (this.running = undefined));
  }

  /** Resolves when no reconciliation is running or asked for (tests). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** Stops asking; a reconciliation in flight is not waited for (the queue's close ends it). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        const now = this.clock.now();
        const jobs = await scheduleFromReadModel(this.model, now, this.options.policy ?? DEFAULT_MONITORING_POLICY);
        const r = await reconcileSafetyJobs(this.queue, jobs, now);
        if (r.added > 0 || r.removed > 0) this.log('info', 'safety jobs reconciled', { ...r });
        this.options.onReconciled?.(r);
      } catch (e) {
        if (this.stopped) return;
        this.log('warn', 'safety jobs not reconciled; will retry', { error: errorText(e) });
        // Retried by the next catch-up, the timer, or Redis coming back.
        await new Promise((r) => setTimeout(r, 5000).unref());
        this.again = true;
      }
    } while (this.again && !this.stopped);
  }
}
