/**
 * The paper's tables from the report: Table 1 (demographics by arm), Table 2 (follow-up and
 * efficacy by visit, per slice), Table 3 (continued response among initial responders), the means
 * by visit, and survivorship without subsequent surgery.
 */
import { SUBGROUPS, type Demographics, type Slice, type StudyReport } from '../../projections/src';
import { AGE_BANDS_LABELS, BMI_BAND_LABELS, SEX_LABELS } from './labels';
import { armLabel, fractionCell, meanCell, percentHalfUp, sliceLabel, visitLabel } from './format';
import { html, type SafeHtml } from './html';

type FollowUpVisit = keyof Slice['efficacy'];
type MeansVisit = keyof Slice['means'];

export interface SliceGroup {
  readonly title: string;
  readonly keys: readonly string[];
}

/** All patients; each arm (first session); each subgroup (protocol.md), as the paper groups its rows. */
export const sliceGroups = (report: StudyReport): SliceGroup[] => {
  const arms = Object.keys(report.slices).filter((k) => k.startsWith('arm:'));
  const subgroups = Object.keys(report.slices).filter((k) => k.startsWith('subgroup:'));
  const known = SUBGROUPS.map((g) => `subgroup:${g}`).filter((k) => subgroups.includes(k));
  return [
    { title: '', keys: report.slices['all'] ? ['all'] : [] },
    { title: 'Patients divided into treatment arms (first session)', keys: arms },
    {
      title: 'Patients divided into diagnostic categories',
      keys: [...known, ...subgroups.filter((k) => !known.includes(k))],
    },
  ].filter((g) => g.keys.length > 0);
};

const sliceRowHead = (key: string, population: number): SafeHtml =>
  html`<th scope="row">${sliceLabel(key)}</th>
    <td class="num">${population}</td>`;

/** An arm key in small monospace, breakable after each `+`. */
export const armKey = (key: string, inline = false): SafeHtml =>
  html`<span class="${inline ? 'key inline' : 'key'}"
    >${key.split('+').map((part, i) => html`${i > 0 ? html`+<wbr />` : ''}${part}`)}</span
  >`;

const groupHead = (title: string, columns: number): SafeHtml =>
  html`<tr class="group">
    <th colspan="${columns}" scope="rowgroup">${title}</th>
  </tr>`;

/** A table of slices (rows, grouped) by visits (columns). */
const sliceTable = (
  report: StudyReport,
  caption: SafeHtml,
  columns: readonly string[],
  cell: (slice: Slice, index: number) => string,
  note: SafeHtml,
): SafeHtml => {
  const width = columns.length + 2;
  return html`<table class="grid slices">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col" class="label">Slice</th>
          <th scope="col" class="num">n</th>
          ${columns.map((c) => html`<th scope="col" class="num">${c}</th>`)}
        </tr>
      </thead>
      ${sliceGroups(report).map(
        (g) =>
          html`<tbody>
            ${g.title === '' ? '' : groupHead(g.title, width)}${g.keys.map((key) => {
              const s = report.slices[key] as Slice;
              return html`<tr>
                ${sliceRowHead(key, s.population)}${columns.map((_, i) => html`<td class="num">${cell(s, i)}</td>`)}
              </tr>`;
            })}
          </tbody>`,
      )}
    </table>
    <p class="note">${note}</p>`;
};

const bandCell = (count: number, n: number): string => {
  const p = percentHalfUp(count, n);
  return p === null ? String(count) : `${count} (${p}%)`;
};

