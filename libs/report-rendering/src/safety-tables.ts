/**
 * The safety summary (exposure, adverse events by grade, seriousness, body system, relatedness and
 * arm), the expedited IRB reporting listing with overdue reports flagged, and the protocol
 * deviations by code and listed.
 */
import { SERIOUS_CRITERIA, RELATEDNESS } from '../../trial-domain/src';
import type { ExpeditedReport, StudyReport } from '../../projections/src';
import { armLabel, compareText, humanize, percentHalfUp } from './format';
import { armKey } from './clinical-tables';
import { html, type SafeHtml } from './html';
import { RELATEDNESS_LABELS, SERIOUS_CRITERION_LABELS } from './labels';

const countRows = (entries: readonly (readonly [string, number])[], empty: string): SafeHtml =>
  entries.length === 0
    ? html`<tr>
        <td colspan="2" class="empty">${empty}</td>
      </tr>`
    : html`${entries.map(
        ([label, n]) =>
          html`<tr>
            <th scope="row">${label}</th>
            <td class="num">${n}</td>
          </tr>`,
      )}`;

const countTable = (
  caption: string,
  head: string,
  entries: readonly (readonly [string, number])[],
  empty = 'None',
  counted = 'Events',
): SafeHtml =>
  html`<table class="grid compact">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col" class="label">${head}</th>
        <th scope="col" class="num">${counted}</th>
      </tr>
    </thead>
    <tbody>
      ${countRows(entries, empty)}
    </tbody>
  </table>`;

/** Every known key in its order (zeros may be omitted from the JSON), then any other key. */
const withKnownKeys = (
  counts: Record<string, number>,
  known: readonly string[],
  labels: Readonly<Record<string, string>>,
): [string, number][] => [
  ...known.map((k): [string, number] => [labels[k] ?? humanize(k), counts[k] ?? 0]),
  ...Object.entries(counts)
    .filter(([k]) => !known.includes(k))
    .sort(([a], [b]) => compareText(a, b))
    .map(([k, n]): [string, number] => [labels[k] ?? k, n]),
];

const expeditedStatus = (e: ExpeditedReport): SafeHtml => {
  if (e.overdue)
    return e.submittedToIrbOn === null
      ? html`<span class="flag">OVERDUE</span> not submitted`
      : html`<span class="flag">OVERDUE</span> submitted after the due date`;
  if (e.submittedToIrbOn !== null) return html`Submitted on time`;
  return html`Open, not yet due`;
};

/** Overdue first, then by due date, participant and event. */
const byUrgency = (a: ExpeditedReport, b: ExpeditedReport): number =>
  Number(b.overdue) - Number(a.overdue) ||
  compareText(a.dueOn, b.dueOn) ||
  compareText(a.participantId, b.participantId) ||
  compareText(a.adverseEventId, b.adverseEventId);

export const expeditedListing = (report: StudyReport): SafeHtml => {
  const items = [...report.safety.expedited].sort(byUrgency);
  const overdue = items.filter((e) => e.overdue).length;
  return html`<p class="note">
      Due 7 calendar days after the clock start when the event's criteria include death or life-threatening, otherwise
      15 (21 CFR 312.32). Overdue: no IRB submission dated on or before the due date, and the as-of date is after it.
      Overdue reports are listed first.
    </p>
    <table class="grid listing expedited">
      <caption>
        Expedited IRB safety reports (serious, unexpected and related): ${items.length}, overdue: ${overdue}
      </caption>
      <thead>
        <tr>
          <th scope="col">Participant</th>
          <th scope="col">Adverse event</th>
          <th scope="col">Clock start</th>
          <th scope="col">Due</th>
          <th scope="col">Submitted to IRB</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        ${
          items.length === 0
            ? html`<tr>
                <td colspan="6" class="empty">No expedited report.</td>
              </tr>`
            : items.map(
                (e) =>
                  html`<tr class="${e.overdue ? 'overdue' : ''}">
                    <td>${e.participantId}</td>
                    <td>${e.adverseEventId}</td>
                    <td>${e.clockStartedOn}</td>
                    <td>${e.dueOn}</td>
                    <td>${e.submittedToIrbOn ?? 'not submitted'}</td>
                    <td>${expeditedStatus(e)}</td>
                  </tr>`,
              )
        }
      </tbody>
    </table>`;
};

