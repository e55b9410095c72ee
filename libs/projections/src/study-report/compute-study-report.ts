/**
 * The IRB study report (report.md): "where does this study stand, as the ledger knew it at time T".
 * Folds each participant's clinical record as amended from the study's events recorded at or
 * before T, then derives every count from those records. Pure: same events, same report.
 */
import type { RecordedEvent } from '../../../event-store/src';
import {
  bmiBand,
  BMI_BANDS,
  dayNumber,
  daysBetween,
  current,
  treatmentOf,
  WITHDRAWAL_REASONS,
  type EnrollmentFields,
  type ParticipantState as ParticipantRecord,
} from '../../../trial-domain/src';
import { foldStudyRecord, type StudyRecord } from '../clinical-record/study-record';
import { countByCode, participantDeviations, type Deviation } from '../deviations/deviations';
import { canonicalRecordedAt, formatInstant } from '../projection';
import {
  addToSlice,
  newSliceAccumulator,
  sliceOf,
  treatedOutcome,
  type SliceAccumulator,
  type TreatedOutcome,
} from './outcomes';
import { safetyOf } from './safety';
import { AGE_BANDS, SEXES, SUBGROUPS, type Demographics, type Flow, type StudyReport } from './study-report.types';

/** Survivorship counts participants treated at least this many days before the as-of date. */
export const SURVIVORSHIP_MIN_DAYS = 365;

export const ageBand = (ageYears: number): (typeof AGE_BANDS)[number] =>
  ageYears < 35 ? '<35' : ageYears < 55 ? '35-54' : '>=55';

const newDemographics = (): Demographics => ({
  n: 0,
  age: Object.fromEntries(AGE_BANDS.map((b) => [b, 0])),
  sex: Object.fromEntries(SEXES.map((b) => [b, 0])),
  bmi: Object.fromEntries(BMI_BANDS.map((b) => [b, 0])),
});

const addDemographics = (d: Demographics, e: EnrollmentFields): void => {
  d.n += 1;
  const age = ageBand(e.ageYears);
  d.age[age] = (d.age[age] ?? 0) + 1;
  d.sex[e.sex] = (d.sex[e.sex] ?? 0) + 1;
  const bmi = bmiBand(e.weightKg, e.heightCm);
  d.bmi[bmi] = (d.bmi[bmi] ?? 0) + 1;
};

/** Derives the report from the study's folded records, as of `asOf` (canonical instant). */
export const deriveStudyReport = (study: StudyRecord, asOf: string): StudyReport => {
  const asOfInstant = canonicalRecordedAt(asOf);
  const asOfDate = asOfInstant.slice(0, 10);
  const asOfDay = dayNumber(asOfDate);
  const flow: Flow = {
    consented: 0,
    screenFailed: 0,
    enrolled: 0,
    treated: 0,
    withdrawn: Object.fromEntries(WITHDRAWAL_REASONS.map((r) => [r, 0])) as Flow['withdrawn'],
  };
  const treated: { record: ParticipantRecord; outcome: TreatedOutcome }[] = [];
  const arms = new Map<string, string>();
  const deviations: Deviation[] = [];
  let atRisk = 0;
  let surgeryFree = 0;
  for (const p of study.participants.values()) {
    if (p.consentedOn !== null) flow.consented += 1;
    if (p.enrollment?.outcome === 'screen_failed') flow.screenFailed += 1;
    if (p.enrollment?.outcome === 'enrolled') flow.enrolled += 1;
    if (p.withdrawal !== null) flow.withdrawn[p.withdrawal.reason] = (flow.withdrawn[p.withdrawal.reason] ?? 0) + 1;
    deviations.push(...participantDeviations(p));
    const t = treatmentOf(p);
    if (t === null) continue;
    flow.treated += 1;
    arms.set(p.participantId, t.arm);
    treated.push({ record: p, outcome: treatedOutcome(p, t) });
    if (daysBetween(t.treatmentDate, asOfDate) >= SURVIVORSHIP_MIN_DAYS) {
      atRisk += 1;
      if (current(p.surgeries).length === 0) surgeryFree += 1;
    }
  }

  const demographics = new Map<string, Demographics>([['all', newDemographics()]]);
  const slices = new Map<string, SliceAccumulator>([['all', newSliceAccumulator()]]);
  for (const arm of [...new Set(arms.values())].sort()) {
    demographics.set(arm, newDemographics());
    slices.set(`arm:${arm}`, newSliceAccumulator());
  }
  for (const g of SUBGROUPS) slices.set(`subgroup:${g}`, newSliceAccumulator());
  for (const { record, outcome } of treated) {
    const e = record.enrollment?.fields as EnrollmentFields;
    addDemographics(demographics.get('all') as Demographics, e);
    addDemographics(demographics.get(outcome.arm) as Demographics, e);
    const keys = ['all', `arm:${outcome.arm}`, ...outcome.subgroups.map((g) => `subgroup:${g}`)];
    for (const k of keys) addToSlice(slices.get(k) as SliceAccumulator, outcome, asOfDay);
  }

  return {
    studyId: study.studyId,
    asOf: formatInstant(asOfInstant),
    eventsApplied: study.eventsApplied,
    flow,
    demographics: Object.fromEntries(demographics),
    slices: Object.fromEntries([...slices].map(([k, acc]) => [k, sliceOf(acc)])),
    survivorship: { atRisk, surgeryFree },
    safety: safetyOf(study.participants.values(), arms, asOfDate),
    deviations: { byCode: countByCode(deviations), items: deviations },
  };
};

/**
 * The report of `studyId` as of `asOf` (an ISO instant), from the study's events in log order.
 * Events of other studies or recorded after `asOf` are skipped (filtered, not assumed).
 */
export const computeStudyReport = (studyId: string, events: Iterable<RecordedEvent>, asOf: string): StudyReport => {
  const asOfInstant = canonicalRecordedAt(asOf);
  return deriveStudyReport(foldStudyRecord(studyId, events, asOfInstant), asOfInstant);
};