/** Table 1: counts and whole percentages of each column's treated participants. */
export const demographicsTable = (report: StudyReport): SafeHtml => {
  const columns = ['all', ...Object.keys(report.demographics).filter((k) => k !== 'all')];
  const demo = (k: string): Demographics => report.demographics[k] ?? { n: 0, age: {}, sex: {}, bmi: {} };
  const bandRows = (
    title: string,
    pick: (d: Demographics) => Record<string, number>,
    labels: Record<string, string>,
  ) => {
    const bands = [...new Set([...Object.keys(labels), ...columns.flatMap((c) => Object.keys(pick(demo(c))))])];
    return html`<tbody>
      ${groupHead(title, columns.length + 1)}${bands.map(
        (b) =>
          html`<tr>
            <th scope="row">${labels[b] ?? b}</th>
            ${columns.map((c) => html`<td class="num">${bandCell(pick(demo(c))[b] ?? 0, demo(c).n)}</td>`)}
          </tr>`,
      )}
    </tbody>`;
  };
  return html`<table class="grid demographics">
      <caption>
        <span class="table-no">Table 1.</span>
        Demographics of treated participants by treatment arm
      </caption>
      <thead>
        <tr>
          <th scope="col" class="label">Variable</th>
          ${columns.map(
            (c) =>
              html`<th scope="col" class="num">
                ${c === 'all' ? 'All patients' : armLabel(c)}${c === 'all' ? '' : armKey(c)}
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        <tr class="total">
          <th scope="row">Number</th>
          ${columns.map((c) => html`<td class="num">${demo(c).n}</td>`)}
        </tr>
      </tbody>
      ${bandRows('Age (years, at enrollment)', (d) => d.age, AGE_BANDS_LABELS)}
      ${bandRows('Sex', (d) => d.sex, SEX_LABELS)}
      ${bandRows('BMI (kg/m², at enrollment, as amended)', (d) => d.bmi, BMI_BAND_LABELS)}
    </table>
    <p class="note">
      Counts with the percentage of the column's treated participants, rounded half-up to whole numbers. The arm is read
      from each participant's first treatment session; its key (in small type) is the one of the JSON report and of the
      other tables' rows.
    </p>`;
};

export const followUpTable = (report: StudyReport, visits: readonly FollowUpVisit[], asOfDate: string): SafeHtml =>
  sliceTable(
    report,
    html`<span class="table-no">Table 2a.</span> Follow-up achieved: assessed / due`,
    visits.map(visitLabel),
    (s, i) => {
      const f = s.followUp[visits[i] as FollowUpVisit];
      return fractionCell(f.assessed, f.due);
    },
    html`A visit is due when the treatment date plus its nominal day (1 M 30, 3 M 91, 6 M 182, 12 M 365, 18 M 547, 24 M
      730) is on or before the as-of date (${asOfDate}), or when it was already assessed. <b>-</b>: none due.`,
  );

export const efficacyTable = (report: StudyReport, visits: readonly FollowUpVisit[]): SafeHtml =>
  sliceTable(
    report,
    html`<span class="table-no">Table 2b.</span> Percent of patients with clinically significant improvement (MCID):
      responders / assessed`,
    visits.map(visitLabel),
    (s, i) => {
      const e = s.efficacy[visits[i] as FollowUpVisit];
      return fractionCell(e.responders, e.assessed);
    },
    html`MCID at a visit: VAS fell by at least 2 points from baseline, or global improvement of at least 30%, or the
      Quebec score fell by at least 15 points. Percentages rounded half-up to whole numbers. <b>-</b>: nobody assessed.`,
  );

export const durabilityTable = (report: StudyReport, visits: readonly FollowUpVisit[]): SafeHtml => {
  const later = visits.filter((v) => v !== 'm1' && v !== 'm3') as (keyof Slice['durability'])[];
  return sliceTable(
    report,
    html`<span class="table-no">Table 3.</span> Duration of improvement among those initially responding to treatment`,
    ['3 M initial responders', ...later.map((v) => `${visitLabel(v)} continued`)],
    (s, i) => {
      if (i === 0) return fractionCell(s.efficacy.m3.responders, s.efficacy.m3.assessed);
      const d = s.durability[later[i - 1] as keyof Slice['durability']];
      return fractionCell(d.continued, d.responders);
    },
    html`Initial responders: MCID at 3 months (responders / assessed). Continued response at a later visit: initial
      responders assessed there who still have MCID (continued / initial responders assessed). <b>-</b>: no initial
      responder assessed.`,
  );
};

/** Means by visit per slice: VAS to one decimal, Quebec and GI to whole numbers, rounded half-up. */
export const meansTable = (report: StudyReport, visits: readonly MeansVisit[]): SafeHtml => {
  const width = visits.length + 1;
  const row = (label: string, value: (v: MeansVisit) => string) =>
    html`<tr>
      <th scope="row" class="sub">${label}</th>
      ${visits.map((v) => html`<td class="num">${value(v)}</td>`)}
    </tr>`;
  return html`<table class="grid means">
      <caption>
        <span class="table-no">Table 4.</span>
        Mean scores by visit (participants assessed at the visit)
      </caption>
      <thead>
        <tr>
          <th scope="col" class="label">Slice</th>
          ${visits.map((v) => html`<th scope="col" class="num">${visitLabel(v)}</th>`)}
        </tr>
      </thead>
      ${sliceGroups(report).flatMap((g) =>
        g.keys.map((key) => {
          const s = report.slices[key] as Slice;
          return html`<tbody class="keep">
            <tr class="group">
              <th colspan="${width}" scope="rowgroup">
                ${sliceLabel(key)}${key.startsWith('arm:') ? armKey(key.slice(4), true) : ''}
              </th>
            </tr>
            ${row('n assessed', (v) => String(s.means[v].n))} ${row('VAS', (v) => meanCell(s.means[v].vas, 1))}
            ${row('Quebec', (v) => meanCell(s.means[v].quebec, 0))}
            ${row('Global improvement', (v) => (v === 'baseline' ? 'N/A' : meanCell(s.means[v].gi, 0, '%')))}
          </tbody>`;
        }),
      )}
    </table>
    <p class="note">
      Means over the slice's treated participants assessed at the visit; global improvement over those of them who
      reported it. <b>-</b>: nobody assessed.
    </p>`;
};

export const survivorshipBlock = (report: StudyReport, asOfDate: string): SafeHtml => {
  const { atRisk, surgeryFree } = report.survivorship;
  return html`<table class="grid compact">
    <caption>
      Survivorship without subsequent back surgery
    </caption>
    <thead>
      <tr>
        <th scope="col" class="label"></th>
        <th scope="col" class="num">Surgery-free / at risk</th>
      </tr>
    </thead>
    <tbody>
      <tr>
        <th scope="row">Treated at least 365 days before ${asOfDate}</th>
        <td class="num">${fractionCell(surgeryFree, atRisk)}</td>
      </tr>
      <tr>
        <th scope="row">Elected subsequent surgery</th>
        <td class="num">${fractionCell(atRisk - surgeryFree, atRisk)}</td>
      </tr>
    </tbody>
  </table>`;
};
