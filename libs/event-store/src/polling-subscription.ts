import type { EventHandler, RecordedEvent, SubscribeOptions, Subscription } from './event-store.port';

/** What a subscription needs from its store: pages of the log after a position (read at once or not). */
export interface SubscriptionSource {
  page(after: bigint, studyId: string | undefined): RecordedEvent[] | Promise<RecordedEvent[]>;
  detach(subscription: PollingSubscription): void;
  readonly pageSize: number;
  readonly pollIntervalMs: number;
}

/**
 * The subscription of the SQLite and PostgreSQL stores. It pulls rather than pushes: this
 * process's writes, a timer (and on PostgreSQL a NOTIFY from another process) only wake it, and
 * every wake-up reads `position > last delivered`. That is safe because both stores make
 * positions visible in commit order: a page never lacks an event that a later page could bring
 * with a lower position. So each event is delivered once and in order, however the wake-ups
 * interleave.
 */
export class PollingSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private settleCaughtUp: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private last: bigint;
  private closed = false;
  private running = false;
  private wokenWhileRunning = false;
  private scheduled: NodeJS.Immediate | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
  ) {
    this.last = options.fromPosition ?? 0n;
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.settleCaughtUp = { resolve, reject };
    });
    // A caller that never awaits caughtUp must not crash the process when it rejects.
    this.caughtUp.catch(() => undefined);
    this.timer = setInterval(() => this.wake(), source.pollIntervalMs);
    this.wake();
  }

  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    // Deferred so a handler never runs inside the write that woke it.
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      void this.run();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.stop();
    // Nothing more will be delivered; waiting on caughtUp after close should not hang.
    this.settleCaughtUp?.resolve();
    this.settleCaughtUp = undefined;
  }

  private async run(): Promise<void> {
    if (this.closed || this.running) return;
    this.running = true;
    try {
      do {
        this.wokenWhileRunning = false;
        await this.drain();
        if (!this.closed) {
          this.settleCaughtUp?.resolve();
          this.settleCaughtUp = undefined;
        }
      } while (this.wokenWhileRunning && !this.closed);
    } catch (error) {
      this.fail(error);
    } finally {
      this.running = false;
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const page = await this.source.page(this.last, this.options.studyId);
      for (const event of page) {
        if (this.closed) return;
        await this.handler(event);
        this.last = event.position;
      }
      if (page.length < this.source.pageSize) return;
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.stop();
    if (this.settleCaughtUp !== undefined) {
      this.settleCaughtUp.reject(error);
      this.settleCaughtUp = undefined;
    } else if (this.options.onError !== undefined) {
      this.options.onError(error);
    } else {
      console.error('event-store subscription stopped:', error);
    }
  }

  private stop(): void {
    this.closed = true;
    clearInterval(this.timer);
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.source.detach(this);
  }
}
