/** The report as an IRB reviewer skims it in a terminal (the JSON is the contract; this is a summary). */
import type { ReportDiff, StudyReport } from '../../../../libs/projections/src';

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const num = (x: number | null): string => (x === null ? '-' : x.toFixed(2));

export const formatReport = (r: StudyReport): string => {
  const lines: string[] = [];
  const f = r.flow;
  lines.push(`Study ${r.studyId} as of ${r.asOf} (${r.eventsApplied} events)`);
  lines.push('');
  lines.push(
    `Flow: consented ${f.consented}, screen failed ${f.screenFailed}, enrolled ${f.enrolled}, treated ${f.treated}`,
  );
  lines.push(
    `  withdrawn: ${Object.entries(f.withdrawn)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  lines.push('');
  lines.push('Arms (treated):');
  for (const [arm, d] of Object.entries(r.demographics)) if (arm !== 'all') lines.push(`  ${arm.padEnd(24)} n=${d.n}`);
  lines.push('');
  lines.push('Slices (treated participants; MCID responders/assessed):');
  lines.push(
    `  ${'slice'.padEnd(30)} ${'n'.padStart(4)}  ${'m3 MCID'.padStart(8)} ${''.padStart(7)}  ${'m12 MCID'.padStart(8)} ${''.padStart(7)}  ${'m3 VAS'.padStart(6)} ${'m12 VAS'.padStart(7)}`,
  );
  for (const [key, s] of Object.entries(r.slices)) {
    const m3 = s.efficacy.m3;
    const m12 = s.efficacy.m12;
    lines.push(
      `  ${key.padEnd(30)} ${String(s.population).padStart(4)}  ${`${m3.responders}/${m3.assessed}`.padStart(8)} ${pct(m3.responders, m3.assessed).padStart(7)}  ${`${m12.responders}/${m12.assessed}`.padStart(8)} ${pct(m12.responders, m12.assessed).padStart(7)}  ${num(s.means.m3.vas).padStart(6)} ${num(s.means.m12.vas).padStart(7)}`,
    );
  }
  lines.push('');
  lines.push(
    `Survivorship without surgery: ${r.survivorship.surgeryFree}/${r.survivorship.atRisk} (${pct(r.survivorship.surgeryFree, r.survivorship.atRisk)})`,
  );
  const s = r.safety;
  lines.push('');
  lines.push(
    `Safety: exposed ${s.participantsExposed}; ${s.adverseEvents} AEs in ${s.participantsWithAe} participants; ${s.seriousAdverseEvents} SAEs in ${s.participantsWithSae}; deaths ${s.deaths}`,
  );
  lines.push(
    `  by grade: ${Object.entries(s.byGrade)
      .map(([g, n]) => `${g}:${n}`)
      .join(' ')}`,
  );
  const overdue = s.expedited.filter((e) => e.overdue);
  lines.push(`  expedited reports: ${s.expedited.length} (${overdue.length} overdue)`);
  for (const e of s.expedited)
    lines.push(
      `    ${e.participantId} ${e.adverseEventId}: clock ${e.clockStartedOn}, due ${e.dueOn}, IRB ${e.submittedToIrbOn ?? 'not submitted'}${e.overdue ? '  OVERDUE' : ''}`,
    );
  lines.push('');
  lines.push(`Deviations: ${r.deviations.items.length}`);
  for (const [code, n] of Object.entries(r.deviations.byCode)) lines.push(`  ${code.padEnd(34)} ${n}`);
  return lines.join('\n');
};

const describeEvent = (e: ReportDiff['events'][number]): string =>
  `${e.type}${e.participantId ? ` ${e.participantId}` : ''}${e.recordId ? ` record ${e.recordId}` : ''} ` +
  `[command ${e.commandId}] by ${e.actor.id} (${e.actor.role}) at ${e.recordedAt}${e.reason ? `, reason: ${e.reason}` : ''}`;

export const formatDiff = (d: ReportDiff): string => {
  const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));
  const lines = [`Study ${d.studyId}: report as of ${d.from} -> as of ${d.to}`, '', `Changes (${d.changes.length}):`];
  for (const c of d.changes) {
    const head = `  ${c.path}: ${show(c.from)} -> ${show(c.to)}`;
    if (c.causes === undefined) lines.push(head);
    else if (c.causes.length === 0) lines.push(`${head}: the as-of date alone (a visit fell due, a clock ran)`);
    else {
      const [first, ...rest] = c.causes;
      lines.push(`${head}: ${describeEvent(first as ReportDiff['events'][number])}`);
      for (const e of rest) lines.push(`      and ${describeEvent(e)}`);
    }
  }
  if (d.changes.some((c) => c.causes === undefined))
    lines.push('', '(too many events in the window to attribute each change; narrow --from/--to)');
  lines.push('', `Events recorded in (${d.from}, ${d.to}] (${d.events.length}):`);
  for (const e of d.events) lines.push(`  ${describeEvent(e)}`);
  return lines.join('\n');
};
