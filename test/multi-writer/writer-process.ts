/**
 * A second ledger process for the multi-writer specs: opens the store named on the command
 * line, waits for a shared start instant (so that its commands race the other process's),
 * runs the given commands concurrently through its own CommandPipeline and prints one JSON
 * array of outcomes. CLOCK_OFFSET_MS skews its clock, as two servers' clocks are skewed.
 */
import { openEventStore } from '../../libs/event-store/src';
import { CommandPipeline, Forbidden, type Door } from '../../libs/ledger/src';
import { DomainError } from '../../libs/trial-domain/src';

interface Job {
  readonly store: string;
  readonly startAt: number;
  readonly door: Door;
  readonly commands: readonly unknown[];
}

export type WriterOutcome =
  | { readonly status: 'accepted' | 'duplicate'; readonly commandId: string; readonly streamId?: string }
  | { readonly status: 'rejected'; readonly error: string; readonly httpStatus: number };

const main = async (): Promise<void> => {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
  const store = openEventStore(job.store);
  const pipeline = new CommandPipeline(store, { now: () => new Date(Date.now() + offset) });
  // Opened and warm before the start, so that the race is between the commands themselves.
  await store.latestRecordedAt('warm-up');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));
  const outcomes = await Promise.all(
    job.commands.map(async (raw): Promise<WriterOutcome> => {
      try {
        const out = await pipeline.execute(raw, job.door);
        return { status: out.status, commandId: out.result.commandId, streamId: out.result.events[0]?.streamId };
      } catch (e) {
        if (e instanceof DomainError) return { status: 'rejected', error: e.code, httpStatus: e.status };
        if (e instanceof Forbidden) return { status: 'rejected', error: e.code, httpStatus: 403 };
        return {
          status: 'rejected',
          error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
          httpStatus: 500,
        };
      }
    }),
  );
  await store.close();
  process.stdout.write(JSON.stringify(outcomes));
};

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
