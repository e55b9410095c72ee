/**
 * `jobs reschedule`: the safety desk's schedule (reminders, overdue checks, missed-visit checks)
 * recomputed from the ledger and laid on the `safety-desk` queue (REDIS_URL, LEDGER_QUEUE_PREFIX):
 * missing jobs added under their deterministic ids, pending jobs no longer called for removed.
 * Prints `{ desired, added, removed }`. Run twice, the second adds nothing. Exit 2 when Redis
 * cannot be reached (nothing else needs Redis: recording and reading never do).
 */
import type { Command } from 'commander';
import { ReadSide } from '../../../../libs/read-model/src';
import type { CliDeps } from '../report/report-commands';
import { writeOut } from '../stdout';

export const registerJobsCommands = (program: Command, deps: CliDeps): void => {
  const jobs = program.command('jobs').description("the worker's job queues");
  jobs
    .command('reschedule')
    .description("recompute the safety desk's jobs from the ledger and (re)add them to the queue (REDIS_URL)")
    .action(async () => {
      // Loaded here: BullMQ takes a while to load, and no other command needs it.
      const { rescheduleSafetyJobs, safetyDeskSettings } =
        await import('../../../../libs/read-model/src/safety-jobs/safety-desk-queue');
      const { QueueUnavailable, queueSettingsFromEnv } =
        await import('../../../../libs/read-model/src/worker-side/rebuild-queue');
      const app = await deps
        .boot()
        .catch((e: unknown) => deps.cannotRun(`the store cannot be opened: ${(e as Error).message}`));
      try {
        const r = await rescheduleSafetyJobs(app.get(ReadSide), safetyDeskSettings(queueSettingsFromEnv()), new Date());
        await writeOut(JSON.stringify(r) + '\n');
      } catch (e) {
        if (e instanceof QueueUnavailable) deps.cannotRun(e.message);
        throw e;
      } finally {
        await app.close();
      }
    });
};
