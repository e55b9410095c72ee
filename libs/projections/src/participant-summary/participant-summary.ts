/**
 * A participant's current state as a coordinator reads it: status, arm and treatment date, medication
 * holds, procedures, the latest assessment per visit, open adverse events, how many amendments were
 * recorded, and the signatures. Derived from the clinical record as amended.
 */
import {
  current,
  statusOf,
  treatmentOf,
  type AdverseEventEntry,
  type AssessmentFields,
  type Hold,
  type ParticipantState as ParticipantRecord,
  type ParticipantStatus,
  type ProcedureFields,
  type Signature,
  type Visit,
} from '../../../trial-domain/src';
import { participantKey } from '../projection';

export interface ParticipantSummary {
  readonly studyId: string;
  readonly participantId: string;
  readonly status: ParticipantStatus;
  readonly consentedOn: string | null;
  readonly enrolledOn: string | null;
  readonly withdrawal: ParticipantRecord['withdrawal'];
  readonly treated: boolean;
  readonly arm: string | null;
  readonly treatmentDate: string | null;
  readonly sessions: readonly {
    readonly name: string;
    readonly performedOn: string;
    readonly procedureIds: readonly string[];
  }[];
  readonly activeHolds: readonly Hold[];
  readonly holds: readonly Hold[];
  readonly procedures: readonly ({ readonly procedureId: string } & ProcedureFields)[];
  /** Per visit, the non-voided assessment (the latest entered, should there be more than one). */
  readonly latestAssessments: Partial<Record<Visit, { readonly assessmentId: string } & AssessmentFields>>;
  /** Non-voided adverse events without a resolution date. */
  readonly openAdverseEvents: readonly ({ readonly adverseEventId: string } & AdverseEventEntry['fields'])[];
  readonly surgeries: number;
  readonly amendments: number;
  readonly signatures: readonly Signature[];
  readonly lastRecordedAt: string | null;
}

export const participantSummary = (p: ParticipantRecord): ParticipantSummary => {
  const t = treatmentOf(p);
  const latestAssessments: ParticipantSummary['latestAssessments'] = {};
  for (const a of current(p.assessments).sort((x, y) => x.order - y.order))
    latestAssessments[a.fields.visit] = { assessmentId: a.id, ...a.fields };
  return {
    studyId: p.studyId,
    participantId: p.participantId,
    status: statusOf(p),
    consentedOn: p.consentedOn,
    enrolledOn: p.enrollment?.outcome === 'enrolled' ? p.enrollment.fields.enrolledOn : null,
    withdrawal: p.withdrawal,
    treated: t !== null,
    arm: t?.arm ?? null,
    treatmentDate: t?.treatmentDate ?? null,
    sessions: (t?.sessions ?? []).map((s) => ({
      name: s.name,
      performedOn: s.performedOn,
      procedureIds: s.procedures.map((x) => x.id),
    })),
    activeHolds: p.holds.filter((h) => h.endedOn === null),
    holds: p.holds,
    procedures: current(p.procedures).map((x) => ({ procedureId: x.id, ...x.fields })),
    latestAssessments,
    openAdverseEvents: current(p.adverseEvents)
      .filter((ae) => ae.fields.resolvedOn === undefined)
      .map((ae) => ({ adverseEventId: ae.id, ...ae.fields })),
    surgeries: current(p.surgeries).length,
    amendments: p.amendments,
    signatures: p.signatures,
    lastRecordedAt: p.lastRecordedAt,
  };
};

export const summaryOf = (
  state: ReadonlyMap<string, ParticipantRecord>,
  studyId: string,
  participantId: string,
): ParticipantSummary | null => {
  const p = state.get(participantKey(studyId, participantId));
  return p === undefined || p.consentedOn === null ? null : participantSummary(p);
};
