/**
 * Protocol deviations (protocol.md): an interpretation of the recorded facts, derived from the
 * current (amended) record, never stored. A record breaking a rule gives one deviation for that
 * rule (not one per injection). Only enrolled participants' records are checked. Every threshold is
 * applied to exact decimals.
 */
import {
  current,
  daysBetween,
  failedEligibility,
  injectionsOf,
  inRange,
  isEnrolled,
  sumAtLeast,
  treatmentOf,
  VISIT_WINDOWS,
  type AssessmentFields,
  type Entry,
  type Hold,
  type InjectionSite,
  type MedicationClass,
  type ParticipantState,
  type ProcedureFields,
  type TreatmentSession,
} from '../../../trial-domain/src';

export const DEVIATION_CODES = [
  'EPIDURAL_DOSE_OUT_OF_RANGE',
  'FACET_DOSE_OUT_OF_RANGE',
  'DISK_DOSE_OUT_OF_RANGE',
  'MISSING_LUMBAR_EPIDURAL',
  'TOO_MANY_DISKS',
  'IV_DOSE_BELOW_MINIMUM',
  'SEDATION_WITHOUT_DISK_INJECTION',
  'MEDICATION_HOLD_MISSING',
  'ANTICOAGULANT_RESTARTED_EARLY',
  'ENROLLED_NOT_ELIGIBLE',
  'VISIT_OUT_OF_WINDOW',
] as const;
export type DeviationCode = (typeof DEVIATION_CODES)[number];

export interface Deviation {
  readonly participantId: string;
  readonly recordId: string;
  readonly code: DeviationCode;
  readonly detail: string;
}

/** Dose ranges per injection, million cells, inclusive. */
export const DOSE_RULES: readonly {
  readonly code: DeviationCode;
  readonly sites: readonly InjectionSite[];
  readonly min: number;
  readonly max: number;
  readonly what: string;
}[] = [
  {
    code: 'EPIDURAL_DOSE_OUT_OF_RANGE',
    sites: ['lumbar_epidural', 'cervical_epidural'],
    min: 20,
    max: 25,
    what: 'epidural',
  },
  { code: 'FACET_DOSE_OUT_OF_RANGE', sites: ['lumbar_facet', 'cervical_facet'], min: 1.5, max: 3, what: 'facet' },
  { code: 'DISK_DOSE_OUT_OF_RANGE', sites: ['intradiscal'], min: 22.5, max: 27.5, what: 'intradiscal' },
];
export const MAX_DISKS_PER_SESSION = 2;
export const MIN_IV_CELLS_MILLIONS = 100;

type Found = Omit<Deviation, 'participantId'>;

const procedureDeviations = (p: Entry<ProcedureFields>): Found[] => {
  const out: Found[] = [];
  for (const rule of DOSE_RULES) {
    const bad = (p.fields.injections ?? []).filter(
      (i) => rule.sites.includes(i.site) && !inRange(i.cellsMillions, rule.min, rule.max),
    );
    if (bad.length > 0)
      out.push({
        recordId: p.id,
        code: rule.code,
        detail: `${rule.what} dose ${bad.map((i) => `${i.cellsMillions}`).join(', ')} million cells outside ${rule.min}-${rule.max}`,
      });
  }
  return out;
};

/** A hold of the class that covers the day: started on or before it and not ended before it. */
const holdCovers = (h: Hold, day: string): boolean => h.startedOn <= day && (h.endedOn === null || h.endedOn >= day);

