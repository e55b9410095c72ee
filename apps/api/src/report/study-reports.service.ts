/**
 * The study report over HTTP, computed by a read thread (ReadPool) so a report of a large study
 * never holds the event loop: from the read model as it stands when nothing was recorded after
 * the as-of instant, else from the study's nearest snapshot replayed up to it. Same events, same
 * report as the CLI's. Printing the PDF (Chromium) stays here.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../../../libs/ledger/src';
import type { ReportDiff, StudyReport } from '../../../../libs/projections/src';
import { READS, resolveAsOf, type Reads } from '../../../../libs/read-model/src';
import { PdfUnavailable, renderReportPdf } from '../../../../libs/report-rendering/src';
import { RuleViolated, ValidationFailed } from '../../../../libs/trial-domain/src';
import { ApiError } from '../http/api-error';

@Injectable()
export class StudyReports {
  private readonly logger = new Logger(StudyReports.name);
  /** One browser at a time: each PDF starts a Chromium (about a second and 150 MB). */
  private printing: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(READS) private readonly reads: Reads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A query parameter as a canonical instant: absent means now; not ISO-8601 with a zone, or later than now, is 400. */
  instant(value: unknown, field: string): string {
    return resolveAsOf(value, this.clock.now(), field);
  }

  async report(studyId: string, asOf: unknown): Promise<StudyReport> {
    return this.reads.report(studyId, this.instant(asOf, 'asOf'));
  }

  async html(studyId: string, asOf: unknown): Promise<{ report: StudyReport; html: string }> {
    return this.reads.reportHtml(studyId, this.instant(asOf, 'asOf'));
  }

  async pdf(studyId: string, asOf: unknown): Promise<{ report: StudyReport; pdf: Buffer }> {
    const { report, html } = await this.html(studyId, asOf);
    const printed = this.printing.then(() => renderReportPdf(html));
    this.printing = printed.catch(() => undefined);
    try {
      return { report, pdf: await printed };
    } catch (e) {
      if (!(e instanceof PdfUnavailable)) throw e;
      this.logger.error(e.message);
      throw new ApiError(503, 'PDF_UNAVAILABLE', 'the PDF printer (Chromium) is not available on this server');
    }
  }

  async diff(studyId: string, from: unknown, to: unknown): Promise<ReportDiff> {
    if (from === undefined) throw new ValidationFailed('from is required (an ISO-8601 instant with a zone)', 'from');
    if (to === undefined) throw new ValidationFailed('to is required (an ISO-8601 instant with a zone)', 'to');
    const fromInstant = this.instant(from, 'from');
    const toInstant = this.instant(to, 'to');
    if (fromInstant > toInstant)
      throw new RuleViolated('FROM_AFTER_TO', `from ${String(from)} is later than to ${String(to)}`, 'from');
    return this.reads.reportDiff(studyId, fromInstant, toInstant);
  }
}
