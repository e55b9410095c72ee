import pg from 'pg';

/** Notified with every write's COMMIT; PostgreSQL delivers it only once the commit is visible. */
export const CHANNEL = 'trial_ledger_events';

/**
 * One LISTEN connection, so that subscriptions wake as soon as another process commits. It is an
 * accelerator only: the subscriptions' timers find the same events, so while this connection is
 * down (it retries every second) nothing is lost, only later.
 */
export class Listener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onNotify: () => void,
  ) {}

  start(): void {
    this.stopped = false;
    if (this.client !== undefined || this.retry !== undefined) return;
    const client = new pg.Client(this.config);
    this.client = client;
    const drop = (): void => {
      if (this.client !== client) return;
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.retry = setTimeout(() => {
        this.retry = undefined;
        if (!this.stopped) this.start();
      }, 1000);
      this.retry.unref();
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.onNotify());
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      // Whatever was committed before LISTEN took effect is found by this first wake-up.
      .then(() => this.onNotify(), drop);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry !== undefined) clearTimeout(this.retry);
    this.retry = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
