/**
 * The safety tables drawn from the report's safety detail (projections study-report/safety-detail,
 * docs/decisions/0012): the expedited events with term, grade, criteria, both clocks and days left
 * (overdue and due within 3 days marked), treatment-emergent adverse events among the exposed with
 * the worst grade per participant, and relatedness to the procedure beside the product.
 */
import { RELATEDNESS } from '../../trial-domain/src';
import { GRADES, type AdverseEventListingEntry, type ReportSafetyDetail } from '../../projections/src';
import { armLabel, compareText, percentHalfUp } from './format';
import { armKey } from './clinical-tables';
import { html, type SafeHtml } from './html';
import { RELATEDNESS_LABELS, SERIOUS_CRITERION_LABELS } from './labels';

/** A clock is "due soon" when not yet met and due within this many days (the due day included). */
export const DUE_SOON_DAYS = 3;

type Urgency = 'overdue' | 'due-soon' | 'open' | 'met';

/** The IRB clock's state: met by a submission dated on or before the due date, else overdue, due soon or open. */
export const irbUrgency = (e: AdverseEventListingEntry): Urgency => {
  const x = e.expedited;
  if (x === null) return 'met';
  if (x.overdue) return 'overdue';
  if (x.submittedToIrbOn !== null && x.submittedToIrbOn <= x.dueOn) return 'met';
  return x.daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'open';
};

const regulatorUrgency = (e: AdverseEventListingEntry): Urgency => {
  const r = e.regulator;
  if (r === null) return 'met';
  if (r.overdue) return 'overdue';
  if (r.submittedOn !== null && r.submittedOn <= r.dueOn) return 'met';
  return r.daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'open';
};

const RANK: Record<Urgency, number> = { overdue: 0, 'due-soon': 1, open: 2, met: 3 };
const worst = (a: Urgency, b: Urgency): Urgency => (RANK[a] <= RANK[b] ? a : b);

const daysLeftText = (daysLeft: number): string =>
  daysLeft < 0 ? `${-daysLeft} past` : daysLeft === 0 ? 'due today' : `${daysLeft}`;

const statusCell = (u: Urgency, submittedOn: string | null, daysLeft: number): SafeHtml => {
  switch (u) {
    case 'overdue':
      return submittedOn === null
        ? html`<span class="flag">OVERDUE</span> not submitted`
        : html`<span class="flag">OVERDUE</span> submitted late, ${submittedOn}`;
    case 'due-soon':
      return html`<span class="flag soon">DUE ${daysLeft === 0 ? 'TODAY' : `IN ${daysLeft} D`}</span> not submitted`;
    case 'open':
      return html`Open`;
    case 'met':
      return html`Submitted ${submittedOn ?? ''}`;
  }
};

const byUrgency = (a: AdverseEventListingEntry, b: AdverseEventListingEntry): number =>
  RANK[worst(irbUrgency(a), regulatorUrgency(a))] - RANK[worst(irbUrgency(b), regulatorUrgency(b))] ||
  compareText(a.expedited?.dueOn ?? '', b.expedited?.dueOn ?? '') ||
  compareText(a.participantId, b.participantId) ||
  compareText(a.adverseEventId, b.adverseEventId);

