/**
 * Time to answer the IRB study report (report.md), on the example cohort and on a generated one of
 * 10,000 participants (about 300,000 events), two ways:
 *
 * - cold start: a fresh process opens the store, reads the study's events, folds them into the
 *   clinical records and derives the report (read, fold and derive timed apart);
 * - from the read model: the read model (libs/read-model) was caught up before the last commands of
 *   the log were appended; a fresh process opens it, catches up the events appended after it
 *   (ReadModelProjector.catchUp: only the rows they touch are written), loads the study's rows and
 *   derives the report from them, as the API does for a report as of now.
 *
 * Baseline, same run: a fresh process that merely reads the same events' JSON with better-sqlite3
 * and JSON.parses it, the floor of any replay.
 *
 * Every measurement runs in its own child process (no JIT, heap or statement cache carried over)
 * on its own copy of the pristine read-model file (a catch-up commits, which would otherwise turn
 * the next run into a no-catch-up start). Only the OS page
 * cache is shared: the files were just written, so reads are warm. The median of the runs is
 * printed, with each mode's peak RSS. Setup (not timed) imports the cohorts through the ledger's
 * batched command import with synchronous=OFF. Asserts nothing but that every mode gives the same
 * report.
 *
 *   npm run build && node dist/bench/report.bench.js
 *   BENCH_REPORT_PARTICIPANTS=2000 BENCH_REPORT_RUNS=5 BENCH_REPORT_TAIL=1000 node dist/bench/report.bench.js
 *   BENCH_QUICK=1 npm run bench        500 participants, one run per cell
 */
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { normaliseInstant, SqliteEventStore } from '../libs/event-store/src';
import { CommandPipeline, importLines, splitLines } from '../libs/ledger/src';
import {
  canonicalRecordedAt,
  deriveStudyReport,
  foldStudyRecord,
  readStudyEvents,
  type StudyReport,
} from '../libs/projections/src';
import { ReadModelProjector, SqliteReadModel, studyFoldFrom } from '../libs/read-model/src';
import { canonicalJson } from '../libs/trial-domain/src';
import { largeCohort } from './large-cohort';

type Mode = 'baseline' | 'cold' | 'model';

interface ChildArgs {
  readonly db: string;
  readonly readModel: string;
  readonly studyId: string;
  readonly asOf: string;
}

/** What a child reports: timings in ms, counts, the report's hash and its peak RSS. */
type Measured = Record<string, number | string>;

const hashOf = (report: StudyReport): string => createHash('sha256').update(canonicalJson(report)).digest('hex');
const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

// ---------------------------------------------------------------- child: one measurement

const measure = async (mode: Mode, a: ChildArgs): Promise<Measured> => {
  const clock = () => performance.now();
  if (mode === 'baseline') {
    const db = new Database(a.db, { readonly: true });
    const select = db.prepare<[string, string], { data: string; metadata: string }>(
      'SELECT data, metadata FROM events WHERE position > 0 AND study_id = ? AND recorded_at <= ? ORDER BY position',
    );
    const t0 = clock();
    const parsed = select
      .all(a.studyId, normaliseInstant(a.asOf, 'asOf'))
      .map((r) => [JSON.parse(r.data), JSON.parse(r.metadata)]);
    const readParse = clock() - t0;
    db.close();
    return { readParse, events: parsed.length, rss: maxRssMiB() };
  }
  if (mode === 'cold') {
    const t0 = clock();
    const store = SqliteEventStore.open(a.db);
    const t1 = clock();
    const events = await readStudyEvents(store, a.studyId, a.asOf);
    const t2 = clock();
    const asOf = canonicalRecordedAt(a.asOf);
    const record = foldStudyRecord(a.studyId, events, asOf);
    const t3 = clock();
    const report = deriveStudyReport(record, asOf);
    const t4 = clock();
    await store.close();
    return {
      open: t1 - t0,
      read: t2 - t1,
      fold: t3 - t2,
      derive: t4 - t3,
      total: t4 - t0,
      events: events.length,
      hash: hashOf(report),
      rss: maxRssMiB(),
    };
  }
  // model: what the API does for a report as of now, on a read model a little behind the log
  const t0 = clock();
  const store = SqliteEventStore.open(a.db);
  const model = SqliteReadModel.open(a.readModel);
  const t1 = clock();
  const caughtUp = await new ReadModelProjector(store, model).catchUp();
  const t2 = clock();
  const row = await model.study(a.studyId);
  if (row === undefined) throw new Error(`no read-model row for ${a.studyId}`);
  const participants = await model.participants(a.studyId);
  const t3 = clock();
  const report = deriveStudyReport(studyFoldFrom(row, participants).record, canonicalRecordedAt(a.asOf));
  const t4 = clock();
  await model.close();
  await store.close();
  return {
    open: t1 - t0,
    catchUp: t2 - t1,
    load: t3 - t2,
    derive: t4 - t3,
    total: t4 - t0,
    caughtUp: caughtUp.eventsFolded,
    hash: hashOf(report),
    rss: maxRssMiB(),
  };
};

