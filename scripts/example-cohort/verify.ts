// Self-check of the example cohort: re-reads the NDJSON (a file argument, or
// stdin), checks it against the contract (replay.ts) and protocol.md's deviation
// rules, recomputes the report's figures as report.md defines them, and prints
// them beside the paper's. Exit status 1 on any difference, rejected line or
// deviation. `--json` prints the recomputed figures instead.
//
//   node dist/scripts/example-cohort/verify.js examples/msc-spine-cohort.ndjson

import { readFileSync } from 'node:fs';
import { addDays, daysBetween } from './calendar';
import { DATA_LOCK, PUBLISHED, SURVIVORSHIP_AT_DATA_LOCK, TABLE_1, TABLE_4_MEANS, type Fraction } from './paper';
import { VISITS, type FollowUpVisit } from './participants';
import { LEDGER_NOW, replay, type ParticipantState, type RecordBase } from './replay';

/** A JSON number as an exact integer count of 10^-places (`5.10` is 5.1). */
function scaled(value: unknown, places: number): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!m || (m[2] ?? '').length > places) throw new Error(`not a ${places}-decimal number: ${String(value)}`);
  return Number(m[1]) * 10 ** places + Number((m[2] ?? '').padEnd(places, '0') || '0');
}

const WINDOWS: Record<string, [number, number]> = {
  baseline: [-30, 0],
  m1: [23, 37],
  m3: [77, 105],
  m6: [152, 212],
  m12: [320, 410],
  m18: [502, 592],
  m24: [670, 790],
};
const NOMINAL: Record<FollowUpVisit, number> = { m1: 30, m3: 91, m6: 182, m12: 365, m18: 547 };

interface Injection {
  site: string;
  cellsMillions: number;
}
interface Treated {
  p: ParticipantState;
  e: Record<string, unknown>;
  treatedOn: string;
  arm: string;
  assessments: Map<string, Record<string, unknown>>;
  surgeries: number;
}

const live = (p: ParticipantState, kind: RecordBase['kind']) =>
  p.records.filter((r) => r.kind === kind && !r.voided).map((r) => r.fields);
const injectionsOf = (procs: Record<string, unknown>[]) => procs.flatMap((f) => f.injections as Injection[]);
const cells = (injections: Injection[], site: string) =>
  injections.filter((i) => i.site === site).map((i) => scaled(i.cellsMillions, 2));

function deviations(p: ParticipantState): string[] {
  const out: string[] = [];
  const e = p.enrollment ?? {};
  const eligible =
    Number(e.painDurationMonths) > 12 &&
    e.failedPhysicalTherapy === true &&
    e.axialPainWorseThanLegPain === true &&
    Number(e.ageYears) >= 18;
  if (!eligible) out.push('ENROLLED_NOT_ELIGIBLE');
  const procs = live(p, 'procedure');
  for (const f of procs) {
    const inj = f.injections as Injection[];
    const outside = (sites: string[], lo: number, hi: number) =>
      sites.some((s) => cells(inj, s).some((c) => c < lo || c > hi));
    if (outside(['lumbar_epidural', 'cervical_epidural'], 2000, 2500))
      out.push(`EPIDURAL_DOSE ${String(f.procedureId)}`);
    if (outside(['lumbar_facet', 'cervical_facet'], 150, 300)) out.push(`FACET_DOSE ${String(f.procedureId)}`);
    if (outside(['intradiscal'], 2250, 2750)) out.push(`DISK_DOSE ${String(f.procedureId)}`);
  }
  const days = [...new Set(procs.map((f) => String(f.performedOn)))].sort();
  const meds = (e.currentMedications as string[] | undefined) ?? [];
  days.forEach((day, i) => {
    const session = procs.filter((f) => f.performedOn === day);
    const inj = injectionsOf(session);
    const allIv = inj.every((x) => x.site === 'intravenous');
    const iv = cells(inj, 'intravenous');
    const disks = cells(inj, 'intradiscal').length;
    if (!inj.some((x) => x.site === 'lumbar_epidural') && !(i > 0 && allIv)) out.push(`MISSING_LUMBAR_EPIDURAL ${day}`);
    if (disks > 2) out.push(`TOO_MANY_DISKS ${day}`);
    if (iv.reduce((a, b) => a + b, 0) < 10000 && !(i > 0 && iv.length === 0)) out.push(`IV_DOSE_BELOW_MINIMUM ${day}`);
    if (session.some((f) => f.sedation === true) && disks === 0) out.push(`SEDATION_WITHOUT_DISK ${day}`);
    const covered = (cls: string) =>
      p.holds.some(
        (h) => h.medicationClass === cls && h.startedOn <= day && !(h.endedOn !== undefined && h.endedOn < day),
      );
    if (!meds.every(covered)) out.push(`MEDICATION_HOLD_MISSING ${day}`);
    if (p.holds.some((h) => h.medicationClass === 'anticoagulant' && h.startedOn <= day && h.endedOn === day)) {
      out.push(`ANTICOAGULANT_RESTARTED_EARLY ${day}`);
    }
  });
  const first = days[0];
  if (first !== undefined) {
    for (const a of live(p, 'assessment')) {
      const [lo, hi] = WINDOWS[String(a.visit)] ?? [0, 0];
      const d = daysBetween(first, String(a.assessedOn));
      if (d < lo || d > hi) out.push(`VISIT_OUT_OF_WINDOW ${String(a.assessmentId)} day ${d}`);
    }
  }
  return out.map((d) => `${p.id}: ${d}`);
}

