/**
 * `report`, `report-diff` and `rebuild`: the IRB study report as of a recorded instant (text, JSON,
 * or rendered as HTML or PDF for auditors), what changed between two instants and why, and the
 * read model rebuilt from position zero by the worker (rebuild-command.ts). Reports come from the
 * read side exactly as the API's do: the read model as it stands, or the study's nearest snapshot
 * replayed up to the instant, so a report of a past instant is reproducible forever.
 */
import { writeFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import { ReadSide, resolveAsOf } from '../../../../libs/read-model/src';
import { PdfUnavailable, renderReportPdf } from '../../../../libs/report-rendering/src';
import { DomainError } from '../../../../libs/trial-domain/src';
import { writeOut } from '../stdout';
import { formatDiff, formatReport } from './format-report';
import { registerRebuildCommand } from './rebuild-command';

export interface CliDeps {
  readonly boot: () => Promise<INestApplicationContext>;
  /** Exit 2 with a message on stderr. */
  readonly cannotRun: (message: string) => never;
}

/** An instant option: absent means now; malformed or later than now cannot run (exit 2). */
const asOfOption = (value: string | undefined, flag: string, deps: CliDeps): string => {
  try {
    return resolveAsOf(value, new Date(), flag);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return deps.cannotRun(`${e.code === 'AS_OF_IN_FUTURE' ? 'AS_OF_IN_FUTURE: ' : ''}${e.message}`);
  }
};

/** Boots the Nest context, runs `work` on the read side, closes it; an unknown study is exit 1. */
const withReads = async <T>(deps: CliDeps, work: (reads: ReadSide) => Promise<T>): Promise<T | undefined> => {
  const app = await deps
    .boot()
    .catch((e: unknown) => deps.cannotRun(`the store cannot be opened: ${(e as Error).message}`));
  try {
    return await work(app.get(ReadSide));
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    process.stderr.write(`ledger: ${e.message}\n`);
    process.exitCode = 1;
    return undefined;
  } finally {
    await app.close();
  }
};

const REPORT_FORMATS = ['text', 'json', 'html', 'pdf'] as const;

/** The HTML or PDF report to --out, or to stdout (the PDF as raw bytes). */
const writeRendered = async (html: string, format: 'html' | 'pdf', out: string | undefined, deps: CliDeps) => {
  let bytes: Buffer;
  if (format === 'html') bytes = Buffer.from(html, 'utf8');
  else
    try {
      bytes = await renderReportPdf(html);
    } catch (e) {
      if (e instanceof PdfUnavailable) return deps.cannotRun(`cannot print the PDF: ${e.message}`);
      throw e;
    }
  if (out === undefined) return writeOut(bytes);
  try {
    writeFileSync(out, bytes);
  } catch (e) {
    return deps.cannotRun(`cannot write ${out}: ${(e as Error).message}`);
  }
  process.stderr.write(`ledger: wrote ${out} (${format}, ${bytes.length} bytes)\n`);
};

export const registerReportCommands = (program: Command, deps: CliDeps): void => {
  program
    .command('report')
    .description('the IRB study report as the ledger knew it at a recorded instant (report.md)')
    .requiredOption('--study <studyId>', 'the study id')
    .option(
      '--as-of <instant>',
      'ISO-8601 instant with a zone; only events recorded at or before it count (default: now)',
    )
    .option('--json', 'print exactly one JSON object (the contract shape)')
    .option('--format <format>', 'text (default), json, html (a self-contained page) or pdf (A4, printed by Chromium)')
    .option('--out <file>', 'with --format html or pdf: write the report to this file instead of stdout')
    .action(async (o: { study: string; asOf?: string; json?: boolean; format?: string; out?: string }) => {
      const asOf = asOfOption(o.asOf, '--as-of', deps);
      const format = o.json ? 'json' : (o.format ?? 'text');
      if (!(REPORT_FORMATS as readonly string[]).includes(format))
        deps.cannotRun(`--format ${format} is not supported (${REPORT_FORMATS.join(', ')})`);
      if (o.out !== undefined && format !== 'html' && format !== 'pdf')
        deps.cannotRun('--out applies to --format html or pdf (text and json go to stdout)');
      if (format === 'pdf' && o.out === undefined && process.stdout.isTTY)
        deps.cannotRun('a PDF is binary: give --out <file.pdf> or redirect stdout');
      if (format === 'html' || format === 'pdf') {
        // The page is rendered from the read side (with the safety tables' detail); printed once
        // the store is closed: printing a PDF takes a browser a second or two.
        const rendered = await withReads(deps, (reads) => reads.reportHtml(o.study, asOf));
        return rendered ? writeRendered(rendered.html, format, o.out, deps) : undefined;
      }
      const report = await withReads(deps, (reads) => reads.report(o.study, asOf));
      if (!report) return;
      await writeOut((format === 'json' ? JSON.stringify(report) : formatReport(report)) + '\n');
    });

  program
    .command('report-diff')
    .description('what changed in the study report between two recorded instants, and the events recorded in between')
    .requiredOption('--study <studyId>', 'the study id')
    .requiredOption('--from <instant>', 'the earlier as-of instant (ISO-8601 with a zone)')
    .requiredOption('--to <instant>', 'the later as-of instant (ISO-8601 with a zone)')
    .option('--json', 'print one JSON object')
    .action(async (o: { study: string; from: string; to: string; json?: boolean }) => {
      const from = asOfOption(o.from, '--from', deps);
      const to = asOfOption(o.to, '--to', deps);
      if (from > to) deps.cannotRun(`--from ${o.from} is later than --to ${o.to}`);
      const diff = await withReads(deps, (reads) => reads.reportDiff(o.study, from, to));
      if (diff) await writeOut((o.json ? JSON.stringify(diff) : formatDiff(diff)) + '\n');
    });

  registerRebuildCommand(program, deps);
};
