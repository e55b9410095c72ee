/**
 * The IRB study report as one self-contained HTML document for auditors: inline CSS, inline SVG
 * charts, no script and no network (a Content-Security-Policy in the document forbids both), laid
 * out like the seed paper's tables and readable on A4 paper.
 */
import { FOLLOW_UP_VISITS, VISITS } from '../../trial-domain/src';
import type { ReportDiff, ReportSafetyDetail, Slice, StudyReport } from '../../projections/src';
import { meanQuebecChart, meanVasChart, responderRateChart } from './charts';
import {
  demographicsTable,
  durabilityTable,
  efficacyTable,
  followUpTable,
  meansTable,
  survivorshipBlock,
} from './clinical-tables';
import { flowDiagram } from './flow-diagram';
import { fractionCell, visitLabel } from './format';
import { html, trusted, type SafeHtml } from './html';
import { deviationsSection, expeditedListing, safetySummary } from './safety-tables';
import { expeditedDetailListing, relatednessTable, treatmentEmergentTable } from './safety-detail-tables';
import { survivalBlock } from './survival-chart';
import { reportCss } from './styles';
import { renderVegaLiteSvgs } from './vega-svg';
import { diffSection } from './diff-section';

export interface RenderReportOptions {
  /** The number of stored events the report was computed from (shown in the header). */
  readonly eventsApplied: number;
  /** The as-of instant, as requested (shown in the header). */
  readonly asOf: string;
  /** Heading; default `IRB study report: <studyId>`. */
  readonly title?: string;
  /** When given, a closing section lists what changed since an earlier as-of instant, and why. */
  readonly diff?: ReportDiff;
  /**
   * The safety detail of the same instant (projections safety-detail.ts): when given, the expedited
   * list shows term, grade, criteria, both clocks and days left, and the report adds the
   * treatment-emergent, relatedness and Kaplan-Meier tables (report.md's JSON stays as it is).
   */
  readonly safety?: ReportSafetyDetail;
}

type FollowUpVisit = keyof Slice['efficacy'];
type MeansVisit = keyof Slice['means'];

/** Follow-up visits due for at least one treated participant; every visit when none is due yet. */
export const visitsShown = (report: StudyReport): FollowUpVisit[] => {
  const all = report.slices['all'];
  const due = FOLLOW_UP_VISITS.filter((v) => (all?.followUp[v].due ?? 0) > 0);
  return due.length > 0 ? due : [...FOLLOW_UP_VISITS];
};