function armOf(firstSession: Injection[]): string {
  const has = (site: string) => firstSession.some((i) => i.site === site);
  const parts = [
    has('lumbar_epidural') && 'L_EPI',
    has('cervical_epidural') && 'C_EPI',
    has('lumbar_facet') && 'L_FACET',
    has('cervical_facet') && 'C_FACET',
    has('intradiscal') && 'DISK',
  ].filter((x): x is string => typeof x === 'string');
  return parts.length ? parts.join('+') : 'IV_ONLY';
}

function treatedParticipants(all: Iterable<ParticipantState>): Treated[] {
  const out: Treated[] = [];
  for (const p of all) {
    const procs = live(p, 'procedure');
    if (!p.eligible || !p.enrollment || procs.length === 0) continue;
    const treatedOn = procs.map((f) => String(f.performedOn)).sort()[0] ?? '';
    const assessments = new Map(live(p, 'assessment').map((a) => [String(a.visit), a]));
    const arm = armOf(injectionsOf(procs.filter((f) => f.performedOn === treatedOn)));
    out.push({ p, e: p.enrollment, treatedOn, arm, assessments, surgeries: live(p, 'surgery').length });
  }
  return out;
}

function mcid(t: Treated, visit: string): boolean | undefined {
  const a = t.assessments.get(visit);
  if (!a) return undefined;
  const b = t.assessments.get('baseline');
  const gi = a.globalImprovement;
  return (
    (b !== undefined && scaled(b.vas, 1) - scaled(a.vas, 1) >= 20) ||
    (typeof gi === 'number' && scaled(gi, 6) >= 30_000_000) ||
    (b !== undefined && Number(b.quebec) - Number(a.quebec) >= 15)
  );
}

const SUBGROUPS: Record<string, (t: Treated) => boolean> = {
  'subgroup:herniated_disc': (t) => (t.e.diagnoses as string[]).includes('herniated_disc'),
  'subgroup:spondylolisthesis': (t) => (t.e.diagnoses as string[]).includes('spondylolisthesis'),
  'subgroup:prior_failed_surgery': (t) => t.e.priorFailedBackSurgery === true,
  'subgroup:baseline_vas_ge_8': (t) => {
    const b = t.assessments.get('baseline');
    return b !== undefined && scaled(b.vas, 1) >= 80;
  },
};