const inChild = (mode: Mode, args: ChildArgs): Promise<Measured> =>
  new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', mode, JSON.stringify(args)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Measured | undefined;
    child.on('message', (m) => (result = m as Measured));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && result ? resolve(result) : reject(new Error(`${mode} child exited ${code}`)),
    );
  });

// ---------------------------------------------------------------- parent: setup and table

interface Cohort {
  readonly name: string;
  readonly studyId: string;
  readonly lines: string[];
  readonly tail: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

const importInto = async (store: SqliteEventStore, lines: readonly string[]): Promise<number> => {
  const pipeline = new CommandPipeline(store, { now: () => new Date() });
  const summary = await importLines(lines, pipeline, {
    batch: (work) => store.inBatch(work),
  });
  if (summary.rejected > 0)
    throw new Error(`bench cohort had rejected lines: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  return summary.accepted;
};

/** End of the UTC day of the log's last line: the report is asked as of the end of the log. */
const endOfLog = (lines: readonly string[]): string => {
  const last = JSON.parse(lines.filter((l) => l.trim() !== '').at(-1) ?? '{}') as { recordedAt: string };
  return `${last.recordedAt.slice(0, 10)}T23:59:59Z`;
};

interface Result {
  cohort: Cohort;
  events: number;
  modelAt: number;
  modelMiB: number;
  setupSeconds: number;
  commands: number;
  fileMiB: number;
  runs: Record<Mode, Measured[]>;
}

const benchCohort = async (cohort: Cohort, runs: number): Promise<Result> => {
  const dir = mkdtempSync(join(tmpdir(), 'report-bench-'));
  try {
    const db = join(dir, 'ledger.db');
    const pristine = join(dir, 'pristine.projections.db');
    const lines = cohort.lines.filter((l) => l.trim() !== '');
    const head = lines.slice(0, lines.length - cohort.tail);
    const tail = lines.slice(lines.length - cohort.tail);

    const t0 = performance.now();
    const store = SqliteEventStore.open(db, { synchronous: 'OFF' });
    let commands = await importInto(store, head);
    // the read model caught up to here, then closed
    const model = SqliteReadModel.open(pristine);
    const modelAt = Number((await new ReadModelProjector(store, model).catchUp()).position);
    await model.close();
    const modelMiB = statSync(pristine).size / 1024 / 1024;
    commands += await importInto(store, tail);
    const events = Number(store.lastPosition());
    await store.close();
    const setupSeconds = (performance.now() - t0) / 1000;

    const args = { db, studyId: cohort.studyId, asOf: endOfLog(lines) };
    const out: Record<Mode, Measured[]> = { baseline: [], cold: [], model: [] };
    for (let r = 0; r < runs; r++) {
      for (const mode of ['baseline', 'cold', 'model'] as const) {
        const copy = join(dir, `run-${r}-${mode}.projections.db`);
        copyFileSync(pristine, copy);
        out[mode].push(await inChild(mode, { ...args, readModel: copy }));
        rmSync(copy, { force: true });
      }
    }
    const hashes = new Set([...out.cold, ...out.model].map((m) => m['hash']));
    if (hashes.size !== 1) throw new Error(`${cohort.name}: the modes gave different reports`);
    return {
      cohort,
      events,
      modelAt,
      modelMiB,
      setupSeconds,
      commands,
      fileMiB: statSync(db).size / 1024 / 1024,
      runs: out,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async () => {
  const quick = process.env['BENCH_QUICK'] === '1';
  const participants = Number(process.env['BENCH_REPORT_PARTICIPANTS'] ?? (quick ? 500 : 10_000));
  const runs = Math.max(1, Number(process.env['BENCH_REPORT_RUNS'] ?? (quick ? 1 : 3)));
  const tailCommands = Number(process.env['BENCH_REPORT_TAIL'] ?? 1000);
  const example = splitLines(readFileSync(join(__dirname, '../../examples/msc-spine-cohort.ndjson'), 'utf8'));
  const large = largeCohort(participants);
  const cohorts: Cohort[] = [
    // the example has 522 commands: its last 10% come after the read model's position
    {
      name: 'example MSC-SPINE-1 (48 participants)',
      studyId: 'MSC-SPINE-1',
      lines: example,
      tail: Math.min(tailCommands, Math.floor(example.length / 10)),
    },
    {
      name: `generated LARGE (${participants} participants)`,
      studyId: 'LARGE',
      lines: large,
      tail: Math.min(tailCommands, Math.floor(large.length / 10)),
    },
  ];
  const results: Result[] = [];
  for (const c of cohorts) results.push(await benchCohort(c, runs));

  const ms = (rs: Measured[], key: string): number => Number(median(rs.map((m) => Number(m[key]))).toFixed(1));
  const peak = (rs: Measured[]): number => Math.round(Math.max(...rs.map((m) => Number(m['rss']))));
  console.log(`\nStudy report timings, ms: median of ${runs} fresh processes per cell (OS page cache warm)`);
  console.log("\n(a) cold start: open the store, read the study's events, fold, derive");
  console.table(
    results.map((r) => ({
      cohort: r.cohort.name,
      events: r.events,
      'read+JSON.parse floor': ms(r.runs.baseline, 'readParse'),
      open: ms(r.runs.cold, 'open'),
      read: ms(r.runs.cold, 'read'),
      fold: ms(r.runs.cold, 'fold'),
      derive: ms(r.runs.cold, 'derive'),
      total: ms(r.runs.cold, 'total'),
      'total / floor': Number((ms(r.runs.cold, 'total') / ms(r.runs.baseline, 'readParse')).toFixed(2)),
      'peak RSS MiB (floor / cold)': `${peak(r.runs.baseline)} / ${peak(r.runs.cold)}`,
    })),
  );
  console.log('\n(b) from the read model, caught up before the last commands were appended');
  console.table(
    results.map((r) => ({
      cohort: r.cohort.name,
      'model at event': r.modelAt,
      'commands after it': r.cohort.tail,
      'events caught up': Number(r.runs.model[0]?.['caughtUp'] ?? NaN),
      'model file MiB': Number(r.modelMiB.toFixed(1)),
      open: ms(r.runs.model, 'open'),
      'catch-up (read, fold, commit)': ms(r.runs.model, 'catchUp'),
      'load rows': ms(r.runs.model, 'load'),
      derive: ms(r.runs.model, 'derive'),
      total: ms(r.runs.model, 'total'),
      'total / cold': Number((ms(r.runs.model, 'total') / ms(r.runs.cold, 'total')).toFixed(2)),
      'peak RSS MiB': peak(r.runs.model),
    })),
  );
  console.log(
    "\nSetup, not timed above: each cohort imported through the ledger's CommandPipeline with the CLI's batched import " +
      '(commit per 500 lines) into a SQLite store opened with synchronous=OFF:',
  );
  for (const r of results)
    console.log(
      `  ${r.cohort.name}: ${r.commands} commands, ${r.events} events, ledger file ${r.fileMiB.toFixed(1)} MiB, setup ${r.setupSeconds.toFixed(1)} s (import + first catch-up of the read model)`,
    );
  console.log('Every mode gave the same report (sha256 of its canonical JSON).');
  console.log(`parent peak RSS ${Math.round(maxRssMiB())} MiB (includes the setup imports)`);
};

if (process.argv[2] === '--child') {
  const mode = process.argv[3] as Mode;
  const args = JSON.parse(process.argv[4] ?? '{}') as ChildArgs;
  measure(mode, args).then(
    (m) => process.send?.(m, () => process.exit(0)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