export const safetySummary = (report: StudyReport): SafeHtml => {
  const s = report.safety;
  const arms = Object.entries(s.byArm);
  const bodySystems = Object.entries(s.byBodySystem)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || compareText(a, b));
  return html`<table class="grid compact totals">
      <caption>
        Exposure and events
      </caption>
      <tbody>
        <tr>
          <th scope="row">Participants exposed (treated)</th>
          <td class="num">${s.participantsExposed}</td>
        </tr>
        <tr>
          <th scope="row">Participants with an adverse event</th>
          <td class="num">${s.participantsWithAe}</td>
        </tr>
        <tr>
          <th scope="row">Participants with a serious adverse event</th>
          <td class="num">${s.participantsWithSae}</td>
        </tr>
        <tr>
          <th scope="row">Adverse events</th>
          <td class="num">${s.adverseEvents}</td>
        </tr>
        <tr>
          <th scope="row">Serious adverse events</th>
          <td class="num">${s.seriousAdverseEvents}</td>
        </tr>
        <tr>
          <th scope="row">Deaths</th>
          <td class="num">${s.deaths}</td>
        </tr>
      </tbody>
    </table>
    <p class="note">
      Events of every participant of the study, treated or not, and before treatment too; voided events excluded,
      updates and corrections applied.
    </p>
    <div class="columns">
      ${countTable(
        'By grade (CTCAE)',
        'Grade',
        Object.entries(s.byGrade).map(([g, n]): [string, number] => [`Grade ${g}`, n]),
      )}
      ${countTable('Related to the product', 'Relatedness', withKnownKeys(s.relatedToProduct, RELATEDNESS, RELATEDNESS_LABELS))}
      ${countTable('Serious events by seriousness criterion', 'Criterion', withKnownKeys(s.bySeriousCriterion, SERIOUS_CRITERIA, SERIOUS_CRITERION_LABELS))}
      ${countTable('By body system', 'Body system', bodySystems, 'No adverse event.')}
    </div>
    <table class="grid by-arm">
      <caption>
        By treatment arm (treated participants)
      </caption>
      <thead>
        <tr>
          <th scope="col" class="label">Arm</th>
          <th scope="col" class="num">Participants</th>
          <th scope="col" class="num">With an AE</th>
          <th scope="col" class="num">AEs</th>
          <th scope="col" class="num">SAEs</th>
        </tr>
      </thead>
      <tbody>
        ${
          arms.length === 0
            ? html`<tr>
                <td colspan="5" class="empty">No treated participant.</td>
              </tr>`
            : arms.map(([arm, a]) => {
                const p = percentHalfUp(a.participantsWithAe, a.participants);
                return html`<tr>
                  <th scope="row">${armLabel(arm)}${armKey(arm, true)}</th>
                  <td class="num">${a.participants}</td>
                  <td class="num">${a.participantsWithAe}${p === null ? '' : ` (${p}%)`}</td>
                  <td class="num">${a.adverseEvents}</td>
                  <td class="num">${a.seriousAdverseEvents}</td>
                </tr>`;
              })
        }
      </tbody>
    </table>`;
};

export const deviationsSection = (report: StudyReport): SafeHtml => {
  const byCode = Object.entries(report.deviations.byCode)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => compareText(a, b));
  const items = [...report.deviations.items].sort(
    (a, b) =>
      compareText(a.participantId, b.participantId) ||
      compareText(a.recordId, b.recordId) ||
      compareText(a.code, b.code),
  );
  return html`<p class="note">
      Deviations are derived from the current (amended) record, never stored: a correction that removes the cause
      removes the deviation, and the history keeps it.
    </p>
    ${countTable(`Protocol deviations by code: ${items.length} in all`, 'Code', byCode, 'No protocol deviation.', 'Deviations')}
    ${
      items.length === 0
        ? ''
        : html`<table class="grid listing deviations">
            <caption>
              Protocol deviations listed
            </caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Record</th>
                <th scope="col">Code</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              ${items.map(
                (d) =>
                  html`<tr>
                    <td>${d.participantId}</td>
                    <td>${d.recordId}</td>
                    <td class="code">${d.code}</td>
                    <td>${d.detail}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
};
