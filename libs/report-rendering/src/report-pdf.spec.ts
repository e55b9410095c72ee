import { chromiumAvailable, chromiumPath, PdfUnavailable, renderReportPdf } from './report-pdf';
import { renderReportHtml } from './report-html';
import { studyReportFixture } from './testing/study-report.fixture';

const available = chromiumAvailable();
const reason = `no Chromium at ${chromiumPath()} (install Debian's chromium, or set CHROMIUM_PATH)`;
if (!available) process.stderr.write(`\n[report-pdf.spec] SKIPPING the PDF printing test: ${reason}\n\n`);

describe('renderReportPdf', () => {
  (available ? it : it.skip)(
    available ? 'prints the HTML report as an A4 PDF' : `prints the HTML report as an A4 PDF (skipped: ${reason})`,
    async () => {
      const report = studyReportFixture();
      const pdf = await renderReportPdf(await renderReportHtml(report, { eventsApplied: 1234, asOf: report.asOf }));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdf.toString('latin1');
      // A4 is 595.28 x 841.89 pt; Chromium rounds to its own device units
      expect(text).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
      expect(pdf.length).toBeGreaterThan(10_000);
    },
    120_000,
  );

  it('says which browser is missing rather than failing obscurely', async () => {
    const saved = process.env['CHROMIUM_PATH'];
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    try {
      await expect(renderReportPdf('<!DOCTYPE html><p>x</p>')).rejects.toThrow(PdfUnavailable);
      await expect(renderReportPdf('<!DOCTYPE html><p>x</p>')).rejects.toThrow(
        /\/nonexistent\/chromium.*CHROMIUM_PATH/,
      );
    } finally {
      if (saved === undefined) delete process.env['CHROMIUM_PATH'];
      else process.env['CHROMIUM_PATH'] = saved;
    }
  });
});
