// Prints to stdout the example cohort MSC-SPINE-1: the command log of the seed
// paper's Phase I trial (48 patients, umbilical-cord MSC injections for chronic
// back and neck pain) in the NDJSON import format of contract/commands.md.
//
//   npm run build && npm run --silent example:generate
//   node dist/scripts/example-cohort/verify.js examples/msc-spine-cohort.ndjson
//
// Deterministic: no clock, no randomness but seeded generators. Every line is meant
// to be accepted and to raise no protocol deviation once amended; the published
// figures it reproduces, and the choices made where the paper contradicts itself,
// are in docs/paper-reconciliation.md.

import { addDays, daysBetween, instant, Random, weekday } from './example-cohort/calendar';
import { changesBetween, ENTRY_ERRORS } from './example-cohort/amendments';
import { enrollmentOf, HOLD_DAYS, sessionsOf } from './example-cohort/clinical';
import { DATA_LOCK } from './example-cohort/paper';
import { PARTICIPANTS, VISITS, type FollowUpVisit } from './example-cohort/participants';
import { scoreCohort, type Score } from './example-cohort/scores';

const STUDY = 'MSC-SPINE-1';
type Actor = { id: string; role: 'admin' | 'coordinator' | 'investigator' };
const ADMIN: Actor = { id: 'admin-01', role: 'admin' };
const INVESTIGATOR: Actor = { id: 'inv-01', role: 'investigator' };
const COORDINATORS: Actor[] = [
  { id: 'coord-01', role: 'coordinator' },
  { id: 'coord-02', role: 'coordinator' },
];

interface Line {
  type: string;
  recordedAt: string;
  actor: Actor;
  data: Record<string, unknown>;
}
const lines: Line[] = [];

/** Visit days after treatment: usual spread, inside protocol.md's windows. */
const VISIT_DAYS: Record<FollowUpVisit, [number, number]> = {
  m1: [26, 34],
  m3: [84, 98],
  m6: [172, 194],
  m12: [350, 382],
  m18: [530, 565],
};
/** Visits on the first or last day of their window (protocol.md), and one more. */
const WINDOW_EDGES: Record<string, Partial<Record<FollowUpVisit | 'baseline', number>>> = {
  'MSC-002': { m1: 23 },
  'MSC-003': { m1: 37 },
  'MSC-005': { m3: 77, m18: 502 },
  'MSC-006': { m3: 105, m18: 592 },
  'MSC-007': { m6: 152 },
  'MSC-009': { m6: 212 },
  'MSC-010': { baseline: -30 },
  'MSC-011': { baseline: 0 },
  'MSC-012': { m12: 320 },
  'MSC-013': { m12: 410 },
  'MSC-030': { m1: 29 }, // entered 10 days early, outside the window, then corrected
};

const SURGERIES: Record<string, string> = {
  'MSC-014': 'L4-L5 posterior lumbar interbody fusion',
  'MSC-016': 'L4-L5 decompressive laminectomy',
  'MSC-021': 'L5-S1 anterior lumbar interbody fusion',
};

const vasOf = (tenths: number): number => tenths / 10;

/** The weekday nearest to `day` days after `from`, within [lo, hi] days if possible. */
function clinicDay(from: string, day: number, lo: number, hi: number): number {
  const candidates = [day, day - 1, day + 1, day - 2, day + 2].map((d) => Math.max(lo, Math.min(hi, d)));
  return candidates.find((d) => weekday(addDays(from, d)) === addDays(from, d)) ?? candidates[0] ?? day;
}

function assessmentData(id: string, visit: string, on: string, s: Score): Record<string, unknown> {
  return {
    studyId: STUDY,
    participantId: id,
    assessmentId: `A-${visit.toUpperCase()}`,
    visit,
    assessedOn: on,
    vas: vasOf(s.vasTenths),
    quebec: s.quebec,
    ...(visit === 'baseline' || s.gi === undefined ? {} : { globalImprovement: s.gi }),
  };
}

lines.push({
  type: 'RegisterStudy',
  recordedAt: '2022-12-05T15:00:00Z',
  actor: ADMIN,
  data: {
    studyId: STUDY,
    title:
      'Umbilical cord-derived MSC epidural, facet and intravenous injection for chronic back and neck pain (Phase I)',
    irbApprovalNumber: '202127UC',
    protocolVersion: '1.0',
  },
});

const scores = scoreCohort(PARTICIPANTS);

