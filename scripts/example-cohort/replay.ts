// A plain re-reading of an NDJSON command log for verify.ts: it checks each line
// against the rules of contract/commands.md that the example cohort relies on
// (shape, dates, state) and folds the accepted ones into participant records, as
// amended. No ledger code: an independent second reading of the contract.

export interface Hold {
  medicationClass: string;
  startedOn: string;
  endedOn?: string;
}

export interface RecordBase {
  id: string;
  voided: boolean;
  kind: 'procedure' | 'assessment' | 'surgery';
  fields: Record<string, unknown>;
}

export interface ParticipantState {
  id: string;
  consentOn: string;
  enrollment?: Record<string, unknown>;
  eligible?: boolean;
  holds: Hold[];
  records: RecordBase[];
  /** the order of original entries, for naming sessions */
  recordOrder: string[];
}

export interface Replay {
  problems: string[];
  participants: Map<string, ParticipantState>;
  /** non-blank lines */
  lines: number;
  counts: Record<string, number>;
  lastRecordedAt: string;
}

const ROLES = ['coordinator', 'investigator', 'safety_monitor', 'irb_auditor', 'admin'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
/** The ledger's clock when the example is imported: no later recorded time. */
export const LEDGER_NOW = '2026-11-26T00:00:00Z';

const MEDS = ['nsaid', 'corticosteroid', 'opiate', 'anticoagulant', 'aspirin'];
const DIAGNOSES = [
  'herniated_disc',
  'spondylolisthesis',
  'degenerative_disc',
  'spinal_stenosis',
  'facet_arthropathy',
  'other',
];
const SITES = ['lumbar_epidural', 'cervical_epidural', 'lumbar_facet', 'cervical_facet', 'intradiscal', 'intravenous'];
const VISITS = ['baseline', 'm1', 'm3', 'm6', 'm12', 'm18', 'm24'];

type Check = (v: unknown) => string | null;
const str: Check = (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 2000 ? null : 'a non-empty string');
const recordId: Check = (v) => (typeof v === 'string' && ID.test(v) ? null : 'an id');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'a boolean');
const oneOf =
  (values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `one of ${values.join(', ')}`;
const num =
  (lo: number, hi: number, integer = false): Check =>
  (v) =>
    typeof v === 'number' && v >= lo && v <= hi && (!integer || Number.isInteger(v)) ? null : `a number ${lo}-${hi}`;
const realDate: Check = (v) => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'a date';
  return new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v ? null : 'a real date';
};
const subset =
  (values: string[], nonEmpty = false): Check =>
  (v) =>
    Array.isArray(v) &&
    (!nonEmpty || v.length > 0) &&
    new Set(v).size === v.length &&
    v.every((x) => typeof x === 'string' && values.includes(x))
      ? null
      : `a set of ${values.join(', ')}`;
/** VAS: 0-10 with at most one decimal, judged on the shortest decimal. */
const vas: Check = (v) =>
  typeof v === 'number' && v >= 0 && v <= 10 && /^\d+(\.\d)?$/.test(String(v)) ? null : 'a VAS 0-10 with one decimal';
const injections: Check = (v) => {
  if (!Array.isArray(v) || v.length === 0) return 'a non-empty array';
  for (const inj of v) {
    const problem = fieldsProblem(inj, INJECTION, ['level', 'side']);
    if (problem) return problem;
  }
  return null;
};

type Spec = Record<string, Check>;
const INJECTION: Spec = {
  site: oneOf(SITES),
  level: str,
  side: oneOf(['left', 'right']),
  cellsMillions: (v) => (typeof v === 'number' && v > 0 && v <= 1000 ? null : 'cells 0-1000'),
};
const ENROLLMENT: Spec = {
  enrolledOn: realDate,
  ageYears: num(0, 120, true),
  sex: oneOf(['male', 'female']),
  heightCm: num(100, 230),
  weightKg: num(30, 300),
  painRegions: subset(['lumbar', 'cervical'], true),
  painDurationMonths: num(0, Number.MAX_SAFE_INTEGER, true),
  failedPhysicalTherapy: bool,
  axialPainWorseThanLegPain: bool,
  diagnoses: subset(DIAGNOSES),
  priorFailedBackSurgery: bool,
  currentMedications: subset(MEDS),
};
const PROCEDURE: Spec = {
  procedureId: recordId,
  performedOn: realDate,
  weightKg: num(30, 300),
  sedation: bool,
  productLot: str,
  injections,
};
const ASSESSMENT: Spec = {
  assessmentId: recordId,
  visit: oneOf(VISITS),
  assessedOn: realDate,
  vas,
  quebec: num(0, 100, true),
  globalImprovement: num(0, 100),
};
const SURGERY: Spec = { surgeryId: recordId, performedOn: realDate, description: str };
const PARTICIPANT: Spec = { studyId: recordId, participantId: recordId };

