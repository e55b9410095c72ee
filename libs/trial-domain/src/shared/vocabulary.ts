/** The enumerations of commands.md, as data so that validators, DTOs and docs share them. */
export const ROLES = ['coordinator', 'investigator', 'safety_monitor', 'irb_auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PAIN_REGIONS = ['lumbar', 'cervical'] as const;
export const DIAGNOSES = [
  'herniated_disc',
  'spondylolisthesis',
  'degenerative_disc',
  'spinal_stenosis',
  'facet_arthropathy',
  'other',
] as const;
export const MEDICATION_CLASSES = ['nsaid', 'corticosteroid', 'opiate', 'anticoagulant', 'aspirin'] as const;
export type MedicationClass = (typeof MEDICATION_CLASSES)[number];

export const INJECTION_SITES = [
  'lumbar_epidural',
  'cervical_epidural',
  'lumbar_facet',
  'cervical_facet',
  'intradiscal',
  'intravenous',
] as const;
export type InjectionSite = (typeof INJECTION_SITES)[number];

/** Visits of the schedule, in order, and the follow-up ones (everything after baseline). */
export const VISITS = ['baseline', 'm1', 'm3', 'm6', 'm12', 'm18', 'm24'] as const;
export type Visit = (typeof VISITS)[number];
export const FOLLOW_UP_VISITS = ['m1', 'm3', 'm6', 'm12', 'm18', 'm24'] as const;
export type FollowUpVisit = (typeof FOLLOW_UP_VISITS)[number];

export const SERIOUS_CRITERIA = [
  'death',
  'life_threatening',
  'hospitalization',
  'disability',
  'congenital_anomaly',
  'important_medical_event',
] as const;
export type SeriousCriterion = (typeof SERIOUS_CRITERIA)[number];
export const RELATEDNESS = ['not_related', 'unlikely', 'possible', 'probable', 'definite'] as const;
export type Relatedness = (typeof RELATEDNESS)[number];
export const AE_OUTCOMES = ['recovered', 'recovering', 'not_recovered', 'recovered_with_sequelae', 'fatal'] as const;
export type AeOutcome = (typeof AE_OUTCOMES)[number];

export const WITHDRAWAL_REASONS = ['consent_withdrawn', 'lost_to_follow_up', 'investigator_decision', 'other'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];
export const SIGNATURE_MEANINGS = ['authored', 'reviewed', 'approved'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];
export const SAFETY_REPORT_RECIPIENTS = ['irb', 'regulator'] as const;

/** Kinds of amendable records; `enrollment` is the enrollment record's reserved id. */
export type RecordKind = 'enrollment' | 'procedure' | 'assessment' | 'adverse_event' | 'surgery';
export const ENROLLMENT_RECORD_ID = 'enrollment';

export interface EnrollmentFields {
  readonly enrolledOn: string;
  readonly ageYears: number;
  readonly sex: 'male' | 'female';
  readonly heightCm: number;
  readonly weightKg: number;
  readonly painRegions: readonly string[];
  readonly painDurationMonths: number;
  readonly failedPhysicalTherapy: boolean;
  readonly axialPainWorseThanLegPain: boolean;
  readonly diagnoses: readonly string[];
  readonly priorFailedBackSurgery: boolean;
  readonly currentMedications: readonly MedicationClass[];
}

export interface Injection {
  readonly site: InjectionSite;
  readonly level?: string;
  readonly side?: 'left' | 'right';
  readonly cellsMillions: number;
}

export interface ProcedureFields {
  readonly performedOn: string;
  readonly weightKg: number;
  readonly sedation: boolean;
  readonly productLot: string;
  readonly injections: readonly Injection[];
}

export interface AssessmentFields {
  readonly visit: Visit;
  readonly assessedOn: string;
  readonly vas: number;
  readonly quebec: number;
  readonly globalImprovement?: number;
}

export interface AdverseEventFields {
  readonly onsetOn: string;
  readonly term: string;
  readonly bodySystem: string;
  readonly grade: number;
  readonly serious: boolean;
  readonly seriousCriteria: readonly SeriousCriterion[];
  readonly relatedToProcedure: Relatedness;
  readonly relatedToProduct: Relatedness;
  readonly expected: boolean;
  readonly outcome?: AeOutcome;
  readonly resolvedOn?: string;
  /**
   * When the sponsor became aware of the event: the start of the regulator's clock (21 CFR
   * 312.32). Optional; absent, the regulator's clock starts with the IRB clock.
   */
  readonly awareOn?: string;
}

export interface SurgeryFields {
  readonly performedOn: string;
  readonly description: string;
}
