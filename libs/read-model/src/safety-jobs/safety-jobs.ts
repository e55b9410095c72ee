/**
 * The safety desk's schedule, derived from the read model's participant states (a pure function
 * of them and of today's date), so it can always be rebuilt from the ledger:
 *
 * - `reminder`: for each expedited event with no IRB submission, a notification (not recorded)
 *   at 00:00 UTC `reminderLeadDays` before its due date, while the due date has not passed;
 * - `overdue`: for each expedited event with no IRB submission dated on or before its due date
 *   and no SafetyReportOverdue recorded for it, a check at the end of the due date (00:00 UTC the
 *   day after);
 * - `missed-visit`: for each treated participant not withdrawn on or before today and each
 *   follow-up visit with no non-voided assessment and no VisitMissed recorded, a check at the end
 *   of the window's last day.
 *
 * Job ids are deterministic (kind, study, participant, event or visit, due date), so adding the
 * schedule again creates nothing twice, and a submission, a downgrade or a void removes the job
 * from the desired set (the reconciler then removes it from the queue while it waits).
 */
import {
  addDays,
  alertsOf,
  current,
  DEFAULT_MONITORING_POLICY,
  FOLLOW_UP_VISITS,
  irbDueOn,
  meetsExpeditedCriteria,
  treatmentOf,
  visitWindowClosesOn,
  type FollowUpVisit,
  type MonitoringPolicy,
  type ParticipantState,
} from '../../../trial-domain/src';

export type SafetyJobKind = 'reminder' | 'overdue' | 'missed-visit';

interface ExpeditedEventRef {
  readonly studyId: string;
  readonly participantId: string;
  readonly adverseEventId: string;
  readonly dueOn: string;
}

export type SafetyJobData =
  | ({ readonly kind: 'reminder' } & ExpeditedEventRef)
  | ({ readonly kind: 'overdue' } & ExpeditedEventRef)
  | {
      readonly kind: 'missed-visit';
      readonly studyId: string;
      readonly participantId: string;
      readonly visit: FollowUpVisit;
      readonly windowClosedOn: string;
    };

export interface SafetyJob {
  /** Deterministic: `<kind>/<study>/<participant>/<event or visit>/<due date>` (BullMQ ids take no `:`). */
  readonly id: string;
  /** When it should run (ISO instant, UTC). */
  readonly runAt: string;
  readonly data: SafetyJobData;
}

const startOf = (date: string): string => `${date}T00:00:00.000Z`;

export const safetyJobId = (d: SafetyJobData): string =>
  d.kind === 'missed-visit'
    ? `${d.kind}/${d.studyId}/${d.participantId}/${d.visit}/${d.windowClosedOn}`
    : `${d.kind}/${d.studyId}/${d.participantId}/${d.adverseEventId}/${d.dueOn}`;

const job = (data: SafetyJobData, runOn: string): SafetyJob => ({ id: safetyJobId(data), runAt: startOf(runOn), data });

/** The jobs one participant's state calls for on `today` (UTC date). */
export const participantSafetyJobs = (
  p: ParticipantState,
  today: string,
  policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY,
): SafetyJob[] => {
  const jobs: SafetyJob[] = [];
  const alerts = alertsOf(p);
  const ref = { studyId: p.studyId, participantId: p.participantId };
  for (const ae of current(p.adverseEvents)) {
    if (ae.clockStartedOn === null || !meetsExpeditedCriteria(ae.fields)) continue;
    const dueOn = irbDueOn(ae.fields, ae.clockStartedOn, policy);
    const irb = ae.submissions.filter((s) => s.recipient === 'irb');
    const event = { ...ref, adverseEventId: ae.id, dueOn };
    if (irb.length === 0 && today <= dueOn)
      jobs.push(job({ kind: 'reminder', ...event }, addDays(dueOn, -policy.reminderLeadDays)));
    const onTime = irb.some((s) => s.submittedOn <= dueOn);
    const recorded = alerts.some(
      (a) => a.type === 'SafetyReportOverdue' && a.adverseEventId === ae.id && a.dueOn === dueOn,
    );
    if (!onTime && !recorded) jobs.push(job({ kind: 'overdue', ...event }, addDays(dueOn, 1)));
  }
  const t = treatmentOf(p);
  if (t !== null && (p.withdrawal === null || p.withdrawal.withdrawnOn > today)) {
    const assessed = new Set(current(p.assessments).map((a) => a.fields.visit));
    for (const visit of FOLLOW_UP_VISITS) {
      if (assessed.has(visit)) continue;
      const windowClosedOn = visitWindowClosesOn(visit, t.treatmentDate, policy);
      if (alerts.some((a) => a.type === 'VisitMissed' && a.visit === visit && a.windowClosedOn === windowClosedOn))
        continue;
      jobs.push(job({ kind: 'missed-visit', ...ref, visit, windowClosedOn }, addDays(windowClosedOn, 1)));
    }
  }
  return jobs;
};

/** The whole desired schedule of these participants. */
export const desiredSafetyJobs = (
  participants: Iterable<ParticipantState>,
  today: string,
  policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY,
): SafetyJob[] => {
  const out: SafetyJob[] = [];
  for (const p of participants) out.push(...participantSafetyJobs(p, today, policy));
  return out;
};
