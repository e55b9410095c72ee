/**
 * The IRB study report (report.md) over HTTP: the JSON document, the same report rendered for
 * auditors as HTML and as an A4 PDF, and what changed between two as-of instants. Every role may
 * read; the bearer guard and the error filter apply as everywhere.
 */
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { ReportDiff, StudyReport } from '../../../../libs/projections/src';
import { REPORT_CSP } from '../../../../libs/report-rendering/src';
import { ErrorBodyDto } from '../http/error-body.dto';
import { ReportDiffDto, StudyReportDto } from './report.dto';
import { StudyReports } from './study-reports.service';

const AS_OF = {
  name: 'asOf',
  required: false,
  description: 'Recorded time: only events recorded at or before it count. ISO-8601 instant with a zone; default now.',
  example: '2024-12-31T23:59:59Z',
} as const;

/** A file name out of user data: letters, digits, dot, dash and underscore only. */
const fileName = (studyId: string, asOf: string, ext: string): string =>
  `${studyId}-report-as-of-${asOf}`.replace(/[^A-Za-z0-9._-]/g, '_') + `.${ext}`;

@ApiTags('reports')
@ApiBearerAuth()
@ApiParam({ name: 'studyId', example: 'MSC-SPINE-1' })
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No bearer token, or an unknown one' })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown study' })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'An instant that is not ISO-8601 with a zone' })
@Controller('api/v1/studies/:studyId')
export class StudyReportController {
  constructor(private readonly reports: StudyReports) {}

  @Get('report')
  @ApiOperation({ summary: 'The IRB study report as the ledger knew it at a recorded instant (report.md)' })
  @ApiQuery(AS_OF)
  @ApiOkResponse({ type: StudyReportDto })
  report(@Param('studyId') studyId: string, @Query('asOf') asOf: unknown): Promise<StudyReport> {
    return this.reports.report(studyId, asOf);
  }

  @Get('report.html')
  @ApiOperation({
    summary: 'The report rendered for IRB auditors: one self-contained HTML page',
    description: 'Inline CSS and SVG charts; no script, no external resource. Prints on A4.',
  })
  @ApiQuery(AS_OF)
  @ApiProduces('text/html')
  @ApiOkResponse({ content: { 'text/html': { schema: { type: 'string' } } } })
  async html(
    @Param('studyId') studyId: string,
    @Query('asOf') asOf: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { html } = await this.reports.html(studyId, asOf);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', REPORT_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    return html;
  }

  @Get('report.pdf')
  @ApiOperation({ summary: 'The report rendered for IRB auditors as an A4 PDF (printed by Chromium)' })
  @ApiQuery(AS_OF)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'No Chromium on the server to print with' })
  async pdf(
    @Param('studyId') studyId: string,
    @Query('asOf') asOf: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { report, pdf } = await this.reports.pdf(studyId, asOf);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `inline; filename="${fileName(report.studyId, report.asOf, 'pdf')}"`,
    });
  }

  @Get('report-diff')
  @ApiOperation({
    summary: 'What changed in the report between two recorded instants, and the events recorded in between',
    description: 'The document `ledger report-diff --json` prints.',
  })
  @ApiQuery({ name: 'from', required: true, description: 'The earlier as-of instant', example: '2024-06-30T23:59:59Z' })
  @ApiQuery({ name: 'to', required: true, description: 'The later as-of instant', example: '2024-12-31T23:59:59Z' })
  @ApiOkResponse({ type: ReportDiffDto })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: '`from` is later than `to`' })
  diff(@Param('studyId') studyId: string, @Query('from') from: unknown, @Query('to') to: unknown): Promise<ReportDiff> {
    return this.reports.diff(studyId, from, to);
  }
}
