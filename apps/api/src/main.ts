#!/usr/bin/env node
/**
 * The ledger's HTTP API: `npm run api` (after the build) on PORT (default 3000), over the store
 * named by LEDGER_STORE, with the principals of LEDGER_PRINCIPALS.
 */
import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';

const port = (value: string | undefined): number => {
  if (value === undefined || value === '') return 3000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT "${value}" is not a port number (0-65535)`);
  return n;
};

async function main(): Promise<void> {
  const listenOn = port(process.env.PORT);
  const app = await createApp();
  app.enableShutdownHooks();
  await app.listen(listenOn);
  app.get(Logger).log(`Trial Ledger API listening on port ${listenOn}`, 'Main');
}

main().catch((e: unknown) => {
  process.stderr.write(`api: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
