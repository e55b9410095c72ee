import type { StudyReport } from '../../projections/src';
import { renderReportHtml } from './report-html';
import { studyReportFixture } from './testing/study-report.fixture';

/** The text of the table row whose first cell is `label` (tags stripped, whitespace collapsed). */
const rowsOf = (html: string, label: string): string[] =>
  [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((m) =>
      (m[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((text) => text.startsWith(`${label} `));

/** A section's markup, whitespace collapsed (the markup's own line breaks mean nothing). */
const section = (html: string, id: string): string => {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end).replace(/\s+/g, ' ');
};

describe('renderReportHtml', () => {
  let report: StudyReport;
  let html: string;

  beforeAll(async () => {
    report = studyReportFixture();
    html = await renderReportHtml(report, { eventsApplied: report.eventsApplied, asOf: report.asOf });
  });

  it('is one complete document, with its stylesheet inline and no script or network', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<(link|iframe|object|embed|img)\b/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*"(https?:)?\/\//i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';`,
    );
  });

  it('heads the report with the study, the as-of instant and the event count', () => {
    const header = section(html, 'overview');
    expect(header).toContain('MSC-SPINE-1');
    expect(header).toContain('2026-11-26T00:00:00Z');
    expect(header).toContain('1234 events');
  });

  it('prints Table 2 cells as the paper does: responders/assessed = whole percent', () => {
    const efficacy = section(html, 'efficacy');
    expect(efficacy).toContain('29/39 = 74%');
    expect(rowsOf(efficacy, 'All patients')).toEqual([
      'All patients 48 46/48 = 96% 39/48 = 81% 36/48 = 75% 29/48 = 60% 16/48 = 33%',
      'All patients 48 31/46 = 67% 29/39 = 74% 22/36 = 61% 18/29 = 62% 6/16 = 38%',
    ]);
    expect(rowsOf(efficacy, 'Herniated disc (HD)')[1]).toBe(
      'Herniated disc (HD) 21 14/20 = 70% 15/18 = 83% 11/16 = 69% 11/13 = 85% 2/4 = 50%',
    );
    // a slice nobody was assessed in prints - rather than 0/0
    expect(rowsOf(efficacy, 'Spondylolisthesis')[1]).toBe('Spondylolisthesis 0 - - - - -');
  });

  it('leaves out a visit not yet due for anyone, and says so', () => {
    expect(section(html, 'efficacy')).toContain('left out of the tables and figures: 24 M');
    expect(section(html, 'efficacy')).not.toMatch(/> ?24 M ?</);
  });

  it('prints Table 3 durability and survivorship the same way', () => {
    const durability = section(html, 'durability');
    expect(rowsOf(durability, 'All patients')).toEqual([
      'All patients 48 29/39 = 74% 22/26 = 85% 18/22 = 82% 6/10 = 60%',
    ]);
    expect(durability).toContain('28/31 = 90%');
  });

  it('prints Table 1 with counts and percentages per band', () => {
    const demo = section(html, 'demographics');
    expect(rowsOf(demo, 'Male')).toEqual(['Male 35 (73%) 16 (73%) 19 (73%)']);
    expect(rowsOf(demo, '≥ 55')).toEqual(['≥ 55 35 (73%) 17 (77%) 18 (69%)']);
  });

  it('rounds means half-up on their decimal value', () => {
    const means = section(html, 'means');
    expect(rowsOf(means, 'VAS')[0]).toBe('VAS 6.7 4.1 4.0 4.0 3.6 3.3');
    expect(rowsOf(means, 'Global improvement')[0]).toBe('Global improvement N/A 43% 47% 48% 50% 38%');
  });

  it('draws the flow and three charts as inline SVG', () => {
    expect(section(html, 'overview')).toMatch(/<svg[^>]*class="flow"/);
    const figures = section(html, 'figures');
    expect(figures.match(/<svg\b/g)).toHaveLength(3);
    expect(figures).toContain('Mean VAS (0-10)');
    expect(figures).toContain('Mean Quebec score');
    expect(figures).toContain('% with MCID');
    expect(figures).toContain('L Epidural + L Facet + Disk Inj');
  });

  it('lists the safety summary and the expedited reports with the overdue one flagged first', () => {
    const safety = section(html, 'safety');
    expect(rowsOf(safety, 'Serious adverse events')).toEqual(['Serious adverse events 2']);
    expect(rowsOf(safety, 'Hospitalization (initial or prolonged)')).toEqual([
      'Hospitalization (initial or prolonged) 2',
    ]);
    const expedited = section(html, 'expedited');
    expect(rowsOf(expedited, 'P-07')).toEqual(['P-07 AE-1 2024-03-02 2024-03-17 not submitted OVERDUE not submitted']);
    expect(rowsOf(expedited, 'P-03')).toEqual(['P-03 AE-2 2024-05-01 2024-05-16 2024-05-10 Submitted on time']);
    expect(expedited.indexOf('P-07')).toBeLessThan(expedited.indexOf('P-03'));
  });

  it('lists deviations by code and one by one', () => {
    const deviations = section(html, 'deviations');
    expect(rowsOf(deviations, 'FACET_DOSE_OUT_OF_RANGE')).toEqual(['FACET_DOSE_OUT_OF_RANGE 1']);
    expect(rowsOf(deviations, 'P-03')[0]).toMatch(/^P-03 PROC-1 FACET_DOSE_OUT_OF_RANGE left L2-L3 facet/);
  });

  it('escapes every piece of text that comes from the record', async () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; other disorders');
    expect(html).toContain('&lt;b&gt;&quot;million&quot;&lt;/b&gt;');
    const arm = report.slices['arm:L_EPI+L_FACET']!;
    const hostile: StudyReport = {
      ...report,
      studyId: '<img src=x onerror=alert(1)>',
      demographics: { ...report.demographics, 'X<b>arm</b>': report.demographics['all']! },
      slices: { ...report.slices, 'arm:X<b>arm</b>': arm },
    };
    const out = await renderReportHtml(hostile, {
      eventsApplied: 1,
      asOf: '"><script>x</script>',
      title: '</title><script>',
    });
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('&quot;&gt;&lt;script&gt;x&lt;/script&gt;');
    expect(out).not.toContain('<b>arm');
    expect(out).toContain('X&lt;b&gt;arm&lt;/b&gt;');
  });

  it('adds the changes since an earlier instant when given a diff', async () => {
    const out = await renderReportHtml(report, {
      eventsApplied: report.eventsApplied,
      asOf: report.asOf,
      diff: {
        studyId: report.studyId,
        from: '2026-01-01T00:00:00Z',
        to: report.asOf,
        changes: [{ path: 'safety.adverseEvents', from: 3, to: 4 }],
        events: [
          {
            type: 'AdverseEventReported',
            participantId: 'P-07',
            commandId: 'c-1',
            actor: { id: 'coord-01', role: 'coordinator' },
            recordedAt: '2026-03-02T10:00:00Z',
            recordId: 'AE-1',
            reason: '<i>late</i>',
          },
        ],
      },
    });
    const changes = section(out, 'changes');
    expect(rowsOf(changes, 'safety.adverseEvents')).toEqual(['safety.adverseEvents 3 4']);
    expect(changes).toContain('AdverseEventReported');
    expect(changes).toContain('&lt;i&gt;late&lt;/i&gt;');
    expect(html).not.toContain('id="changes"');
  });
});
