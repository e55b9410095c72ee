/**
 * The alerts the ledger records by itself (safety.md): pure decide functions that refuse an alert
 * that is not due, given the participant's state and today's UTC date (the worker's clock, passed
 * in: no clock here). The worker asks again when a job comes due, so a submission, a downgrade, a
 * void or an assessment recorded while the job waited cancels it here.
 *
 * - SafetyReportOverdue: the event is expedited now (serious, unexpected, related; not voided),
 *   its due date is `dueOn` and has passed (dueOn < today), and no IRB submission has
 *   `submittedOn` on or before it.
 * - VisitMissed: the participant is treated and not withdrawn on or before today, the visit's
 *   window closed on `windowClosedOn` before today, and no non-voided assessment exists at it.
 *
 * Either is refused once recorded for the same (event or visit, due date): at most once.
 */
import { meetsExpeditedCriteria } from '../adverse-event/expedited-clock';
import { alertsOf, current, type ParticipantState } from '../participant/participant.state';
import type { SafetyReportOverdue, VisitMissed } from '../participant/participant.events';
import { StateConflict } from '../shared/errors';
import type { FollowUpVisit } from '../shared/vocabulary';
import { treatmentOf } from '../treatment/treatment';
import { DEFAULT_MONITORING_POLICY, irbDueOn, visitWindowClosesOn, type MonitoringPolicy } from './monitoring-policy';

/** Who records the alerts. */
export const SYSTEM_ACTOR = { id: 'ledger', role: 'system' } as const;

export interface SafetyReportOverdueCheck {
  readonly studyId: string;
  readonly participantId: string;
  readonly adverseEventId: string;
  readonly dueOn: string;
}

export interface VisitMissedCheck {
  readonly studyId: string;
  readonly participantId: string;
  readonly visit: FollowUpVisit;
  readonly windowClosedOn: string;
}

/** The commandId of an alert: one per (event or visit, due date), so a second attempt is a repeat. */
export const safetyReportOverdueCommandId = (c: SafetyReportOverdueCheck): string =>
  `alert:SafetyReportOverdue:${c.studyId}:${c.participantId}:${c.adverseEventId}:${c.dueOn}`;
export const visitMissedCommandId = (c: VisitMissedCheck): string =>
  `alert:VisitMissed:${c.studyId}:${c.participantId}:${c.visit}:${c.windowClosedOn}`;

const notDue = (message: string, field: string) => new StateConflict('ALERT_NOT_DUE', message, field);

export const decideSafetyReportOverdue = (
  c: SafetyReportOverdueCheck,
  s: ParticipantState,
  today: string,
  policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY,
): SafetyReportOverdue[] => {
  const ae = s.adverseEvents.find((a) => a.id === c.adverseEventId);
  if (ae === undefined || ae.voided || ae.clockStartedOn === null || !meetsExpeditedCriteria(ae.fields))
    throw notDue(`adverse event ${c.adverseEventId} is not expedited`, 'adverseEventId');
  const dueOn = irbDueOn(ae.fields, ae.clockStartedOn, policy);
  if (dueOn !== c.dueOn) throw notDue(`adverse event ${c.adverseEventId} is due on ${dueOn}, not ${c.dueOn}`, 'dueOn');
  if (!(dueOn < today)) throw notDue(`adverse event ${c.adverseEventId} is due on ${dueOn}: not past`, 'dueOn');
  if (ae.submissions.some((x) => x.recipient === 'irb' && x.submittedOn <= dueOn))
    throw notDue(`adverse event ${c.adverseEventId} was submitted to the IRB on time`, 'adverseEventId');
  if (alertsOf(s).some((a) => a.type === 'SafetyReportOverdue' && a.adverseEventId === ae.id && a.dueOn === dueOn))
    throw new StateConflict('ALERT_ALREADY_RECORDED', `overdue report of ${ae.id} already recorded`, 'adverseEventId');
  return [
    {
      type: 'SafetyReportOverdue',
      data: {
        studyId: c.studyId,
        participantId: c.participantId,
        adverseEventId: c.adverseEventId,
        recipient: 'irb',
        dueOn,
      },
    },
  ];
};

export const decideVisitMissed = (
  c: VisitMissedCheck,
  s: ParticipantState,
  today: string,
  policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY,
): VisitMissed[] => {
  const t = treatmentOf(s);
  if (t === null) throw notDue(`participant ${c.participantId} is not treated`, 'participantId');
  if (s.withdrawal !== null && s.withdrawal.withdrawnOn <= today)
    throw notDue(`participant ${c.participantId} is withdrawn`, 'participantId');
  const closedOn = visitWindowClosesOn(c.visit, t.treatmentDate, policy);
  if (closedOn !== c.windowClosedOn)
    throw notDue(`the ${c.visit} window closes on ${closedOn}, not ${c.windowClosedOn}`, 'windowClosedOn');
  if (!(closedOn < today)) throw notDue(`the ${c.visit} window closes on ${closedOn}: still open`, 'windowClosedOn');
  if (current(s.assessments).some((a) => a.fields.visit === c.visit))
    throw notDue(`visit ${c.visit} is assessed`, 'visit');
  if (alertsOf(s).some((a) => a.type === 'VisitMissed' && a.visit === c.visit && a.windowClosedOn === closedOn))
    throw new StateConflict('ALERT_ALREADY_RECORDED', `missed ${c.visit} already recorded`, 'visit');
  return [
    {
      type: 'VisitMissed',
      data: { studyId: c.studyId, participantId: c.participantId, visit: c.visit, windowClosedOn: closedOn },
    },
  ];
};
