import { BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import { StoreUnavailable, type EventHandler, type SubscribeOptions, type Subscription } from '../event-store.port';
import { isLedgerStream, matches, toReadPosition, toRecordedEvent, translate } from './esdb-records';

/**
 * ESDB has no "caught up" marker we can order against delivered events (its `caughtUp`
 * event overtakes buffered data), so the end of $all is read first and catch-up is over
 * once the subscription has gone past it. Every record is received, not filtered server-side,
 * precisely so that the end position (often a system or bookkeeping event) is seen; only the
 * ledger's own streams reach the handler.
 */
export class EsdbSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private settleCaughtUp: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private closed = false;
  private subscription: ReturnType<EventStoreDBClient['subscribeToAll']> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
    private readonly ready: () => Promise<void>,
    private readonly detach: () => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.settleCaughtUp = { resolve, reject };
    });
    this.caughtUp.catch(() => undefined);
    void this.run();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    this.markCaughtUp();
    await this.subscription?.unsubscribe().catch(() => undefined);
  }

  private async run(): Promise<void> {
    try {
      await this.ready();
      let last = this.options.fromPosition ?? -1n;
      const end = await this.endOfAll();
      if (end === undefined || end <= last) this.markCaughtUp();
      if (this.closed) return;
      this.subscription = this.client.subscribeToAll({ fromPosition: toReadPosition(this.options.fromPosition) });
      for await (const resolved of this.subscription) {
        if (this.closed) return;
        const position = resolved.event?.position.commit ?? resolved.commitPosition;
        const event = isLedgerStream(resolved.event?.streamId)
          ? toRecordedEvent(resolved.event, resolved.commitPosition)
          : undefined;
        if (event !== undefined && event.position > last && matches(event, this.options.studyId, undefined)) {
          await this.handler(event);
          last = event.position;
        }
        if (this.closed) return;
        if (end !== undefined && position !== undefined && position >= end) this.markCaughtUp();
      }
      if (!this.closed) throw new StoreUnavailable('EventStoreDB subscription ended unexpectedly');
    } catch (error) {
      this.fail(translate(error, 'subscribe to $all'));
    }
  }

  private async endOfAll(): Promise<bigint | undefined> {
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
    try {
      for await (const resolved of read) return resolved.event?.position.commit ?? resolved.commitPosition;
      return undefined;
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  private markCaughtUp(): void {
    this.settleCaughtUp?.resolve();
    this.settleCaughtUp = undefined;
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    void this.subscription?.unsubscribe().catch(() => undefined);
    if (this.settleCaughtUp !== undefined) {
      this.settleCaughtUp.reject(error);
      this.settleCaughtUp = undefined;
    } else if (this.options.onError !== undefined) {
      this.options.onError(error);
    } else {
      console.error('event-store subscription stopped:', error);
    }
  }
}