const SPECS: Record<string, { spec: Spec; optional?: string[] }> = {
  RegisterStudy: {
    spec: { studyId: recordId, title: str, irbApprovalNumber: str, protocolVersion: str },
  },
  RecordConsent: { spec: { ...PARTICIPANT, consentVersion: str, signedOn: realDate } },
  EnrollParticipant: { spec: { ...PARTICIPANT, ...ENROLLMENT } },
  StartMedicationHold: {
    spec: { ...PARTICIPANT, medicationClass: oneOf(MEDS), startedOn: realDate },
  },
  EndMedicationHold: { spec: { ...PARTICIPANT, medicationClass: oneOf(MEDS), endedOn: realDate } },
  RecordProcedure: { spec: { ...PARTICIPANT, ...PROCEDURE } },
  RecordAssessment: { spec: { ...PARTICIPANT, ...ASSESSMENT }, optional: ['globalImprovement'] },
  RecordSubsequentSurgery: { spec: { ...PARTICIPANT, ...SURGERY } },
  CorrectRecord: {
    spec: {
      ...PARTICIPANT,
      recordId: (v) => (v === 'enrollment' ? null : recordId(v)),
      changes: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : 'object'),
      reason: (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'a non-blank reason'),
    },
  },
  VoidRecord: {
    spec: {
      ...PARTICIPANT,
      recordId,
      reason: (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'a non-blank reason'),
    },
  },
  SignRecord: {
    spec: {
      ...PARTICIPANT,
      recordId: (v) => (v === 'enrollment' ? null : recordId(v)),
      meaning: oneOf(['authored', 'reviewed', 'approved']),
    },
  },
};

/** Correctable fields per record kind (CorrectRecord). */
const CORRECTABLE: Record<string, Spec> = {
  assessment: {
    assessedOn: realDate,
    vas,
    quebec: num(0, 100, true),
    globalImprovement: num(0, 100),
  },
  procedure: {
    performedOn: realDate,
    weightKg: num(30, 300),
    sedation: bool,
    productLot: str,
    injections,
  },
  surgery: { performedOn: realDate, description: str },
  enrollment: ENROLLMENT,
};

function fieldsProblem(value: unknown, spec: Spec, optional: string[] = [], all = true): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (!(key in spec)) return `unknown field ${key}`;
  for (const [key, check] of Object.entries(spec)) {
    if (!(key in obj)) {
      if (all && !optional.includes(key)) return `missing ${key}`;
      continue;
    }
    const problem = check(obj[key]);
    if (problem) return `${key} must be ${problem}`;
  }
  return null;
}

