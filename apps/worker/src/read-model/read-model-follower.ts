/**
 * Keeps the read model up with the log: a loop that calls ReadModelProjector.catchUp(), then
 * sleeps until something may have been appended. The store's subscription (from the position the
 * model reached) wakes it; its events are only a signal, the projector reads its own pages. A poll
 * every `pollMs` wakes it too: another process's appends to a SQLite file reach this process only
 * through a poll, and a lost subscription must not stop the model.
 *
 * Checkpoints are the projector's: each page commits the rows it changed and its position in one
 * transaction, compare-and-set on the position, so API instances catching up on a read and this
 * loop never fold an event twice. A rebuild runs through `exclusive`, with the loop paused.
 */
import type { EventStore, Subscription } from '../../../../libs/event-store/src';
import type { CatchUpResult, ReadModelProjector } from '../../../../libs/read-model/src';
import { errorText, type Log } from '../json-log';

export interface FollowerOptions {
  /** The longest sleep between two catch-ups (default 100 ms). */
  readonly pollMs?: number;
  /** Progress is logged at most this often while events keep coming (default 5 s). */
  readonly progressEveryMs?: number;
  readonly log: Log;
  /** Told after each catch-up that folded events, and after the first (the safety desk reconciles). */
  readonly onCaughtUp?: (r: CatchUpResult) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export class ReadModelFollower {
  private readonly pollMs: number;
  private readonly progressEveryMs: number;
  private stopped = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private subscription: Subscription | undefined;
  private running: Promise<void> = Promise.resolve();
  /** Serialises catch-ups and rebuilds. */
  private turn: Promise<unknown> = Promise.resolve();
  private pending = { events: 0, since: Date.now() };

  constructor(
    private readonly store: EventStore,
    private readonly projector: ReadModelProjector,
    private readonly options: FollowerOptions,
  ) {
    this.pollMs = options.pollMs ?? 100;
    this.progressEveryMs = options.progressEveryMs ?? 5000;
  }

  /** Starts the loop. The first catch-up folds whatever the log holds beyond the model. */
  start(): void {
    this.running = this.loop();
  }

  /** Runs `work` (a rebuild) with the loop paused: no page is folded meanwhile. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work);
    this.turn = next.catch(() => undefined);
    return next;
  }

  /** Asks for a catch-up now. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Stops the loop: no new page is started, and the one in flight (a transaction of its own) is
   * given `graceMs` to commit; a page cut short is simply folded again next time.
   */
  async stop(graceMs = 3000): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.subscription?.close().catch(() => undefined);
    this.subscription = undefined;
    await Promise.race([this.running, sleep(graceMs)]);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let first = true;
    while (!this.stopped) {
      this.woken = false;
      const started = Date.now();
      try {
        const r = await this.exclusive(() => this.projector.catchUp());
        if (first) this.caughtUp(r, Date.now() - started);
        else this.progress(r, started);
        if (first || r.eventsFolded > 0) this.options.onCaughtUp?.(r);
        first = false;
        failures = 0;
        if (this.subscription === undefined && !this.stopped) this.subscribe(r.position);
      } catch (e) {
        if (this.stopped) break;
        failures += 1;
        this.options.log('error', 'read model catch-up failed', { error: errorText(e), failures });
        await sleep(Math.min(5000, this.pollMs * 2 ** failures));
        continue;
      }
      if (!this.woken && !this.stopped) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }

  private subscribe(from: bigint): void {
    this.subscription = this.store.subscribeToAll(() => this.wake(), {
      fromPosition: from,
      onError: (e) => {
        // The poll keeps the model going; the loop subscribes again after its next catch-up.
        this.options.log('warn', 'store subscription lost; polling meanwhile', { error: errorText(e) });
        this.subscription = undefined;
      },
    });
  }

  private caughtUp(r: CatchUpResult, ms: number): void {
    this.options.log('info', 'read model caught up', {
      position: r.position.toString(),
      eventsFolded: r.eventsFolded,
      ms,
    });
    this.pending = { events: 0, since: Date.now() };
  }

  /** Logs how far the model got, at most every `progressEveryMs` and only when it moved. */
  private progress(r: CatchUpResult, started: number): void {
    if (r.eventsFolded === 0 && this.pending.events === 0) return;
    // A quiet spell is not part of the rate: it starts with the first events after one.
    if (this.pending.events === 0) this.pending.since = started;
    this.pending.events += r.eventsFolded;
    const elapsed = Date.now() - this.pending.since;
    if (this.pending.events === 0 || elapsed < this.progressEveryMs) return;
    this.options.log('info', 'read model advanced', {
      position: r.position.toString(),
      eventsFolded: this.pending.events,
      eventsPerSecond: Math.round((this.pending.events * 1000) / elapsed),
    });
    this.pending = { events: 0, since: Date.now() };
  }
}