const sessionDeviations = (
  s: TreatmentSession,
  medications: readonly MedicationClass[],
  holds: readonly Hold[],
): Found[] => {
  const out: Found[] = [];
  const injections = injectionsOf(s);
  const at = (code: DeviationCode, detail: string) =>
    out.push({ recordId: s.name, code, detail: `session ${s.performedOn}: ${detail}` });
  const sites = injections.map((i) => i.site);
  const allIntravenous = sites.every((x) => x === 'intravenous');
  if (!sites.includes('lumbar_epidural') && !(!s.first && allIntravenous))
    at('MISSING_LUMBAR_EPIDURAL', 'no lumbar epidural injection');
  const disks = sites.filter((x) => x === 'intradiscal').length;
  if (disks > MAX_DISKS_PER_SESSION)
    at('TOO_MANY_DISKS', `${disks} intradiscal injections (at most ${MAX_DISKS_PER_SESSION})`);
  const iv = injections.filter((i) => i.site === 'intravenous');
  if (!(!s.first && iv.length === 0)) {
    if (
      !sumAtLeast(
        iv.map((i) => i.cellsMillions),
        MIN_IV_CELLS_MILLIONS,
      )
    )
      at('IV_DOSE_BELOW_MINIMUM', `intravenous total below ${MIN_IV_CELLS_MILLIONS} million cells`);
  }
  if (s.procedures.some((p) => p.fields.sedation === true) && disks === 0)
    at('SEDATION_WITHOUT_DISK_INJECTION', 'sedation without an intradiscal injection');
  const day = s.performedOn;
  const missing = medications.filter((cls) => !holds.some((h) => h.medicationClass === cls && holdCovers(h, day)));
  if (missing.length > 0) at('MEDICATION_HOLD_MISSING', `no hold covering the day for ${missing.join(', ')}`);
  // endedOn is the first day back on the drug: an anticoagulant restarted on the day of the procedure.
  if (holds.some((h) => h.medicationClass === 'anticoagulant' && h.startedOn <= day && h.endedOn === day))
    at('ANTICOAGULANT_RESTARTED_EARLY', 'anticoagulant hold ended on the day of the procedure');
  return out;
};

const assessmentDeviation = (a: Entry<AssessmentFields>, treatmentDate: string): Found | null => {
  const window = VISIT_WINDOWS[a.fields.visit];
  if (window === undefined) return null;
  const day = daysBetween(treatmentDate, a.fields.assessedOn);
  if (day >= window[0] && day <= window[1]) return null;
  return {
    recordId: a.id,
    code: 'VISIT_OUT_OF_WINDOW',
    detail: `${a.fields.visit} assessed on day ${day} from treatment (window ${window[0]}..${window[1]})`,
  };
};

/** The participant's deviations, from the record as amended; [] unless enrolled. */
export const participantDeviations = (p: ParticipantState): Deviation[] => {
  if (!isEnrolled(p) || p.enrollment === null) return [];
  const found: Found[] = [];
  const failed = failedEligibility(p.enrollment.fields);
  if (failed.length > 0)
    found.push({
      recordId: 'enrollment',
      code: 'ENROLLED_NOT_ELIGIBLE',
      detail: `enrollment fails ${failed.join(', ')}`,
    });
  for (const proc of current(p.procedures)) found.push(...procedureDeviations(proc));
  const treatment = treatmentOf(p);
  if (treatment !== null) {
    const medications = p.enrollment.fields.currentMedications ?? [];
    for (const s of treatment.sessions) found.push(...sessionDeviations(s, medications, p.holds));
    // Visit windows are counted from the treatment date, so not checked before any procedure exists.
    for (const a of current(p.assessments)) {
      const d = assessmentDeviation(a, treatment.treatmentDate);
      if (d !== null) found.push(d);
    }
  }
  return found.map((d) => ({ participantId: p.participantId, ...d }));
};

/** Counts by code (codes with no deviation omitted). */
export const countByCode = (deviations: readonly Deviation[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const d of deviations) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
};

/** The study's deviations, by code and listed. */
export const studyDeviations = (
  participants: Iterable<ParticipantState>,
  studyId: string,
): { byCode: Record<string, number>; items: Deviation[] } => {
  const items: Deviation[] = [];
  for (const p of participants) if (p.studyId === studyId) items.push(...participantDeviations(p));
  return { byCode: countByCode(items), items };
};