function slice(members: Treated[], asOf: string) {
  const followUp: Record<string, { assessed: number; due: number }> = {};
  const efficacy: Record<string, [number, number]> = {};
  const durability: Record<string, [number, number]> = {};
  const means: Record<string, { n: number; vas: number | null; quebec: number | null; gi: number | null }> = {};
  for (const v of VISITS) {
    const assessed = members.filter((t) => t.assessments.has(v));
    const due = members.filter((t) => t.assessments.has(v) || addDays(t.treatedOn, NOMINAL[v]) <= asOf);
    followUp[v] = { assessed: assessed.length, due: due.length };
    efficacy[v] = [assessed.filter((t) => mcid(t, v)).length, assessed.length];
    if (v !== 'm1' && v !== 'm3') {
      const initial = assessed.filter((t) => mcid(t, 'm3'));
      durability[v] = [initial.filter((t) => mcid(t, v)).length, initial.length];
    }
  }
  for (const v of ['baseline', ...VISITS]) {
    const rows = members.map((t) => t.assessments.get(v)).filter((a) => a !== undefined);
    const gis = rows.map((a) => a.globalImprovement).filter((g): g is number => typeof g === 'number');
    const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
    means[v] = {
      n: rows.length,
      vas: rows.length ? rows.reduce((s, a) => s + scaled(a.vas, 1), 0) / 10 / rows.length : null,
      quebec: mean(rows.map((a) => Number(a.quebec))),
      gi: v === 'baseline' ? null : mean(gis),
    };
  }
  return { population: members.length, followUp, efficacy, durability, means };
}

function demographics(members: Treated[]) {
  const count = <K extends string>(keys: K[], key: (t: Treated) => K) =>
    Object.fromEntries(keys.map((k) => [k, members.filter((t) => key(t) === k).length]));
  return {
    n: members.length,
    age: count(['<35', '35-54', '>=55'], (t) => {
      const age = Number(t.e.ageYears);
      return age < 35 ? '<35' : age <= 54 ? '35-54' : '>=55';
    }),
    sex: count(['male', 'female'], (t) => t.e.sex as 'male' | 'female'),
    bmi: count(['<25', '25-29.9', '>=30'], (t) => {
      const w = scaled(t.e.weightKg, 1) * 100_000;
      const h2 = scaled(t.e.heightCm, 1) ** 2;
      return w < 25 * h2 ? '<25' : w < 30 * h2 ? '25-29.9' : '>=30';
    }),
  };
}

function figures(treated: Treated[], asOf: string) {
  const arms = [...new Set(treated.map((t) => t.arm))].sort();
  const slices: Record<string, ReturnType<typeof slice>> = { all: slice(treated, asOf) };
  for (const arm of arms)
    slices[`arm:${arm}`] = slice(
      treated.filter((t) => t.arm === arm),
      asOf,
    );
  for (const [name, test] of Object.entries(SUBGROUPS)) slices[name] = slice(treated.filter(test), asOf);
  slices['arm:L_EPI+C_FACET + arm:L_EPI+L_FACET+C_FACET'] = slice(
    treated.filter((t) => t.arm.includes('C_FACET')),
    asOf,
  );
  const demo: Record<string, ReturnType<typeof demographics>> = { all: demographics(treated) };
  for (const arm of arms) demo[arm] = demographics(treated.filter((t) => t.arm === arm));
  const atRisk = treated.filter((t) => addDays(t.treatedOn, 365) <= asOf);
  return {
    asOf,
    slices,
    demographics: demo,
    survivorship: { atRisk: atRisk.length, surgeryFree: atRisk.filter((t) => t.surgeries === 0).length },
  };
}

// ---- main ----
const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
const text = readFileSync(file ?? 0, 'utf8');
const log = replay(text);
const treated = treatedParticipants(log.participants.values());
const problems = [...log.problems, ...[...log.participants.values()].flatMap(deviations)];
const atLock = figures(treated, DATA_LOCK);
const atNow = figures(treated, LEDGER_NOW.slice(0, 10));

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify({ dataLock: atLock, now: atNow, problems }, null, 2) + '\n');
  process.exit(problems.length ? 1 : 0);
}

