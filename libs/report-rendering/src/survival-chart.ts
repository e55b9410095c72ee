/**
 * Surgery-free survival from the treatment date as a Kaplan-Meier step curve (static inline SVG:
 * no script, no external resource), with censorings ticked and the 365-day mark the paper's crude
 * proportion is judged at; beside it, the estimate at 365 days and the crude proportion of report.md.
 */
import type { ReportSafetyDetail, StudyReport } from '../../projections/src';
import { fractionCell } from './format';
import { html, type SafeHtml } from './html';

const W = 560;
const H = 250;
const M = { left: 48, right: 16, top: 14, bottom: 40 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

const round1 = (n: number): string => (Math.round(n * 10) / 10).toString();
const pct = (s: number): string => `${Math.round(s * 1000) / 10}%`;

/** Ticks every 90 days up to a year, then every 180, covering `max` days. */
const dayTicks = (max: number): number[] => {
  const step = max <= 400 ? 90 : max <= 900 ? 180 : 365;
  const out: number[] = [];
  for (let d = 0; d <= max; d += step) out.push(d);
  return out;
};

export const survivalChart = (detail: ReportSafetyDetail): SafeHtml => {
  const { steps } = detail.survival;
  const lastDay = steps[steps.length - 1]?.days ?? 0;
  const maxDay = Math.max(365, Math.ceil((lastDay + 1) / 90) * 90);
  const x = (d: number) => M.left + (d / maxDay) * PLOT_W;
  const y = (s: number) => M.top + (1 - s) * PLOT_H;
  let path = `M${round1(x(0))},${round1(y(1))}`;
  let s = 1;
  const ticks: SafeHtml[] = [];
  for (const step of steps) {
    if (step.events > 0) {
      path += ` H${round1(x(step.days))} V${round1(y(step.survival))}`;
      s = step.survival;
    }
    if (step.censored > 0)
      ticks.push(
        html`<line
          class="km-censor"
          x1="${round1(x(step.days))}"
          x2="${round1(x(step.days))}"
          y1="${round1(y(s) - 4)}"
          y2="${round1(y(s) + 4)}"
        />`,
      );
  }
  path += ` H${round1(x(lastDay))}`;
  const at365 = detail.survival.at365;
  return html`<svg
    class="km"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${W} ${H}"
    width="${W}"
    height="${H}"
    role="img"
    aria-label="Kaplan-Meier curve of surgery-free survival"
  >
    <rect x="0" y="0" width="${W}" height="${H}" fill="#fff" />
    ${[0, 0.25, 0.5, 0.75, 1].map(
      (v) =>
        html`<line class="km-grid" x1="${M.left}" x2="${W - M.right}" y1="${round1(y(v))}" y2="${round1(y(v))}" />
          <text class="km-label" x="${M.left - 6}" y="${round1(y(v) + 3.5)}" text-anchor="end">${v * 100}%</text>`,
    )}
    ${dayTicks(maxDay).map(
      (d) =>
        html`<line
            class="km-axis"
            x1="${round1(x(d))}"
            x2="${round1(x(d))}"
            y1="${M.top + PLOT_H}"
            y2="${M.top + PLOT_H + 4}"
          />
          <text class="km-label" x="${round1(x(d))}" y="${M.top + PLOT_H + 16}" text-anchor="middle">${d}</text>`,
    )}
    <line class="km-axis" x1="${M.left}" x2="${W - M.right}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H}" />
    <line class="km-axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + PLOT_H}" />
    <line class="km-mark" x1="${round1(x(365))}" x2="${round1(x(365))}" y1="${M.top}" y2="${M.top + PLOT_H}" />
    <text class="km-label" x="${round1(x(365) + 4)}" y="${M.top + PLOT_H - 6}">
      365 days${at365 === null ? '' : `: ${pct(at365)}`}
    </text>
    <text class="km-title" x="${M.left + PLOT_W / 2}" y="${H - 6}" text-anchor="middle">Days from treatment</text>
    <text class="km-title" transform="translate(12 ${M.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">
      Surgery-free
    </text>
    ${steps.length === 0 ? '' : html`<path class="km-line" d="${path}" />`} ${ticks}
  </svg>`;
};

export const survivalBlock = (report: StudyReport, detail: ReportSafetyDetail): SafeHtml => {
  const { atRisk, surgeryFree } = report.survivorship;
  const sv = detail.survival;
  return html`<figure>
      <figcaption>Figure 4. Surgery-free survival from treatment (Kaplan-Meier)</figcaption>
      ${survivalChart(detail)}
    </figure>
    <table class="grid compact">
      <caption>
        Survivorship without subsequent back surgery: two estimates
      </caption>
      <thead>
        <tr>
          <th scope="col" class="label"></th>
          <th scope="col" class="num">At 365 days</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">
            Kaplan-Meier (${sv.participants} treated, ${sv.events} operated, ${sv.withdrawn} withdrawn)
          </th>
          <td class="num">${sv.at365 === null ? 'not yet estimable' : pct(sv.at365)}</td>
        </tr>
        <tr>
          <th scope="row">Crude proportion, as in the paper (report.md survivorship)</th>
          <td class="num">${fractionCell(surgeryFree, atRisk)}</td>
        </tr>
      </tbody>
    </table>
    <p class="note">
      Kaplan-Meier: every treated participant from the treatment date; the first subsequent surgery is the event (one
      dated before treatment counts at day 0); withdrawn participants are censored at their withdrawal date, the others
      at the as-of date (ticks). The crude proportion counts only those treated at least 365 days before the as-of date,
      and a surgery whatever its date; withdrawals are neither removed nor censored.
    </p>`;
};
