/**
 * The safety desk's reads (safety.md): every non-voided adverse event of a study as amended and
 * updated, with its IRB clock as of a date, and the follow-up visits whose window closed with no
 * assessment. Both are derived from the participants' states (the domain's one fold).
 */
import {
  current,
  daysBetween,
  FOLLOW_UP_VISITS,
  treatmentOf,
  visitWindow,
  type AeOutcome,
  type FollowUpVisit,
  type ParticipantState,
  type Relatedness,
  type SeriousCriterion,
} from '../../../trial-domain/src';
import { expeditedReport } from '../adverse-events/expedited';
import { followUpReportNeeded, regulatorClock, type RegulatorClock } from './regulator-clock';

export interface ExpeditedClock {
  readonly clockStartedOn: string;
  readonly dueOn: string;
  /** dueOn minus the as-of date (negative when past), submitted or not. */
  readonly daysLeft: number;
  readonly submittedToIrbOn: string | null;
  readonly submittedToRegulatorOn: string | null;
  readonly overdue: boolean;
}

export interface AdverseEventListingEntry {
  readonly participantId: string;
  readonly adverseEventId: string;
  readonly arm: string | null;
  readonly term: string;
  readonly bodySystem: string;
  readonly onsetOn: string;
  readonly grade: number;
  readonly serious: boolean;
  readonly seriousCriteria: readonly SeriousCriterion[];
  readonly relatedToProcedure: Relatedness;
  readonly relatedToProduct: Relatedness;
  readonly expected: boolean;
  readonly outcome: AeOutcome | null;
  readonly resolvedOn: string | null;
  readonly open: boolean;
  readonly daysFromTreatment: number | null;
  readonly expedited: ExpeditedClock | null;
  /** Ours, beside the contract's: the regulator's clock (21 CFR 312.32); null if not expedited. */
  readonly regulator: RegulatorClock | null;
  /** Ours: upgraded to fatal or life-threatening after a report, with no report since. */
  readonly followUpReportNeeded: boolean;
}

const CLOSING_OUTCOMES: ReadonlySet<string> = new Set(['recovered', 'recovered_with_sequelae', 'fatal']);

/** The listing's entries of one participant as of `asOfDate` (UTC date). */
export const participantAdverseEvents = (p: ParticipantState, asOfDate: string): AdverseEventListingEntry[] => {
  const t = treatmentOf(p);
  return current(p.adverseEvents).map((ae) => {
    const f = ae.fields;
    const irb = expeditedReport(p.participantId, ae, asOfDate);
    const regulator = ae.submissions.filter((s) => s.recipient === 'regulator').map((s) => s.submittedOn);
    return {
      participantId: p.participantId,
      adverseEventId: ae.id,
      arm: t?.arm ?? null,
      term: f.term,
      bodySystem: f.bodySystem,
      onsetOn: f.onsetOn,
      grade: f.grade,
      serious: f.serious,
      seriousCriteria: f.seriousCriteria ?? [],
      relatedToProcedure: f.relatedToProcedure,
      relatedToProduct: f.relatedToProduct,
      expected: f.expected,
      outcome: f.outcome ?? null,
      resolvedOn: f.resolvedOn ?? null,
      open: f.resolvedOn === undefined && !(f.outcome !== undefined && CLOSING_OUTCOMES.has(f.outcome)),
      daysFromTreatment: t === null ? null : daysBetween(t.treatmentDate, f.onsetOn),
      expedited:
        irb === null
          ? null
          : {
              clockStartedOn: irb.clockStartedOn,
              dueOn: irb.dueOn,
              daysLeft: daysBetween(asOfDate, irb.dueOn),
              submittedToIrbOn: irb.submittedToIrbOn,
              submittedToRegulatorOn: regulator.length === 0 ? null : regulator.reduce((a, b) => (b < a ? b : a)),
              overdue: irb.overdue,
            },
      regulator: regulatorClock(ae, asOfDate),
      followUpReportNeeded: followUpReportNeeded(ae),
    };
  });
};

export interface AdverseEventFilters {
  readonly serious?: boolean;
  readonly expedited?: boolean;
  readonly open?: boolean;
  readonly grade?: number;
  readonly arm?: string;
  readonly participantId?: string;
}

/** The filters combine with AND. */
export const matchesFilters = (e: AdverseEventListingEntry, f: AdverseEventFilters): boolean =>
  (f.serious === undefined || e.serious === f.serious) &&
  (f.expedited === undefined || (e.expedited !== null) === f.expedited) &&
  (f.open === undefined || e.open === f.open) &&
  (f.grade === undefined || e.grade === f.grade) &&
  (f.arm === undefined || e.arm === f.arm) &&
  (f.participantId === undefined || e.participantId === f.participantId);

export interface MissedVisit {
  readonly participantId: string;
  readonly visit: FollowUpVisit;
  readonly windowClosedOn: string;
  readonly daysOverdue: number;
}

/**
 * The participant's follow-up visits whose window closed before `asOfDate` with no non-voided
 * assessment at that visit; none for an untreated participant or one withdrawn on or before it.
 */
export const participantMissedVisits = (p: ParticipantState, asOfDate: string): MissedVisit[] => {
  const t = treatmentOf(p);
  if (t === null || (p.withdrawal !== null && p.withdrawal.withdrawnOn <= asOfDate)) return [];
  const assessed = new Set(current(p.assessments).map((a) => a.fields.visit));
  return FOLLOW_UP_VISITS.flatMap((visit) => {
    const closedOn = visitWindow(visit, t.treatmentDate).windowClosesOn;
    return assessed.has(visit) || closedOn >= asOfDate
      ? []
      : [
          {
            participantId: p.participantId,
            visit,
            windowClosedOn: closedOn,
            daysOverdue: daysBetween(closedOn, asOfDate),
          },
        ];
  });
};
