/**
 * The roster of a study (read.md "Roster"): one entry per consented participant, in the order
 * their first consent was recorded, with where they stand, derived from the participant's state.
 * Beside the contract's fields, what a coordinator works from: open adverse events, protocol
 * deviations and records whose current content has no signature.
 */
import {
  current,
  nextVisitDue,
  signableContent,
  contentHash,
  statusOf,
  treatmentOf,
  VISITS,
  ENROLLMENT_RECORD_ID,
  type ParticipantState,
  type ParticipantStatus,
  type Visit,
  type VisitWindow,
  type WithdrawalReason,
} from '../../../trial-domain/src';
import { participantDeviations } from '../deviations/deviations';

export interface RosterEntry {
  readonly participantId: string;
  readonly consentedOn: string;
  readonly status: ParticipantStatus;
  readonly screenFailures: readonly string[];
  readonly withdrawal: { readonly withdrawnOn: string; readonly reason: WithdrawalReason } | null;
  readonly arm: string | null;
  readonly treatmentDate: string | null;
  readonly visitsAssessed: readonly Visit[];
  readonly nextVisit: VisitWindow | null;
  /** Non-voided adverse events without a resolution date. */
  readonly openAdverseEvents: number;
  /** Protocol deviations derived from the record as it stands (protocol.md). */
  readonly deviations: number;
  /** The enrollment and non-voided clinical records whose current content carries no signature. */
  readonly recordsAwaitingSignature: number;
}

/** Ids of the records whose current content has no signature. */
export const recordsAwaitingSignature = (p: ParticipantState): string[] => {
  const signed = new Set(p.signatures.map((s) => `${s.recordId}\u0000${s.contentHash}`));
  const ids = [
    ...(p.enrollment ? [ENROLLMENT_RECORD_ID] : []),
    ...[...current(p.procedures), ...current(p.assessments), ...current(p.adverseEvents), ...current(p.surgeries)]
      .sort((a, b) => a.order - b.order)
      .map((r) => r.id),
  ];
  return ids.filter((id) => !signed.has(`${id}\u0000${contentHash(signableContent(p, id))}`));
};

/** A roster entry but its next visit: what does not depend on the day it is read (the read model keeps it). */
export type RosterSummary = Omit<RosterEntry, 'nextVisit'>;

export const rosterSummary = (p: ParticipantState): RosterSummary => {
  const t = treatmentOf(p);
  const assessed = new Set(current(p.assessments).map((a) => a.fields.visit));
  return {
    participantId: p.participantId,
    consentedOn: p.consentedOn ?? '',
    status: statusOf(p),
    screenFailures: p.enrollment?.outcome === 'screen_failed' ? p.enrollment.failedCriteria : [],
    withdrawal: p.withdrawal,
    arm: t?.arm ?? null,
    treatmentDate: t?.treatmentDate ?? null,
    visitsAssessed: VISITS.filter((v) => assessed.has(v)),
    openAdverseEvents: current(p.adverseEvents).filter((ae) => ae.fields.resolvedOn === undefined).length,
    deviations: participantDeviations(p).length,
    recordsAwaitingSignature: recordsAwaitingSignature(p).length,
  };
};

/** The entry as of `asOfDate` (UTC date: the reference for the next visit, read.md). */
export const rosterEntryOf = (r: RosterSummary, asOfDate: string): RosterEntry => ({
  participantId: r.participantId,
  consentedOn: r.consentedOn,
  status: r.status,
  screenFailures: r.screenFailures,
  withdrawal: r.withdrawal,
  arm: r.arm,
  treatmentDate: r.treatmentDate,
  visitsAssessed: r.visitsAssessed,
  nextVisit:
    r.treatmentDate === null || r.withdrawal !== null
      ? null
      : nextVisitDue(r.treatmentDate, new Set(r.visitsAssessed), asOfDate),
  openAdverseEvents: r.openAdverseEvents,
  deviations: r.deviations,
  recordsAwaitingSignature: r.recordsAwaitingSignature,
});

/** The participant's roster entry as of `asOfDate`. */
export const rosterEntry = (p: ParticipantState, asOfDate: string): RosterEntry =>
  rosterEntryOf(rosterSummary(p), asOfDate);
