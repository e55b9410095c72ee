/**
 * One participant as a coordinator or an auditor reads them: every record as amended, each
 * amended value marked with the amendment that set it, voids with who and why, the arm and
 * treatment date, signatures (and whether each is still on the record's current content),
 * safety submissions and the protocol deviations the record gives. Derived from the domain's
 * participant state; nothing here folds events.
 */
import {
  activeHoldOf,
  clinicalRecords,
  contentHash,
  MEDICATION_CLASSES,
  signableContent,
  statusOf,
  treatmentOf,
  type ParticipantState,
} from '../../../trial-domain/src';
import { participantDeviations } from '../deviations/deviations';
import { recordsAwaitingSignature, rosterEntry } from '../study-roster/study-roster';

export const participantView = (p: ParticipantState, revision: number, asOfDate: string) => {
  const t = treatmentOf(p);
  const roster = rosterEntry(p, asOfDate);
  const currentHash = new Map<string, string | null>();
  const hashOf = (recordId: string): string | null => {
    if (!currentHash.has(recordId)) {
      let hash: string | null;
      try {
        hash = contentHash(signableContent(p, recordId));
      } catch {
        // a signature on a record the participant no longer has cannot be current
        hash = null;
      }
      currentHash.set(recordId, hash);
    }
    return currentHash.get(recordId) ?? null;
  };
  return {
    studyId: p.studyId,
    participantId: p.participantId,
    revision,
    status: statusOf(p),
    consentedOn: p.consentedOn,
    consents: p.consents,
    enrollment:
      p.enrollment === null
        ? null
        : {
            outcome: p.enrollment.outcome,
            fields: p.enrollment.fields,
            failedCriteria: p.enrollment.failedCriteria,
            amendedBy: p.enrollment.amendedBy,
          },
    withdrawal: p.withdrawal,
    arm: t?.arm ?? null,
    treatmentDate: t?.treatmentDate ?? null,
    visitsAssessed: roster.visitsAssessed,
    nextVisit: roster.nextVisit,
    activeMedicationHolds: Object.fromEntries(
      MEDICATION_CLASSES.flatMap((c) => {
        const startedOn = activeHoldOf(p, c);
        return startedOn === undefined ? [] : [[c, startedOn]];
      }),
    ),
    holds: p.holds,
    records: clinicalRecords(p).map((r) => ({
      recordId: r.id,
      kind: r.kind,
      voided: r.voided,
      ...r.fields,
      amendedBy: r.amendedBy,
      voidedBy: r.voidedBy,
    })),
    safetySubmissions: p.adverseEvents.flatMap((ae) => ae.submissions.map((s) => ({ adverseEventId: ae.id, ...s }))),
    signatures: p.signatures.map((s) => ({ ...s, current: hashOf(s.recordId) === s.contentHash })),
    deviations: participantDeviations(p),
    recordsAwaitingSignature: recordsAwaitingSignature(p),
    amendments: p.amendments,
    lastRecordedAt: p.lastRecordedAt,
  };
};

export type ParticipantView = ReturnType<typeof participantView>;