let mismatches = 0;
const mark = (ok: boolean) => {
  if (!ok) mismatches += 1;
  return ok ? 'ok' : 'DIFFERS';
};
const frac = (f: readonly number[] | undefined) => (f ? `${f[0]}/${f[1]}` : '-');
const out: string[] = [];
out.push(`${log.lines} lines; ${JSON.stringify(log.counts)}; last recordedAt ${log.lastRecordedAt}`);
out.push(`contract or protocol problems: ${problems.length}`, ...problems.map((p) => `  ${p}`));
for (const [name, paper] of Object.entries(PUBLISHED)) {
  const s = atLock.slices[name];
  if (!s) {
    out.push(`${name}: missing`);
    mismatches += 1;
    continue;
  }
  out.push(
    `\n${name}: population ${s.population} (paper ${paper.population}) ${mark(s.population === paper.population)}`,
  );
  for (const v of VISITS) {
    const fu = s.followUp[v]?.assessed;
    const eff = s.efficacy[v];
    const dur = s.durability[v];
    const cells: string[] = [`followUp ${fu}`, `efficacy ${frac(eff)}`];
    const checks: boolean[] = [];
    if (paper.followUp[v] !== undefined) checks.push(fu === paper.followUp[v]);
    const pe: Fraction | undefined = paper.efficacy[v];
    if (pe) checks.push(frac(eff) === frac(pe));
    if (dur) cells.push(`durability ${frac(dur)}`);
    const pd = v === 'm6' || v === 'm12' || v === 'm18' ? paper.durability[v] : undefined;
    if (pd) checks.push(frac(dur) === frac(pd));
    const published = [
      paper.followUp[v] !== undefined ? `followUp ${paper.followUp[v]}` : '',
      pe ? `efficacy ${frac(pe)}` : '',
      pd ? `durability ${frac(pd)}` : '',
    ].filter(Boolean);
    out.push(
      `  ${v.padEnd(4)} ${cells.join(', ').padEnd(58)} paper: ${published.join(', ') || '-'}` +
        (checks.length ? `  ${mark(checks.every(Boolean))}` : ''),
    );
  }
}
out.push('\nmeans, all (Table 4; VAS to 0.1, Quebec and GI to 1)');
for (const [v, paper] of Object.entries(TABLE_4_MEANS)) {
  const m = atLock.slices.all?.means[v];
  const r = (x: number | null | undefined, places: number) => (x == null ? null : Number(x.toFixed(places)));
  const ok = r(m?.vas, 1) === paper.vas && r(m?.quebec, 0) === paper.quebec && r(m?.gi, 0) === paper.gi;
  out.push(`  ${v.padEnd(8)} n ${m?.n} vas ${m?.vas} quebec ${m?.quebec} gi ${m?.gi}  ${mark(ok)}`);
}
out.push('\ndemographics (Table 1)');
for (const [arm, paper] of Object.entries(TABLE_1)) {
  const d = atLock.demographics[arm];
  out.push(`  ${arm.padEnd(22)} ${JSON.stringify(d)}  ${mark(JSON.stringify(d) === JSON.stringify(paper))}`);
}
const s = atLock.survivorship;
const paperS = SURVIVORSHIP_AT_DATA_LOCK;
out.push(
  `\nsurvivorship as of ${DATA_LOCK}: ${s.surgeryFree}/${s.atRisk} (paper ${paperS.surgeryFree}/${paperS.atRisk}) ` +
    mark(s.atRisk === paperS.atRisk && s.surgeryFree === paperS.surgeryFree),
  `survivorship as of ${atNow.asOf}: ${atNow.survivorship.surgeryFree}/${atNow.survivorship.atRisk}`,
  `\n${problems.length + mismatches === 0 ? 'cohort matches the paper' : `${mismatches} differences, ${problems.length} problems`}`,
);
process.stdout.write(out.join('\n') + '\n');
process.exit(problems.length + mismatches === 0 ? 0 : 1);
