#!/usr/bin/env node
/**
 * The ledger's command line: `npm run --silent ledger -- <command>`. stdout carries only the
 * answer (the import summary, a report), written with writeOut; logs and progress go to stderr.
 * A stdout that cannot be written (full disk, closed pipe) is exit 2 with one line (stdout.ts).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { SingleBar, Presets } from 'cli-progress';
import { EVENT_STORE, ExecuteCommand, LedgerModule, ParticipantQueries } from '../../../libs/ledger/src';
import type { EventStore } from '../../../libs/event-store/src';
import { DomainError } from '../../../libs/trial-domain/src';
import { importLines, splitLines } from './import/import-file';
import { formatHistory } from './history/format-history';
import { registerReportCommands } from './report/report-commands';
import { guardStdout, writeOut } from './stdout';

@Module({ imports: [LedgerModule] })
class CliModule {}

const boot = async (): Promise<INestApplicationContext> => {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false, abortOnError: false });
  app.enableShutdownHooks();
  return app;
};

/** Exit 2: the command could not run at all (no such file, store unreachable). */
const cannotRun = (message: string): never => {
  process.stderr.write(`ledger: ${message}\n`);
  process.exit(2);
};

const program = new Command()
  .name('ledger')
  .description('Trial Ledger: an event-sourced audit ledger for clinical trials')
  .showHelpAfterError();

program
  .command('import')
  .description('apply an NDJSON file of command envelopes, one per line; prints one JSON summary on stdout')
  .argument('<file.ndjson>', 'the file to import')
  .addHelpText(
    'after',
    '\nExit status: 0 nothing rejected, 1 some line rejected, 2 the import could not run.\nThe store is LEDGER_STORE (default sqlite:./data/ledger.db).',
  )
  .action(async (file: string) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return cannotRun(`cannot read ${file}: ${(e as Error).message}`);
    }
    const lines = splitLines(text);
    let app: INestApplicationContext;
    try {
      app = await boot();
    } catch (e) {
      return cannotRun(`the store cannot be opened: ${(e as Error).message}`);
    }
    const bus = app.get(CommandBus);
    const bar = process.stderr.isTTY
      ? new SingleBar(
          { stream: process.stderr, format: 'import [{bar}] {value}/{total} lines' },
          Presets.shades_classic,
        )
      : undefined;
    bar?.start(lines.length, 0);
    const store = app.get<EventStore>(EVENT_STORE);
    const summary = await importLines(lines, (raw) => bus.execute(new ExecuteCommand(raw, { kind: 'import' })), {
      onProgress: (line) => bar?.update(line),
      batch: (work) => store.inBatch(work),
    }).catch((e: unknown) => cannotRun(`the import stopped: ${(e as Error).message}`));
    bar?.stop();
    await app.close();
    await writeOut(JSON.stringify(summary) + '\n');
    process.exitCode = summary.rejected > 0 ? 1 : 0;
  });

program
  .command('history')
  .description("print every event of a participant's stream: actor, role, time, reason and amended record")
  .requiredOption('--study <studyId>', 'the study id')
  .requiredOption('--participant <participantId>', 'the participant id')
  .option('--json', 'print the history as JSON (the API shape)')
  .action(async (o: { study: string; participant: string; json?: boolean }) => {
    const app = await boot().catch((e: unknown) => cannotRun(`the store cannot be opened: ${(e as Error).message}`));
    try {
      const history = await app.get(ParticipantQueries).history(o.study, o.participant);
      await writeOut((o.json ? JSON.stringify(history, null, 2) : formatHistory(history.events)) + '\n');
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      process.stderr.write(`ledger: ${e.message}\n`);
      process.exitCode = 1;
    } finally {
      await app.close();
    }
  });

registerReportCommands(program, { boot, cannotRun });

export const cli = program;

if (require.main === module) {
  guardStdout();
  program.addOption(new Option('--no-color').hideHelp());
  program.parseAsync(process.argv).catch((e: unknown) => cannotRun((e as Error).stack ?? String(e)));
}
