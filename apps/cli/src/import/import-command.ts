/**
 * `ledger import`: the CLI's door to the ledger lib's importLines. It reads the NDJSON (a file,
 * or stdin for `-`), shows progress on stderr, and prints the summary on stdout; reading, running
 * and summarising the lines is the lib's, the same for every caller.
 */
import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { EventStore } from '../../../../libs/event-store/src';
import { EVENT_STORE, importLines, splitLines, viaCommandBus } from '../../../../libs/ledger/src';
import type { CliDeps } from '../report/report-commands';
import { writeOut } from '../stdout';

/** The whole input: a file, or stdin when the name is `-`. */
const readInput = (file: string): string => readFileSync(file === '-' ? 0 : file, 'utf8');

export const registerImportCommand = (program: Command, { boot, cannotRun }: CliDeps): void => {
  program
    .command('import')
    .description('apply an NDJSON file of command envelopes, one per line; prints one JSON summary on stdout')
    .argument('<file.ndjson>', 'the file to import (- for stdin)')
    .addHelpText(
      'after',
      '\nExit status: 0 nothing rejected, 1 some line rejected, 2 the import could not run.\nThe store is LEDGER_STORE (default sqlite:./data/ledger.db).',
    )
    .action(async (file: string) => {
      let text: string;
      try {
        text = readInput(file);
      } catch (e) {
        return cannotRun(`cannot read ${file === '-' ? 'stdin' : file}: ${(e as Error).message}`);
      }
      const lines = splitLines(text);
      let app: INestApplicationContext;
      try {
        app = await boot();
      } catch (e) {
        return cannotRun(`the store cannot be opened: ${(e as Error).message}`);
      }
      const bar = process.stderr.isTTY
        ? new SingleBar(
            { stream: process.stderr, format: 'import [{bar}] {value}/{total} lines' },
            Presets.shades_classic,
          )
        : undefined;
      bar?.start(lines.length, 0);
      const store = app.get<EventStore>(EVENT_STORE);
      const summary = await importLines(lines, viaCommandBus(app.get(CommandBus)), {
        onProgress: (line) => bar?.update(line),
        batch: (work) => store.inBatch(work),
      }).catch((e: unknown) => cannotRun(`the import stopped: ${(e as Error).message}`));
      bar?.stop();
      await app.close();
      await writeOut(JSON.stringify(summary) + '\n');
      process.exitCode = summary.rejected > 0 ? 1 : 0;
    });
};