/** No script, no fetch, no frame, no form: only the inline stylesheet and inline images. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const summaryTiles = (report: StudyReport): SafeHtml => {
  const all = report.slices['all'];
  const overdue = report.safety.expedited.filter((e) => e.overdue).length;
  const deviations = report.deviations.items.length;
  const tile = (value: string, label: string, alert = false) =>
    html`<div class="${alert ? 'alert' : ''}"><b>${value}</b><span>${label}</span></div>`;
  return html`<div class="summary">
    ${tile(`${report.flow.treated}`, `treated of ${report.flow.consented} consented`)}
    ${tile(all ? fractionCell(all.efficacy.m3.responders, all.efficacy.m3.assessed) : '-', 'with MCID at 3 months (all patients)')}
    ${tile(fractionCell(report.survivorship.surgeryFree, report.survivorship.atRisk), 'surgery-free a year or more after treatment')}
    ${tile(`${report.safety.adverseEvents} / ${report.safety.seriousAdverseEvents}`, `adverse events / serious (deaths: ${report.safety.deaths})`, report.safety.seriousAdverseEvents > 0)}
    ${tile(`${overdue}`, `overdue expedited IRB reports (of ${report.safety.expedited.length})`, overdue > 0)}
    ${tile(`${deviations}`, 'protocol deviations', deviations > 0)}
  </div>`;
};

const figure = (caption: string, svg: string): SafeHtml =>
  html`<figure>
    <figcaption>${caption}</figcaption>
    ${trusted(svg)}
  </figure>`;

/** Renders the report; async because the charts are rendered by vega (see vega-svg.ts). */
export const renderReportHtml = async (report: StudyReport, opts: RenderReportOptions): Promise<string> => {
  const asOfDate = report.asOf.slice(0, 10);
  const followUps = visitsShown(report);
  const meansVisits: MeansVisit[] = VISITS.filter((v) => v === 'baseline' || followUps.includes(v as FollowUpVisit));
  const hidden = FOLLOW_UP_VISITS.filter((v) => !followUps.includes(v));
  const chartOptions = { visits: meansVisits };
  const [vasSvg = '', quebecSvg = '', responderSvg = ''] = await renderVegaLiteSvgs([
    meanVasChart(report, chartOptions),
    meanQuebecChart(report, chartOptions),
    responderRateChart(report, chartOptions),
  ]);
  const title = opts.title ?? `IRB study report: ${report.studyId}`;
  const footer = `${report.studyId} · as of ${opts.asOf} · ${opts.eventsApplied} events`;
  const hiddenNote =
    hidden.length === 0
      ? ''
      : html`<p class="note">
          Not yet due for any participant as of ${asOfDate}, so left out of the tables and figures:
          ${hidden.map(visitLabel).join(', ')}.
        </p>`;

  const doc = html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${trusted(REPORT_CSP)}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} (as of ${opts.asOf})</title>
        <style>
          ${trusted(reportCss(footer))}
        </style>
      </head>
      <body>
        <main>
          <section id="overview">
            <header>
              <div class="eyebrow">Trial Ledger · IRB study report</div>
              <h1>${title}</h1>
              <dl class="facts">
                <dt>Study</dt>
                <dd class="mono">${report.studyId}</dd>
                <dt>As of (recorded time)</dt>
                <dd class="mono">${opts.asOf}</dd>
                <dt>Computed from</dt>
                <dd>${opts.eventsApplied} events of the study recorded at or before the as-of instant</dd>
                <dt>Reference date</dt>
                <dd>${asOfDate} (UTC): due visits, survivorship and overdue reports are judged on it</dd>
              </dl>
              <p class="note">
                Every count is derived by replaying the study's event log up to the as-of instant, with amendments
                applied and voided records removed. The JSON report (report.md) is the record; this rendering rounds
                percentages half-up to whole numbers.
              </p>
            </header>
            ${summaryTiles(report)}
            <h2>Participant flow</h2>
            ${flowDiagram(report.flow)}
          </section>
          <section id="demographics">
            <h2>Demographics</h2>
            ${demographicsTable(report)}
          </section>
          <section id="efficacy">
            <h2>Follow-up and efficacy</h2>
            ${hiddenNote} ${followUpTable(report, followUps, asOfDate)} ${efficacyTable(report, followUps)}
          </section>
          <section id="durability">
            <h2>Durability and survivorship</h2>
            ${durabilityTable(report, followUps)}
            ${opts.safety ? survivalBlock(report, opts.safety) : survivorshipBlock(report, asOfDate)}
          </section>
          <section id="means">
            <h2>Mean scores by visit</h2>
            ${meansTable(report, meansVisits)}
          </section>
          <section id="figures">
            <h2>Figures</h2>
            ${figure('Figure 1. Mean VAS pain score by visit, per arm', vasSvg)}
            ${figure('Figure 2. Mean Quebec score by visit, per arm', quebecSvg)}
            ${figure('Figure 3. Responder rate (% with MCID) by visit: all patients and each arm', responderSvg)}
            <p class="note">
              Points are the means and percentages of the tables; a visit at which nobody of a series was assessed has
              no point. The thick black line is all patients.
            </p>
          </section>
          <section id="safety">
            <h2>Safety</h2>
            ${safetySummary(report)}
            ${opts.safety ? html`${treatmentEmergentTable(opts.safety)} ${relatednessTable(opts.safety)}` : ''}
          </section>
          <section id="expedited">
            <h2>Expedited safety reporting${opts.safety ? ' to the IRB and the regulator' : ' to the IRB'}</h2>
            ${opts.safety ? expeditedDetailListing(opts.safety) : expeditedListing(report)}
          </section>
          <section id="deviations">
            <h2>Protocol deviations</h2>
            ${deviationsSection(report)}
          </section>
          ${opts.diff ? diffSection(opts.diff) : ''}
        </main>
      </body>
    </html> `;
  return doc.value;
};
