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
import { ReadModelModule } from '../../../libs/read-model/src';
import { registerImportCommand } from './import/import-command';
import { registerJobsCommands } from './jobs/jobs-commands';
import { registerReadCommands } from './read/read-commands';
import { registerSafetyCommands } from './safety/safety-commands';
import { registerReportCommands } from './report/report-commands';
import { guardStdout } from './stdout';

@Module({ imports: [ReadModelModule] })
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

registerReportCommands(program, { boot, cannotRun });
registerReadCommands(program, { boot, cannotRun });
registerSafetyCommands(program, { boot, cannotRun });
registerJobsCommands(program, { boot, cannotRun });

export const cli = program;

if (require.main === module) {
  guardStdout();
  program.addOption(new Option('--no-color').hideHelp());
  program.parseAsync(process.argv).catch((e: unknown) => cannotRun((e as Error).stack ?? String(e)));
}
