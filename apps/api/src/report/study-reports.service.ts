/**
 * The study report over HTTP, computed exactly as the CLI computes it: the study's events recorded
 * at or before the as-of instant, replayed (readStudyEvents + computeStudyReport), never read from
 * a checkpoint, so a report of a past instant is reproducible forever. Rendering (HTML, PDF) is
 * libs/report-rendering's.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, EVENT_STORE, type Clock } from '../../../../libs/ledger/src';
import type { EventStore } from '../../../../libs/event-store/src';
import {
  computeStudyReport,
  explainReportDiff,
  parseAsOf,
  readStudyEvents,
  type ReportDiff,
  type StudyReport,
} from '../../../../libs/projections/src';
import { PdfUnavailable, renderReportHtml, renderReportPdf } from '../../../../libs/report-rendering/src';
import {
  instantFromDate,
  NotFound,
  RuleViolated,
  studyStreamId,
  ValidationFailed,
} from '../../../../libs/trial-domain/src';
import { ApiError } from '../http/api-error';

@Injectable()
export class StudyReports {
  private readonly logger = new Logger(StudyReports.name);
  /** One browser at a time: each PDF starts a Chromium (about a second and 150 MB). */
  private printing: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A query parameter as a canonical instant: absent means now; anything but an ISO-8601 instant with a zone is 400. */
  instant(value: unknown, field: string): string {
    if (value === undefined) return instantFromDate(this.clock.now());
    const parsed = typeof value === 'string' ? parseAsOf(value) : null;
    if (parsed === null)
      throw new ValidationFailed(
        `${field} must be an ISO-8601 instant with a zone (e.g. 2025-01-31T23:59:59Z or 2025-02-01T01:59:59+02:00)`,
        field,
      );
    return parsed;
  }

  async report(studyId: string, asOf: unknown): Promise<StudyReport> {
    const instant = this.instant(asOf, 'asOf');
    await this.knownStudy(studyId);
    return computeStudyReport(studyId, await readStudyEvents(this.store, studyId, instant), instant);
  }

  async html(studyId: string, asOf: unknown): Promise<{ report: StudyReport; html: string }> {
    const report = await this.report(studyId, asOf);
    return { report, html: await renderReportHtml(report, { eventsApplied: report.eventsApplied, asOf: report.asOf }) };
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
    await this.knownStudy(studyId);
    return explainReportDiff(studyId, await readStudyEvents(this.store, studyId, toInstant), fromInstant, toInstant);
  }

  /** 404 unless the study was registered (as the CLI decides it: its stream has events). */
  private async knownStudy(studyId: string): Promise<void> {
    if ((await this.store.readStream(studyStreamId(studyId))).length === 0)
      throw new NotFound('UNKNOWN_STUDY', `unknown study ${studyId}`, 'studyId');
  }
}
