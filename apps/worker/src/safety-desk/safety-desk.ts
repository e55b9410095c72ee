/**
 * The safety desk's jobs (safety.md "Alerts the ledger records by itself"), on the BullMQ queue
 * `safety-desk`:
 *
 * - `reminder`: a notification two days (the policy's lead) before a due date, not recorded;
 *   sent only if the event still needs its IRB report (the current state's schedule still has it).
 * - `overdue` / `missed-visit`: the domain's decide is asked again on the participant's current
 *   state (a submission, downgrade, void or assessment recorded while the job waited cancels it);
 *   the alert event is appended through the command pipeline's system door with its deterministic
 *   commandId, and only then is the notification sent. A job run twice (a worker killed after the
 *   append) is answered 'duplicate' by the store: the alert is recorded at most once, and the
 *   notification, at least once.
 *
 * Time is injected: `clock` gives today (UTC) for the checks and the delays of the schedule.
 */
import { Worker, type WorkerOptions } from 'bullmq';
import type { Clock, CommandPipeline } from '../../../../libs/ledger/src';
import {
  DEFAULT_MONITORING_POLICY,
  decideSafetyReportOverdue,
  decideVisitMissed,
  DomainError,
  safetyReportOverdueCommandId,
  visitMissedCommandId,
  type MonitoringPolicy,
  type ParticipantEvent,
  type ParticipantState,
} from '../../../../libs/trial-domain/src';
import {
  participantSafetyJobs,
  safetyJobId,
  type SafetyJobData,
} from '../../../../libs/read-model/src/safety-jobs/safety-jobs';
import { SAFETY_DESK_QUEUE } from '../../../../libs/read-model/src/safety-jobs/safety-desk-queue';
import type { Log } from '../json-log';
import type { Notifier } from '../notifications/notifier';

export interface SafetyDeskDeps {
  readonly pipeline: CommandPipeline;
  readonly clock: Clock;
  readonly notifier: Notifier;
  readonly log: Log;
  readonly policy?: MonitoringPolicy;
}

export type SafetyJobOutcome = 'notified' | 'recorded' | 'repeat' | 'cancelled';

const todayOf = (clock: Clock): string => clock.now().toISOString().slice(0, 10);

const systemCommandOf = (
  data: Exclude<SafetyJobData, { kind: 'reminder' }>,
  today: string,
  policy: MonitoringPolicy,
): { type: string; commandId: string; decide: (s: ParticipantState) => ParticipantEvent[] } =>
  data.kind === 'overdue'
    ? {
        type: 'SafetyReportOverdue',
        commandId: safetyReportOverdueCommandId(data),
        decide: (s) => decideSafetyReportOverdue(data, s, today, policy),
      }
    : {
        type: 'VisitMissed',
        commandId: visitMissedCommandId(data),
        decide: (s) => decideVisitMissed(data, s, today, policy),
      };

/** Runs one job's check: records the alert when due, then notifies. */
export const runSafetyJob = async (data: SafetyJobData, deps: SafetyDeskDeps): Promise<SafetyJobOutcome> => {
  const policy = deps.policy ?? DEFAULT_MONITORING_POLICY;
  const today = todayOf(deps.clock);
  if (data.kind === 'reminder') {
    const { state } = await deps.pipeline.participant(data.studyId, data.participantId);
    const id = safetyJobId(data);
    if (!participantSafetyJobs(state, today, policy).some((j) => j.id === id)) return 'cancelled';
    const { kind: _kind, ...ref } = data;
    await deps.notifier.notify({ kind: 'SafetyReportDueSoon', ...ref, recipient: 'irb' });
    return 'notified';
  }
  const { kind: _kind, ...check } = data;
  const command = systemCommandOf(data, today, policy);
  let outcome;
  try {
    outcome = await deps.pipeline.executeSystem({
      ...command,
      studyId: data.studyId,
      participantId: data.participantId,
      data: check,
    });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    deps.log('info', 'safety check: nothing due', { check: command.type, ...check, code: e.code, reason: e.message });
    return 'cancelled';
  }
  deps.log('info', outcome.status === 'accepted' ? 'alert recorded' : 'alert already recorded', {
    type: command.type,
    commandId: command.commandId,
    ...check,
  });
  await deps.notifier.notify({
    kind: command.type,
    ...check,
    ...(data.kind === 'overdue' && { recipient: 'irb' }),
  });
  return outcome.status === 'accepted' ? 'recorded' : 'repeat';
};

/** The `safety-desk` queue's worker. */
export const safetyDeskProcessor = (
  connection: WorkerOptions['connection'],
  prefix: string,
  deps: SafetyDeskDeps,
  options: Partial<WorkerOptions> = {},
): Worker<SafetyJobData, SafetyJobOutcome> =>
  new Worker<SafetyJobData, SafetyJobOutcome>(SAFETY_DESK_QUEUE, (job) => runSafetyJob(job.data, deps), {
    connection,
    prefix,
    concurrency: 4,
    ...options,
  });
