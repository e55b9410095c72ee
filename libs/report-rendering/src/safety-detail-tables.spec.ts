import { computeStudyReport, foldEvents, participantsProjection, reportSafetyDetail } from '../../projections/src';
import { EventLog, MILD_EXPECTED } from '../../projections/src/testing/event-log';
import { renderReportHtml } from './report-html';

/** A section's markup, whitespace collapsed. */
const section = (html: string, id: string): string => {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start)).replace(/\s+/g, ' ');
};
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const AS_OF = '2024-03-20T23:59:59Z';

/** P1 treated 2024-01-10: one event due in 2 days, one overdue, one upgraded after its report; P2 withdrawn. */
const log = () =>
  new EventLog()
    .study()
    .enrolled('P1')
    .procedure('P1', 'PROC-1', '2024-01-10')
    .enrolled('P2')
    .procedure('P2', 'PROC-1', '2024-01-10')
    .at('2024-02-20T10:00:00Z')
    .adverseEvent('P1', 'AE-OLD', { term: 'Meningitis', onsetOn: '2024-02-18' }) // due 2024-03-06
    .at('2024-03-01T10:00:00Z')
    .adverseEvent('P1', 'AE-UP', { term: 'Sepsis', onsetOn: '2024-02-28' })
    .submit('P1', 'AE-UP', 'irb', '2024-03-02')
    .at('2024-03-15T10:00:00Z')
    .updateAdverseEvent('P1', 'AE-UP', { grade: 4, seriousCriteria: ['life_threatening'] })
    .at('2024-03-07T10:00:00Z')
    .adverseEvent('P1', 'AE-NEW', { term: 'Discitis', onsetOn: '2024-03-06' }) // due 2024-03-22
    .adverseEvent('P1', 'AE-MILD', MILD_EXPECTED)
    .withdraw('P2', '2024-02-01');

describe('the safety tables from the safety detail', () => {
  let html: string;

  beforeAll(async () => {
    const l = log();
    const report = computeStudyReport('S1', l.events, AS_OF);
    const safety = reportSafetyDetail(foldEvents(participantsProjection, l.events).values(), '2024-03-20');
    html = await renderReportHtml(report, { eventsApplied: report.eventsApplied, asOf: report.asOf, safety });
  });

  it('lists expedited events with term, grade, criteria, both clocks and days left, overdue first, then due soon', () => {
    const rows = [...section(html, 'expedited').matchAll(/<tr class="([^"]*)">(.*?)<\/tr>/g)].map((m) => [
      m[1],
      text(m[2] ?? ''),
    ]);
    expect(rows.map(([cls, t]) => [cls, t?.split(' ').slice(0, 3).join(' ')])).toEqual([
      ['overdue', 'P1 AE-OLD Meningitis'],
      // IRB met (submitted 2024-03-02), regulator overdue: 7 days from 2024-03-01 once life-threatening
      ['overdue', 'P1 AE-UP Sepsis'],
      ['due-soon', 'P1 AE-NEW Discitis'],
    ]);
    expect(rows[1]?.[1]).toContain(
      '2024-03-01 2024-03-08 12 past Submitted 2024-03-02 2024-03-01 2024-03-08 12 past OVERDUE',
    );
    expect(rows[0]?.[1]).toContain(
      '3 Hospitalization (initial or prolonged) 2024-02-20 2024-03-06 14 past OVERDUE not submitted',
    );
    expect(rows[2]?.[1]).toContain('2024-03-07 2024-03-22 2 DUE IN 2 D not submitted');
  });

  it('flags a report upgraded to life-threatening after its submission as needing a follow-up', () => {
    const expedited = section(html, 'expedited');
    expect(text(expedited)).toContain('Sepsis FOLLOW-UP REPORT NEEDED');
    expect(text(expedited)).toContain('follow-up reports needed: 1');
  });

  it('adds treatment-emergent events by worst grade and relatedness to the procedure beside the product', () => {
    const safety = text(section(html, 'safety'));
    // P1: 4 events, 3 serious, worst grade 4; P2 none
    expect(safety).toContain('All treated 2 1 (50%) 4 3 - - - 1 -');
    expect(safety).toContain('Relatedness To the procedure To the product');
    expect(safety).toContain('Probable 3 0');
  });

  it('draws surgery-free survival as an inline SVG step curve beside the crude proportion', () => {
    const durability = section(html, 'durability');
    expect(durability).toMatch(/<svg class="km"[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(durability).toContain('<path class="km-line" d="M');
    expect(text(durability)).toContain('Kaplan-Meier (2 treated, 0 operated, 1 withdrawn) not yet estimable');
    expect(text(durability)).toContain('Crude proportion, as in the paper (report.md survivorship) -');
    expect(html).not.toMatch(/<script/i);
  });
});
