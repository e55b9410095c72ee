/**
 * The write side against its floors, measured side by side in the same run, once per store
 * (SQLite with synchronous=FULL, then PostgreSQL), and printed as one table per store:
 *
 * 1. raw appends of the very events the import stored, through the store's own append: one
 *    transaction per event (durable each), and 500 per transaction (inBatch);
 * 2. the import as the CLI runs it (importLines + CommandPipeline + store.inBatch) of a
 *    synthetic cohort, in commands/s and events/s;
 * 3. the real API (a child process, `node dist/apps/api/src/main.js`) under autocannon:
 *    POST /api/v1/commands from 1 and from 50 clients, each request a distinct valid
 *    RecordConsent; GET /health from 50 clients; and a bare Node http server as the HTTP floor;
 * 4. the API's resident memory after start and after its first command on a big ledger, at two
 *    sizes, with the growth per event, and its times from spawn to healthy and to that answer.
 *
 * Targets are printed beside the numbers (ratio and pass/MISS); nothing is asserted: the
 * machines are shared and noisy. PostgreSQL runs in databases created for the run and dropped
 * after it, and is skipped with a line saying why when it cannot be reached.
 *
 *   npm run bench                               (after the import and report benches)
 *   npm run build && node dist/bench/write-side.bench.js
 *   BENCH_QUICK=1                               small sizes, short loads (under 2 minutes)
 *   BENCH_LEDGER_EVENTS=1000000                 the big ledger (default 1M; its smaller size: BENCH_LEDGER_SMALL_EVENTS)
 *   BENCH_LEDGER_SECONDS=120                    time allowed to build the big ledger (SQLite), and to copy it (PostgreSQL)
 *   BENCH_WRITE_PARTICIPANTS=1000               the imported synthetic cohort (about 12 commands each)
 *   BENCH_PER_EVENT_SECONDS=5  BENCH_BATCHED_SECONDS=10   time caps of the raw appends (a prefix of the events)
 *   BENCH_HTTP_SECONDS=6  BENCH_STORES=sqlite,postgres  BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres
 *   BENCH_CPU_PROF=<dir>                        write a V8 CPU profile of every API child there
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RecordedEvent } from '../libs/event-store/src';
import { syntheticCohort } from './synthetic-cohort';
import { ledgerOnStore, type LedgerResult } from './write-side/api-on-ledger';
import { killChildren, writePrincipals } from './write-side/api-process';
import { buildLedger } from './write-side/big-ledger';
import { bareHttpFloor } from './write-side/http-load';
import { PgDatabases } from './write-side/pg-databases';
import { int, storeTable, type StoreTable } from './write-side/report-table';
import { asAppends, postgresUnderTest, sqliteUnderTest, type StoreUnderTest } from './write-side/store-under-test';
import { batchedAppends, httpLoads, importCohort, perEventAppends } from './write-side/throughput';

const env = process.env;
const QUICK = env['BENCH_QUICK'] === '1';
const num = (name: string, normal: number, quick: number): number => {
  const given = Number(env[name]);
  return env[name] !== undefined && Number.isFinite(given) && given > 0 ? given : QUICK ? quick : normal;
};
const CONFIG = {
  participants: num('BENCH_WRITE_PARTICIPANTS', 1000, 200),
  perEventSeconds: num('BENCH_PER_EVENT_SECONDS', 5, 1.5),
  batchedSeconds: num('BENCH_BATCHED_SECONDS', 10, 3),
  httpSeconds: num('BENCH_HTTP_SECONDS', 6, 2),
  ledgerEvents: num('BENCH_LEDGER_EVENTS', 1_000_000, 20_000),
  smallLedgerEvents: num('BENCH_LEDGER_SMALL_EVENTS', 50_000, 5_000),
  ledgerSeconds: num('BENCH_LEDGER_SECONDS', 120, 30),
  stores: (env['BENCH_STORES'] ?? 'sqlite,postgres').split(',').map((s) => s.trim().toLowerCase()),
  cpuProfDir: env['BENCH_CPU_PROF'] ? resolve(env['BENCH_CPU_PROF']) : undefined,
};

const log = (line: string) => process.stderr.write(`[write-side bench] ${line}\n`);
const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

type Measured = Omit<StoreTable, 'ledger' | 'floor'> & { readonly sut: StoreUnderTest; template: RecordedEvent[] };

/** Import, raw appends and HTTP on one store. */
const throughputOn = async (
  sut: StoreUnderTest,
  lines: readonly string[],
  api: { principalsFile: string; tokens: { admin: string; coordinator: string }; cpuProfDir?: string },
): Promise<Measured> => {
  log(`${sut.title}: import of ${int(lines.length)} commands`);
  const imported = await importCohort(sut, lines);
  const appends = asAppends(imported.events);
  log(`${sut.title}: raw appends`);
  const perEvent = await perEventAppends(sut, appends, CONFIG.perEventSeconds);
  const batched = await batchedAppends(sut, appends, CONFIG.batchedSeconds);
  log(`${sut.title}: HTTP`);
  const http = await httpLoads(sut, api, CONFIG.httpSeconds);
  return {
    sut,
    title: sut.title,
    appendName: sut.appendName,
    perEvent,
    batched,
    importRun: { commands: imported.commands, events: imported.events.length, seconds: imported.seconds },
    http,
    template: imported.events,
  };
};

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const main = async () => {
  const loadBefore = load();
  const dir = mkdtempSync(join(tmpdir(), 'write-side-bench-'));
  if (CONFIG.cpuProfDir) mkdirSync(CONFIG.cpuProfDir, { recursive: true });
  const { file: principalsFile, tokens } = writePrincipals(dir);
  const api = { principalsFile, tokens, cpuProfDir: CONFIG.cpuProfDir };
  const lines = syntheticCohort(CONFIG.participants).filter((l) => l.trim() !== '');
  const out: string[] = [];
  let pg: PgDatabases | undefined;
  // an interrupted run still ends its children and drops its databases
  const interrupted = () => {
    killChildren();
    void (pg?.dropAll() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const suts: StoreUnderTest[] = [];
    if (CONFIG.stores.includes('sqlite')) suts.push(sqliteUnderTest(dir));
    if (CONFIG.stores.includes('postgres')) {
      const reached = await PgDatabases.reach();
      if (!reached.ok) out.push(`\nPostgreSQL: skipped, unreachable (${reached.why}; BENCH_PG_URL names the server)`);
      else {
        pg = reached.dbs;
        const sut = postgresUnderTest(reached.dbs, reached.version);
        try {
          await (await sut.open(await sut.fresh('probe'))).close();
          suts.push(sut);
        } catch (error) {
          out.push(`\nPostgreSQL ${reached.version}: skipped, its event store did not open (${describe(error)})`);
        }
      }
    }

    log('HTTP floor');
    const floor = await bareHttpFloor(50, CONFIG.httpSeconds);
    const measured: Measured[] = [];
    for (const sut of suts) {
      try {
        measured.push(await throughputOn(sut, lines, api));
      } catch (error) {
        process.exitCode = 1;
        out.push(`\n${sut.title}: failed: ${describe(error)}`);
      }
    }

    const ledgers = new Map<Measured, LedgerResult | string>();
    const template = measured[0]?.template;
    if (template !== undefined) {
      const target = Math.max(CONFIG.ledgerEvents, CONFIG.smallLedgerEvents + 1);
      log(`big ledger: writing up to ${int(target)} events (${CONFIG.ledgerSeconds} s allowed)`);
      const t0 = performance.now();
      const path = join(dir, 'ledger_big.db');
      const events = await buildLedger(path, template, target, t0 + CONFIG.ledgerSeconds * 1000);
      const master = { path, events, seconds: (performance.now() - t0) / 1000, capped: events < target };
      log(`big ledger: ${int(events)} events in ${master.seconds.toFixed(0)} s`);
      const small = Math.min(CONFIG.smallLedgerEvents, Math.floor(events / 4));
      for (const m of measured) {
        log(`${m.title}: the API on ledgers of ${int(small)} and ${int(events)} events`);
        try {
          ledgers.set(m, await ledgerOnStore(m.sut, master, small, api, CONFIG.ledgerSeconds));
        } catch (error) {
          process.exitCode = 1;
          ledgers.set(m, `failed: ${describe(error)}`);
        }
      }
    }
    for (const m of measured) out.push(storeTable({ ...m, floor, ledger: ledgers.get(m) ?? 'not measured' }));
  } finally {
    await pg?.dropAll().catch((e: unknown) => log(`could not drop the bench databases: ${describe(e)}`));
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\nThe write side against its floors (${QUICK ? 'BENCH_QUICK' : 'full'} run; every row measured in this run)`,
  );
  for (const block of out) console.log(block);
  console.log(
    `\n${cpus().length} cores (load average ${loadBefore} at the start, ${load()} at the end: other work on the machine skews every row), Node ${process.version}; autocannon runs in the bench process, the API in a child ` +
      `(LOG_LEVEL=error). Import: synthetic cohort of ${CONFIG.participants} participants; ` +
      'the raw appends re-append the events it stored (a fresh store each). HTTP: ' +
      `${CONFIG.httpSeconds} s per load after a 1 s warm-up; every POST a RecordConsent of a new participant ` +
      '(one event) with its own commandId; non-2xx includes socket errors and timeouts. Ratios: import events/s over ' +
      '500/tx appends; HTTP req/s over 1/tx appends. Targets are printed, never asserted. Big ledger: the imported ' +
      'participants copied (re-sealed) into one study, written as the store writes them; PostgreSQL gets row-for-row ' +
      "copies; the API's first command is a RecordConsent in that study.",
  );
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
