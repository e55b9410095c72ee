/**
 * `rebuild`: the read model folded again from position zero, as a job on the BullMQ queue
 * `projections` that the worker (`npm run worker`) runs, the same job POST
 * /api/v1/projections/rebuild queues. The command queues it (or joins the one already waiting or
 * running) and follows it until it is done, printing its answer; `--no-wait` only queues it.
 * Exit 0 done, 1 the job failed or was not done in `--timeout`, 2 Redis unreachable.
 */
import type { Command } from 'commander';
import { writeOut } from '../stdout';

export interface RebuildDeps {
  /** Exit 2 with a message on stderr. */
  readonly cannotRun: (message: string) => never;
}

const failed = (message: string): void => {
  process.stderr.write(`ledger: ${message}\n`);
  process.exitCode = 1;
};

export const registerRebuildCommand = (program: Command, deps: RebuildDeps): void => {
  program
    .command('rebuild')
    .description(
      'rebuild the read model from position zero: queue the job for the worker (REDIS_URL) and follow it until done',
    )
    .option('--no-wait', 'only queue the job (or join the one waiting or running); print its id and state')
    .option('--timeout <seconds>', 'stop following after this long: exit 1, the job stays queued (default: no limit)')
    .action(async (o: { wait: boolean; timeout?: string }) => {
      const timeoutMs = o.timeout === undefined ? undefined : Number(o.timeout) * 1000;
      if (timeoutMs !== undefined && !(timeoutMs > 0))
        deps.cannotRun(`--timeout ${o.timeout} is not a positive number of seconds`);
      // Loaded here: BullMQ takes a while to load, and no other command needs it.
      const { QueueUnavailable, RebuildRequests, queueSettingsFromEnv } =
        await import('../../../../libs/read-model/src/worker-side/rebuild-queue');
      const queue = await RebuildRequests.open(queueSettingsFromEnv()).catch((e: unknown) =>
        e instanceof QueueUnavailable ? deps.cannotRun(e.message) : Promise.reject(e),
      );
      try {
        const job = await queue.request();
        if (!o.wait) return await writeOut(JSON.stringify({ jobId: job.jobId, state: job.state }) + '\n');
        const done = await queue.follow(job.jobId, {
          ...(timeoutMs !== undefined && { timeoutMs }),
          onWaiting: () =>
            process.stderr.write(
              `ledger: rebuild job ${job.jobId} is waiting for a worker (is \`npm run worker\` running?)\n`,
            ),
        });
        if (done === 'timeout')
          return failed(`rebuild job ${job.jobId} was not done within ${o.timeout} s; it stays queued`);
        if (done !== 'gone' && done.state === 'failed')
          return failed(`rebuild job ${job.jobId} failed: ${done.failedReason ?? 'no reason given'}`);
        if (done === 'gone' || done.answer === null)
          return failed(`rebuild job ${job.jobId} is no longer in the queue`);
        await writeOut(JSON.stringify({ jobId: job.jobId, ...done.answer }) + '\n');
      } finally {
        await queue.close();
      }
    });
};