PARTICIPANTS.forEach((row, index) => {
  const r = new Random(`${row.id}/schedule`);
  const coordinator = COORDINATORS[index % 2] ?? ADMIN;
  /** a command entered on `on`, or on the next weekday (the office is shut at weekends) */
  const emit = (on: string, minutes: number, type: string, data: object, actor = coordinator) =>
    lines.push({
      type,
      recordedAt: instant(weekday(on), minutes),
      actor,
      data: { studyId: STUDY, participantId: row.id, ...data },
    });
  const sign = (on: string, recordId: string, meaning: string) =>
    emit(on, 20 * 60 + r.int(0, 30), 'SignRecord', { recordId, meaning }, INVESTIGATOR);
  /** a new record, entered wrongly first if ENTRY_ERRORS says so, then corrected and signed */
  const record = (on: string, minutes: number, type: string, recordId: string, data: Record<string, unknown>) => {
    const error = ENTRY_ERRORS[row.id];
    if (error?.recordId !== recordId) {
      emit(on, minutes, type, data);
      return;
    }
    const entered = error.slip(data);
    emit(on, minutes, type, entered);
    emit(addDays(on, error.daysLater), 16 * 60 + r.int(0, 30), 'CorrectRecord', {
      recordId,
      changes: changesBetween(entered, data),
      reason: error.reason(entered, data),
    });
    sign(addDays(on, error.daysLater + 1), recordId, error.meaning);
  };
  /** recorded on the day or, now and then, a day or two later (never after the lock) */
  const entryDay = (on: string): string => {
    const day = weekday(addDays(on, r.pick([0, 0, 0, 0, 0, 1, 1, 2])));
    return day > DATA_LOCK ? on : day;
  };

  const T = row.treatedOn;
  const edges = WINDOW_EDGES[row.id] ?? {};
  const consentOn = edges.baseline === -30 ? addDays(T, -30) : weekday(addDays(T, -r.int(18, 28)));
  const enrollment = enrollmentOf(row);
  const own = scores.get(row.id);
  if (!own) throw new Error(row.id);

  emit(consentOn, 15 * 60 + r.int(0, 20), 'RecordConsent', { consentVersion: '1.0', signedOn: consentOn });
  record(consentOn, 15 * 60 + 30, 'EnrollParticipant', 'enrollment', { enrolledOn: consentOn, ...enrollment });
  // baseline: the screening visit, within 30 days before treatment
  const baselineOn = edges.baseline === 0 ? T : consentOn;
  const baseline = assessmentData(row.id, 'baseline', baselineOn, own.baseline);
  record(baselineOn, edges.baseline === 0 ? 14 * 60 : 15 * 60 + 45, 'RecordAssessment', 'A-BASELINE', baseline);

  // treatment sessions, each with the holds of the patient's medication classes
  let procedureNo = 0;
  for (const session of sessionsOf(row, index, enrollment.weightKg)) {
    const S = session.performedOn;
    for (const medicationClass of row.medications) {
      const { start, end } = HOLD_DAYS[medicationClass];
      const startedOn = addDays(S, start);
      const endedOn = addDays(S, end);
      emit(startedOn, 16 * 60 + r.int(0, 20), 'StartMedicationHold', { medicationClass, startedOn });
      emit(endedOn, 15 * 60 + 40 + r.int(0, 10), 'EndMedicationHold', { medicationClass, endedOn });
    }
    session.procedures.forEach((p, k) => {
      const procedureId = `PROC-${++procedureNo}`;
      const data = {
        procedureId,
        performedOn: S,
        weightKg: enrollment.weightKg,
        sedation: p.sedation,
        productLot: `VB-UC-${S.slice(2, 4)}${S.slice(5, 7)}`,
        injections: p.injections,
      };
      record(S, 21 * 60 + 10 * k + r.int(0, 5), 'RecordProcedure', procedureId, data);
      if (row.id === 'MSC-027' && p.injections.every((i) => i.site === 'intravenous')) {
        // the infusion entered twice; the copy is voided
        const duplicate = `PROC-${++procedureNo}`;
        emit(S, 21 * 60 + 40, 'RecordProcedure', { ...data, procedureId: duplicate });
        emit(addDays(S, 1), 16 * 60 + 15, 'VoidRecord', {
          recordId: duplicate,
          reason: `Duplicate entry of the infusion already recorded as ${procedureId}`,
        });
        sign(addDays(S, 2), duplicate, 'reviewed');
      }
    });
  }

  // follow-up visits
  let lastVisitOn = T;
  for (const visit of VISITS) {
    const s = own.visits[visit];
    if (!s) continue;
    const [lo, hi] = VISIT_DAYS[visit];
    const latest = Math.min(hi, daysBetween(T, DATA_LOCK) - 1);
    const on = addDays(T, edges[visit] ?? clinicDay(T, r.int(lo, hi), lo, latest));
    lastVisitOn = on;
    const enteredOn = entryDay(on);
    const minutes = 17 * 60 + r.int(0, 300);
    const data = assessmentData(row.id, visit, on, s);
    const assessmentId = String(data.assessmentId);
    if (row.id === 'MSC-019' && visit === 'm6') {
      // first entered under the next participant's id, voided there, then re-entered
      const next = weekday(addDays(enteredOn, 1));
      emit(enteredOn, minutes, 'RecordAssessment', { ...data, participantId: 'MSC-020' });
      emit(next, 15 * 60 + 5, 'VoidRecord', {
        participantId: 'MSC-020',
        recordId: assessmentId,
        reason: 'Entered under the wrong participant: this is the 6-month visit of MSC-019',
      });
      emit(next, 15 * 60 + 10, 'RecordAssessment', data);
    } else {
      record(enteredOn, minutes, 'RecordAssessment', assessmentId, data);
    }
  }

  const surgery = SURGERIES[row.id];
  if (surgery) {
    const on = weekday(addDays(lastVisitOn, r.int(35, 60)));
    emit(addDays(on, 2), 16 * 60 + 40, 'RecordSubsequentSurgery', {
      surgeryId: 'SURG-1',
      performedOn: on,
      description: surgery,
    });
    sign(addDays(on, 4), 'SURG-1', 'reviewed');
  }
});

// the log in recorded order (ties keep the order above), numbered in that order
const sorted = lines
  .map((line, seq) => ({ line, seq }))
  .sort((a, b) =>
    a.line.recordedAt < b.line.recordedAt ? -1 : a.line.recordedAt > b.line.recordedAt ? 1 : a.seq - b.seq,
  );
const last = sorted[sorted.length - 1]?.line.recordedAt ?? '';
if (last > `${DATA_LOCK}T23:59:59Z`) throw new Error(`recorded after the data lock: ${last}`);
for (const [n, { line }] of sorted.entries()) {
  const commandId = `MSC-c${String(n + 1).padStart(6, '0')}`;
  process.stdout.write(JSON.stringify({ commandId, ...line }) + '\n');
}
