/**
 * Safety counts of report.md: every non-voided adverse event as amended, of every participant of
 * the study (treated or not, before treatment too); exposure and the per-arm table count treated
 * participants only.
 */
import {
  current,
  isDeath,
  RELATEDNESS,
  SERIOUS_CRITERIA,
  type ParticipantState as ParticipantRecord,
} from '../../../trial-domain/src';
import { expeditedReport } from '../adverse-events/expedited';
import type { ArmSafety, Safety } from './study-report.types';

const zeros = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));

/** `arms`: the arm of each treated participant, by participant id. */
export const safetyOf = (
  participants: Iterable<ParticipantRecord>,
  arms: ReadonlyMap<string, string>,
  asOfDate: string,
): Safety => {
  const s: Safety = {
    participantsExposed: arms.size,
    participantsWithAe: 0,
    participantsWithSae: 0,
    adverseEvents: 0,
    seriousAdverseEvents: 0,
    deaths: 0,
    byGrade: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    bySeriousCriterion: zeros(SERIOUS_CRITERIA),
    byBodySystem: {},
    relatedToProduct: zeros(RELATEDNESS),
    byArm: {},
    expedited: [],
  };
  // Body systems are verbatim text (even `__proto__`), so they are counted in a Map.
  const byBodySystem = new Map<string, number>();
  const byArm = new Map<string, ArmSafety>();
  for (const arm of [...new Set(arms.values())].sort())
    byArm.set(arm, { participants: 0, participantsWithAe: 0, adverseEvents: 0, seriousAdverseEvents: 0 });
  for (const p of participants) {
    const arm = arms.get(p.participantId);
    const armRow = arm === undefined ? undefined : byArm.get(arm);
    if (armRow) armRow.participants += 1;
    const events = current(p.adverseEvents);
    for (const ae of p.adverseEvents) {
      const report = expeditedReport(p.participantId, ae, asOfDate);
      if (report !== null) s.expedited.push(report);
    }
    if (events.length === 0) continue;
    const serious = events.filter((ae) => ae.fields.serious === true);
    s.participantsWithAe += 1;
    if (serious.length > 0) s.participantsWithSae += 1;
    if (events.some((ae) => isDeath(ae.fields))) s.deaths += 1;
    s.adverseEvents += events.length;
    s.seriousAdverseEvents += serious.length;
    for (const ae of events) {
      const grade = String(ae.fields.grade) as keyof Safety['byGrade'];
      if (grade in s.byGrade) s.byGrade[grade] += 1;
      byBodySystem.set(ae.fields.bodySystem, (byBodySystem.get(ae.fields.bodySystem) ?? 0) + 1);
      s.relatedToProduct[ae.fields.relatedToProduct] = (s.relatedToProduct[ae.fields.relatedToProduct] ?? 0) + 1;
    }
    for (const ae of serious)
      for (const c of ae.fields.seriousCriteria ?? []) s.bySeriousCriterion[c] = (s.bySeriousCriterion[c] ?? 0) + 1;
    if (armRow) {
      armRow.participantsWithAe += 1;
      armRow.adverseEvents += events.length;
      armRow.seriousAdverseEvents += serious.length;
    }
  }
  s.byBodySystem = Object.fromEntries(byBodySystem);
  s.byArm = Object.fromEntries(byArm);
  return s;
};