/** Every YYYY-MM-DD value among an object's fields (the contract's clinical dates). */
function datesIn(obj: Record<string, unknown>): string[] {
  return Object.entries(obj)
    .filter(([k, v]) => k !== 'recordedAt' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    .map(([, v]) => v as string);
}

const ELIGIBLE = (e: Record<string, unknown>): boolean =>
  Number(e.painDurationMonths) > 12 &&
  e.failedPhysicalTherapy === true &&
  e.axialPainWorseThanLegPain === true &&
  Number(e.ageYears) >= 18;

export function replay(text: string): Replay {
  const problems: string[] = [];
  const participants = new Map<string, ParticipantState>();
  const commandIds = new Set<string>();
  const counts: Record<string, number> = {};
  let studyId: string | undefined;
  let last = '';
  let lineNo = 0;
  let commands = 0;
  for (const raw of text.split('\n')) {
    lineNo += 1;
    if (raw.trim() === '') continue;
    commands += 1;
    const fail = (msg: string) => problems.push(`line ${lineNo}: ${msg}`);
    let env: Record<string, unknown>;
    try {
      env = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      fail('not JSON');
      continue;
    }
    const type = String(env.type);
    const actor = env.actor as { id?: unknown; role?: unknown } | undefined;
    const recordedAt = String(env.recordedAt);
    const at = INSTANT.exec(recordedAt);
    const spec = SPECS[type];
    const data = env.data as Record<string, unknown>;
    if (typeof env.commandId !== 'string' || commandIds.has(env.commandId)) fail('commandId');
    commandIds.add(String(env.commandId));
    if (!spec) {
      fail(`type ${type} not used by the example`);
      continue;
    }
    if (!at || new Date(recordedAt).toISOString().replace('.000', '') !== recordedAt) {
      fail(`recordedAt ${recordedAt}`);
      continue;
    }
    if (recordedAt < last) fail(`recordedAt ${recordedAt} goes back in time`);
    if (recordedAt > LEDGER_NOW) fail(`recordedAt ${recordedAt} after the ledger clock`);
    last = recordedAt > last ? recordedAt : last;
    if (!actor || str(actor.id) || !ROLES.includes(String(actor.role))) fail('actor');
    const shape = fieldsProblem(data, spec.spec, spec.optional);
    if (shape) {
      fail(`${type}: ${shape}`);
      continue;
    }
    counts[type] = (counts[type] ?? 0) + 1;
    // the latest clinical date a record may carry: the recorded date in UTC+14
    const latestDate = new Date(Date.parse(recordedAt) + 14 * 3_600_000).toISOString().slice(0, 10);
    const changes = (data.changes ?? {}) as Record<string, unknown>;
    const dates = [...datesIn(data), ...datesIn(changes)];
    if (dates.some((d) => d > latestDate)) fail(`${type}: a date after ${latestDate}`);
    if (type === 'RegisterStudy') {
      if (studyId !== undefined) fail('study registered twice');
      studyId = String(data.studyId);
      continue;
    }
    if (data.studyId !== studyId) fail('unknown study');
    const pid = String(data.participantId);
    let p = participants.get(pid);
    if (type === 'RecordConsent') {
      if (!p) {
        p = { id: pid, consentOn: String(data.signedOn), holds: [], records: [], recordOrder: [] };
        participants.set(pid, p);
      } else if (String(data.signedOn) < p.consentOn) fail('re-consent before the first');
      continue;
    }
    if (!p) {
      fail(`${type} for unknown participant ${pid}`);
      continue;
    }
    const part = p;
    if (dates.some((d) => d < part.consentOn)) fail(`${type}: a date before the consent`);
    const findRecord = (id: unknown) => part.records.find((r) => r.id === id);
    const needEnrolled = () => {
      if (!part.eligible) fail(`${type} without an enrollment`);
    };
    switch (type) {
      case 'EnrollParticipant':
        if (part.enrollment) fail('enrolled twice');
        part.enrollment = { ...data };
        part.eligible = ELIGIBLE(data);
        if (!part.eligible) fail('screen failure');
        break;
      case 'StartMedicationHold': {
        needEnrolled();
        const cls = String(data.medicationClass);
        if (part.holds.some((h) => h.medicationClass === cls && h.endedOn === undefined)) {
          fail(`hold of ${cls} already active`);
        }
        part.holds.push({ medicationClass: cls, startedOn: String(data.startedOn) });
        break;
      }
      case 'EndMedicationHold': {
        needEnrolled();
        const hold = part.holds.find((h) => h.medicationClass === data.medicationClass && h.endedOn === undefined);
        if (!hold) fail(`no active hold of ${String(data.medicationClass)}`);
        else if (String(data.endedOn) < hold.startedOn) fail('hold ends before it starts');
        else hold.endedOn = String(data.endedOn);
        break;
      }
      case 'RecordProcedure':
      case 'RecordAssessment':
      case 'RecordSubsequentSurgery': {
        needEnrolled();
        const kind = type === 'RecordProcedure' ? 'procedure' : type === 'RecordAssessment' ? 'assessment' : 'surgery';
        const id = String(data[`${kind}Id`]);
        if (id === 'enrollment' || findRecord(id)) fail(`record id ${id} taken`);
        if (kind === 'assessment') {
          if (data.visit === 'baseline' && data.globalImprovement !== undefined) fail('GI at baseline');
          const twin = part.records.find((r) => r.kind === 'assessment' && !r.voided && r.fields.visit === data.visit);
          if (twin) fail(`second ${String(data.visit)} assessment`);
        }
        part.records.push({ id, kind, voided: false, fields: { ...data } });
        part.recordOrder.push(id);
        break;
      }
      case 'CorrectRecord': {
        const target = data.recordId === 'enrollment' ? undefined : findRecord(data.recordId);
        const kind = data.recordId === 'enrollment' ? 'enrollment' : target?.kind;
        const fields = kind === 'enrollment' ? part.enrollment : target?.fields;
        if (!kind || !fields || target?.voided) {
          fail(`correction of unknown or voided ${String(data.recordId)}`);
          break;
        }
        const problem = fieldsProblem(changes, CORRECTABLE[kind] ?? {}, [], false);
        const changed = Object.keys(changes).filter((k) => JSON.stringify(changes[k]) !== JSON.stringify(fields[k]));
        if (problem || changed.length === 0) fail(`correction: ${problem ?? 'nothing changes'}`);
        else Object.assign(fields, changes);
        break;
      }
      case 'VoidRecord': {
        const target = findRecord(data.recordId);
        if (!target || target.voided) fail(`void of unknown or voided ${String(data.recordId)}`);
        else target.voided = true;
        break;
      }
      case 'SignRecord':
        if (data.recordId === 'enrollment' ? !part.enrollment : !findRecord(data.recordId)) {
          fail(`signature of unknown ${String(data.recordId)}`);
        }
        break;
    }
  }
  return { problems, participants, lines: commands, counts, lastRecordedAt: last };
}