export const expeditedDetailListing = (detail: ReportSafetyDetail): SafeHtml => {
  const items = [...detail.expedited].sort(byUrgency);
  const overdue = items.filter((e) => irbUrgency(e) === 'overdue').length;
  const soon = items.filter((e) => irbUrgency(e) === 'due-soon').length;
  const followUps = items.filter((e) => e.followUpReportNeeded).length;
  return html`<p class="note">
      IRB (protocol.md): due 7 calendar days after the clock start when the event's criteria include death or
      life-threatening, otherwise 15; overdue when no IRB submission is dated on or before the due date and the as-of
      date (${detail.asOfDate}) is after it. Regulator (21 CFR 312.32): the same windows from the sponsor's awareness
      (the IRB clock start when none was recorded); only regulator submissions stop it. Days left: due date minus the
      as-of date. <span class="flag">OVERDUE</span> and <span class="flag soon">DUE</span> (within ${DUE_SOON_DAYS}
      days, not submitted) are listed first.
    </p>
    <table class="grid listing expedited detail">
      <caption>
        Expedited safety reports (serious, unexpected and related): ${items.length}; IRB overdue: ${overdue}, due within
        ${DUE_SOON_DAYS} days: ${soon}; follow-up reports needed: ${followUps}
      </caption>
      <thead>
        <tr>
          <th scope="col">Participant / event</th>
          <th scope="col">Term</th>
          <th scope="col" class="num">Grade</th>
          <th scope="col">Seriousness criteria</th>
          <th scope="col">IRB clock / due</th>
          <th scope="col" class="num">Days left</th>
          <th scope="col">IRB report</th>
          <th scope="col">Regulator aware / due</th>
          <th scope="col" class="num">Days left</th>
          <th scope="col">Regulator report</th>
        </tr>
      </thead>
      <tbody>
        ${
          items.length === 0
            ? html`<tr>
                <td colspan="10" class="empty">No expedited report.</td>
              </tr>`
            : items.map((e) => {
                const x = e.expedited;
                const r = e.regulator;
                if (x === null) return '';
                const u = worst(irbUrgency(e), regulatorUrgency(e));
                return html`<tr class="${u === 'overdue' ? 'overdue' : u === 'due-soon' ? 'due-soon' : ''}">
                  <td class="mono date">${e.participantId}<br />${e.adverseEventId}</td>
                  <td>
                    ${e.term}${
                      e.followUpReportNeeded
                        ? html`<br /><span class="flag">FOLLOW-UP REPORT NEEDED</span> upgraded to fatal or
                            life-threatening after a report`
                        : ''
                    }
                  </td>
                  <td class="num">${e.grade}</td>
                  <td>${e.seriousCriteria.map((c) => SERIOUS_CRITERION_LABELS[c] ?? c).join('; ')}</td>
                  <td class="mono date">${x.clockStartedOn}<br />${x.dueOn}</td>
                  <td class="num">${daysLeftText(x.daysLeft)}</td>
                  <td>${statusCell(irbUrgency(e), x.submittedToIrbOn, x.daysLeft)}</td>
                  <td class="mono date">${r === null ? '-' : html`${r.awareOn}<br />${r.dueOn}`}</td>
                  <td class="num">${r === null ? '-' : daysLeftText(r.daysLeft)}</td>
                  <td>${r === null ? '-' : statusCell(regulatorUrgency(e), r.submittedOn, r.daysLeft)}</td>
                </tr>`;
              })
        }
      </tbody>
    </table>`;
};

export const treatmentEmergentTable = (detail: ReportSafetyDetail): SafeHtml => {
  const arms = Object.keys(detail.treatmentEmergent)
    .filter((k) => k !== 'all')
    .sort(compareText);
  const row = (key: string, label: SafeHtml | string, total = false) => {
    const r = detail.treatmentEmergent[key];
    if (r === undefined) return '';
    const p = percentHalfUp(r.withEvent, r.exposed);
    return html`<tr class="${total ? 'total' : ''}">
      <th scope="row">${label}</th>
      <td class="num">${r.exposed}</td>
      <td class="num">${r.withEvent}${p === null ? '' : ` (${p}%)`}</td>
      <td class="num">${r.events}</td>
      <td class="num">${r.seriousEvents}</td>
      ${GRADES.map((g) => html`<td class="num">${r.worstGrade[g] === 0 ? '-' : r.worstGrade[g]}</td>`)}
    </tr>`;
  };
  return html`<table class="grid teae">
      <caption>
        Treatment-emergent adverse events among the exposed, by worst grade per participant
      </caption>
      <thead>
        <tr>
          <th scope="col" class="label" rowspan="2">Arm</th>
          <th scope="col" class="num" rowspan="2">Exposed</th>
          <th scope="col" class="num" rowspan="2">With a TEAE</th>
          <th scope="col" class="num" rowspan="2">TEAEs</th>
          <th scope="col" class="num" rowspan="2">Serious</th>
          <th scope="colgroup" colspan="5">Participants by worst grade (CTCAE)</th>
        </tr>
        <tr>
          ${GRADES.map((g) => html`<th scope="col" class="num">${g}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${row('all', 'All treated', true)} ${arms.map((a) => row(a, html`${armLabel(a)}${armKey(a, true)}`))}
      </tbody>
    </table>
    <p class="note">
      Treatment-emergent: onset on or after the participant's treatment date; treated participants only. A participant
      is counted once, under the worst grade of their treatment-emergent events.
    </p>`;
};

export const relatednessTable = (detail: ReportSafetyDetail): SafeHtml =>
  html`<table class="grid compact relatedness">
    <caption>
      Relatedness: to the procedure and to the product
    </caption>
    <thead>
      <tr>
        <th scope="col" class="label">Relatedness</th>
        <th scope="col" class="num">To the procedure</th>
        <th scope="col" class="num">To the product</th>
      </tr>
    </thead>
    <tbody>
      ${RELATEDNESS.map(
        (r) =>
          html`<tr>
            <th scope="row">${RELATEDNESS_LABELS[r] ?? r}</th>
            <td class="num">${detail.relatedness[r].procedure}</td>
            <td class="num">${detail.relatedness[r].product}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
