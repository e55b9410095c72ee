/**
 * Treatment sessions and arms (protocol.md). A participant's non-voided procedures with the same
 * performedOn form one session, named by the member whose original entry comes first in the
 * participant's log (recording order, not dates). The first session is the one with the earliest
 * performedOn: its date is the treatment date, its injections give the arm.
 */
import type { InjectionSite, ProcedureFields } from '../shared/vocabulary';
import { current, isEnrolled, type Entry, type ParticipantState } from '../participant/participant.state';

export interface TreatmentSession {
  /** The id of the member whose original entry comes first. */
  readonly name: string;
  readonly performedOn: string;
  /** Members in recording order. */
  readonly procedures: readonly Entry<ProcedureFields>[];
  /** The first session (earliest performedOn). */
  readonly first: boolean;
}

/** Sessions by performedOn, earliest first. */
export const treatmentSessions = (procedures: readonly Entry<ProcedureFields>[]): TreatmentSession[] => {
  const byDate = new Map<string, Entry<ProcedureFields>[]>();
  for (const p of current(procedures)) {
    const list = byDate.get(p.fields.performedOn);
    if (list) list.push(p);
    else byDate.set(p.fields.performedOn, [p]);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([performedOn, members], i) => {
      const inOrder = members.slice().sort((a, b) => a.order - b.order);
      return { name: (inOrder[0] as Entry<ProcedureFields>).id, performedOn, procedures: inOrder, first: i === 0 };
    });
};

/** Arm components in key order; intravenous infusion, given to all, is not one. */
export const ARM_COMPONENTS: readonly (readonly [InjectionSite, string])[] = [
  ['lumbar_epidural', 'L_EPI'],
  ['cervical_epidural', 'C_EPI'],
  ['lumbar_facet', 'L_FACET'],
  ['cervical_facet', 'C_FACET'],
  ['intradiscal', 'DISK'],
];
export const IV_ONLY = 'IV_ONLY';

export const injectionsOf = (s: TreatmentSession) => s.procedures.flatMap((p) => p.fields.injections ?? []);

export const armKey = (s: TreatmentSession): string => {
  const sites = new Set(injectionsOf(s).map((i) => i.site));
  const parts = ARM_COMPONENTS.filter(([site]) => sites.has(site)).map(([, key]) => key);
  return parts.length === 0 ? IV_ONLY : parts.join('+');
};

export interface Treatment {
  readonly sessions: readonly TreatmentSession[];
  /** performedOn of the first session. */
  readonly treatmentDate: string;
  readonly arm: string;
}

/** The participant's treatment when treated (enrolled, with at least one non-voided procedure); else null. */
export const treatmentOf = (p: ParticipantState): Treatment | null => {
  if (!isEnrolled(p)) return null;
  const sessions = treatmentSessions(p.procedures);
  const first = sessions[0];
  if (first === undefined) return null;
  return { sessions, treatmentDate: first.performedOn, arm: armKey(first) };
};
