#!/usr/bin/env node
/**
 * The ledger's command line: `npm run --silent ledger -- <command>`. stdout carries only the
 * answer (the import summary, a report), written with writeOut; logs and progress go to stderr.
 * A stdout that cannot be written (full disk, closed pipe) is exit 2 with one line (stdout.ts).
 */
import 'reflect-metadata';
import { Command, Option } from 'commander';
import { NestFactory } from '@nestjs/core';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { LedgerModule, ParticipantQueries } from '../../../libs/ledger/src';
import { DomainError } from '../../../libs/trial-domain/src';
import { registerImportCommand } from './import/import-command';
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

registerImportCommand(program, { boot, cannotRun });

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
