import type { PoolClient } from 'pg';

/**
 * Writers of one process take turns before they take a connection: the advisory lock lets
 * only one write at a time anyway, and a queue in memory keeps the waiting ones from holding
 * every pooled connection (which reads need) while they wait on the server. A turn not given
 * within the timeout is refused, like a lock wait that runs out.
 */
export class WriteGate {
  private held = false;
  private readonly waiting: { readonly grant: () => void; readonly timer: NodeJS.Timeout }[] = [];

  acquire(timeoutMs: number, busy: () => Error): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(busy());
        }, timeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next === undefined) {
      this.held = false;
      return;
    }
    clearTimeout(next.timer);
    next.grant();
  }
}

/**
 * An open inBatch: its client, inside the transaction that holds the write lock. The batch's
 * work may start several operations at once; they take turns on the one connection, so a
 * commit's statements are never interleaved with another's.
 */
export class BatchContext {
  open = true;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly client: PoolClient) {}

  serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Settles once every operation started so far has. */
  async idle(): Promise<void> {
    for (let seen = this.tail; ; seen = this.tail) {
      await seen;
      if (seen === this.tail) return;
    }
  }
}
