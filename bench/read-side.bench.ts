/**
 * The read side (libs/read-model) against its targets (issue 13), every baseline measured in the
 * same run, printed as one table:
 *
 * 1. worker catch-up: ReadModelProjector.catchUp() from an empty model over the whole bench ledger
 *    (300,000 events), in events/s; the target is the event rate of 1,000 commands/s, at the
 *    events per command of the imported cohort;
 * 2. checkpoint cost: the time and the bytes written per page commit (the last pages of that
 *    catch-up, the pages that also keep a snapshot, and the page that folds 2,000 commands
 *    appended once the model is caught up), beside the size of the whole model;
 * 3. reads under load: ReadSide.roster and ReadSide.participant as of now, in a loop, while a
 *    writer appends commands through CommandPipeline at a steady rate and a worker keeps the model,
 *    beside the same reads with no writer and the writer with no reader;
 * 4. the study report as of past instants, on the bench ledger: ReadSide.report (nearest snapshot +
 *    the study's later events), beside a raw scan of the study's events (readAllEvents, no fold) and
 *    the old way (readStudyEvents + computeStudyReport from the first event);
 * 5. the peak RSS of a process that catches up a read model over a 1,000,000-event ledger, and of
 *    one that then serves a roster, a participant and a past-instant report from it.
 *
 * Every measurement runs in a child process (read-side-child.ts): its own JIT, heap, statement
 * cache and peak RSS. The writer, the worker and the reader of (3) are three processes, as the API
 * (commands), the worker and another API instance (reads) would be. Targets are printed beside the
 * numbers; nothing is asserted but that the read side's reports equal the old way's. The machine
 * is shared: the load average is printed.
 *
 *   npm run bench                         (after the other benches)
 *   npm run build && node dist/bench/read-side.bench.js
 *                                         about 10 minutes on 2 cores, 6 of them the 1M-event catch-up
 *   BENCH_QUICK=1                         30,000 events, 100,000 for the RSS rows, 2 s windows (under a minute)
 *   BENCH_READ_EVENTS=300000              the bench ledger
 *   BENCH_READ_BIG_EVENTS=1000000         the RSS row's ledger (0: skip the row)
 *   BENCH_READ_BIG_SECONDS=0              a time cap on that catch-up (0: none); a capped row says how far it got
 *   BENCH_READ_TEMPLATE=1000              participants of the imported template cohort (large-cohort.ts, ~30 commands each)
 *   BENCH_READ_RATE=1000                  the writer's steady command rate in (3), commands/s
 *   BENCH_READ_SECONDS=8                  each window of (3)
 *   BENCH_READ_APPEND=2000                commands appended for the incremental page of (2)
 *   BENCH_READ_RUNS=3                     runs of (4), median printed
 *   LEDGER_SNAPSHOT_EVERY=20000           the read model's snapshot interval (the projector's default)
 */
import Database from 'better-sqlite3';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SNAPSHOT_EVERY } from '../libs/read-model/src';
import type {
  CatchUpArgs,
  CatchUpResult,
  CommitSample,
  Mode,
  ReaderArgs,
  ReaderResult,
  ReadsOnceArgs,
  ReadsOnceResult,
  ReportArgs,
  ReportResult,
  WorkerResult,
  WriterArgs,
  WriterResult,
} from './read-side-child';
import { BIG_STUDY, buildBenchLedger, copyBigLedger, importTemplate, loadOf } from './read-side-ledgers';
import { int, markdownTable, mark, mib, ms, ratio } from './write-side/report-table';

const env = process.env;
const QUICK = env['BENCH_QUICK'] === '1';
const num = (name: string, normal: number, quick: number): number => {
  const given = Number(env[name]);
  return env[name] !== undefined && Number.isFinite(given) && given >= 0 ? given : QUICK ? quick : normal;
};
const CONFIG = {
  events: num('BENCH_READ_EVENTS', 300_000, 30_000),
  bigEvents: num('BENCH_READ_BIG_EVENTS', 1_000_000, 100_000),
  templateParticipants: num('BENCH_READ_TEMPLATE', 1000, 100),
  rate: num('BENCH_READ_RATE', 1000, 1000),
  seconds: num('BENCH_READ_SECONDS', 8, 2),
  append: num('BENCH_READ_APPEND', 2000, 2000),
  runs: Math.max(1, num('BENCH_READ_RUNS', 3, 1)),
  /** 0: none. */
  bigSeconds: num('BENCH_READ_BIG_SECONDS', 0, 0),
};
/** The issue's target: the worker keeps up with this many commands/s. */
const TARGET_COMMANDS = 1000;
const RSS_TARGET_MIB = 1024;
const REPORT_TARGET = 2;
/** Pages of the catch-up's end whose commits are summarised. */
const LAST_PAGES = 10;

const CHILD = join(__dirname, 'read-side-child.js');
const log = (line: string) => process.stderr.write(`[read-side bench] ${line}\n`);
const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

// ---------------------------------------------------------------- children

const running = new Set<ChildProcess>();

interface Child<R> {
  readonly ready: Promise<unknown>;
  go(): void;
  send(message: object): void;
  readonly result: Promise<R>;
}

const child = <R>(mode: Mode, args: object): Child<R> => {
  const proc = fork(CHILD, [mode, JSON.stringify(args)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  running.add(proc);
  let isReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (isReady = resolve));
  const result = new Promise<R>((resolve, reject) => {
    let value: R | undefined;
    proc.on('message', (m: { ready?: boolean; result?: R }) => {
      if (m.ready) isReady();
      else if (m.result !== undefined) value = m.result;
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      running.delete(proc);
      if (code === 0 && value !== undefined) resolve(value);
      else reject(new Error(`${mode} child exited ${code}`));
    });
  });
  result.catch(() => undefined); // handled where it is awaited; not an unhandled rejection meanwhile
  return {
    ready: Promise.race([ready, result]),
    go: () => proc.send({ go: true }),
    send: (message) => proc.send(message),
    result,
  };
};

/** Starts the children together, once every one of them is set up. */
const start = async (children: readonly Child<unknown>[]): Promise<void> => {
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.go();
};

const one = async <R>(mode: Mode, args: object): Promise<R> => {
  const c = child<R>(mode, args);
  await start([c]);
  return c.result;
};

/** A reader, a writer, or both, started together. */
const windowOf = async (
  name: string,
  reader: Child<ReaderResult> | undefined,
  writer: Child<WriterResult> | undefined,
): Promise<Window> => {
  await start([reader, writer].filter((c) => c !== undefined));
  return { name, reader: await reader?.result, writer: await writer?.result };
};

// ---------------------------------------------------------------- figures

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

const commitSummary = (commits: readonly CommitSample[]) => ({
  n: commits.length,
  ms: median(commits.map((c) => c.ms)),
  maxMs: Math.max(...commits.map((c) => c.ms)),
  bytes: median(commits.map((c) => c.bytes)),
  rows: median(commits.map((c) => c.rows)),
  events: median(commits.map((c) => c.events)),
});

interface ModelSize {
  readonly fileBytes: number;
  readonly rowBytes: number;
  readonly rows: number;
  readonly snapshots: number;
  readonly snapshotBytes: number;
  readonly lastSnapshotBytes: number;
}

const modelSize = (path: string): ModelSize => {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT count(*) AS n, coalesce(sum(length(state)), 0) AS bytes FROM read_participants')
      .get() as { n: number; bytes: number };
    // A snapshot is its study row plus the participant versions written at its position.
    const snaps = db
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(length(study)), 0) +
           (SELECT coalesce(sum(length(state)), 0) FROM read_versions) AS bytes FROM read_snapshots`,
      )
      .get() as { n: number; bytes: number };
    const last = db
      .prepare(
        `SELECT length(s.study) + (SELECT coalesce(sum(length(v.state)), 0) FROM read_versions v
           WHERE v.study_id = s.study_id AND v.position = s.position) AS bytes
         FROM read_snapshots s ORDER BY s.position DESC LIMIT 1`,
      )
      .get() as { bytes: number } | undefined;
    return {
      fileBytes: size(path) + size(`${path}-wal`),
      rowBytes: rows.bytes,
      rows: rows.n,
      snapshots: snaps.n,
      snapshotBytes: snaps.bytes,
      lastSnapshotBytes: last?.bytes ?? 0,
    };
  } finally {
    db.close();
  }
};

interface PastInstant {
  readonly name: string;
  readonly instant: string;
  readonly snapshotAt: number;
  readonly tail: number;
}

/**
 * Two past instants in the snapshot interval at two thirds of the log: halfway through it, and
 * just before its end (the next snapshot, or the log's head): the most a past read folds.
 */
const pastInstants = (ledger: string, model: string, studyId: string, events: number): PastInstant[] => {
  const log = new Database(ledger, { readonly: true });
  const rm = new Database(model, { readonly: true });
  try {
    const snapshots = rm
      .prepare('SELECT position, last_recorded_at AS at FROM read_snapshots WHERE study_id = ? ORDER BY position')
      .all(studyId) as { position: number; at: string }[];
    const at = (position: number) =>
      (log.prepare('SELECT recorded_at AS at FROM events WHERE position = ?').get(position) as { at: string }).at;
    const twoThirds = Math.round((2 * events) / 3);
    const start = [...snapshots].reverse().find((s) => s.position <= twoThirds)?.position ?? 0;
    const end = snapshots.find((s) => s.position > twoThirds)?.position ?? events + 1;
    // the last instant before the end's recorded time (the next snapshot's, or the head's)
    const before = (
      log
        .prepare('SELECT max(recorded_at) AS at FROM events WHERE study_id = ? AND recorded_at < ?')
        .get(studyId, at(Math.min(end, events))) as { at: string }
    ).at;
    const described = (name: string, instant: string): PastInstant => {
      const snapshotAt = [...snapshots].reverse().find((s) => s.at <= instant)?.position ?? 0;
      const { n } = log
        .prepare('SELECT count(*) AS n FROM events WHERE study_id = ? AND position > ? AND recorded_at <= ?')
        .get(studyId, snapshotAt, instant) as { n: number };
      return { name, instant, snapshotAt, tail: n };
    };
    return [
      described('halfway between snapshots', at(Math.round((start + end) / 2))),
      described('just before the next snapshot (worst case)', before),
    ];
  } finally {
    log.close();
    rm.close();
  }
};

/** Some participants of the study, spread over the roster. */
const someParticipants = (model: string, studyId: string, n: number): string[] => {
  const db = new Database(model, { readonly: true });
  try {
    const ids = (
      db.prepare('SELECT participant_id AS id FROM read_participants WHERE study_id = ? ORDER BY seq').all(studyId) as {
        id: string;
      }[]
    ).map((r) => r.id);
    const step = Math.max(1, Math.floor(ids.length / n));
    return ids.filter((_, i) => i % step === 0).slice(0, n);
  } finally {
    db.close();
  }
};

// ---------------------------------------------------------------- the run

interface Window {
  readonly name: string;
  readonly reader?: ReaderResult;
  readonly writer?: WriterResult;
}

const main = async () => {
  const loadBefore = load();
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'read-side-bench-'));
  const interrupted = () => {
    for (const p of running) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const notes: string[] = [];
  try {
    // -------- setup: the template cohort, the bench ledger, the load
    const windows = 3;
    const needed = CONFIG.append + windows * CONFIG.rate * CONFIG.seconds;
    const heldBack = Math.min(0.5, (1.3 * needed) / (CONFIG.events + needed));
    log(`template: largeCohort(${CONFIG.templateParticipants}) imported, ${(heldBack * 100).toFixed(0)}% held back`);
    const template = await importTemplate(join(dir, 'template.db'), CONFIG.templateParticipants, heldBack);
    const perCommand = template.events.length / template.commands;
    log(`bench ledger: ${int(CONFIG.events)} events`);
    const ledger = join(dir, 'ledger.db');
    const built = await buildBenchLedger(ledger, template, CONFIG.events);
    const events = built.events;
    const loadFile = join(dir, 'load.ndjson');
    const envelopes = loadOf(template, built.copies);
    writeFileSync(loadFile, envelopes.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const setupSeconds = (performance.now() - t0) / 1000;

    // -------- 1, 2: catch-up from empty, page commits, then a page of appended commands
    const model = join(dir, 'ledger.projections.db');
    log(`catch-up of ${int(events)} events from an empty read model`);
    const caught = await one<CatchUpResult>('catch-up', {
      ledger,
      model,
      append: CONFIG.append,
      loadFile,
    } satisfies CatchUpArgs);
    let cursor = CONFIG.append;
    const size = modelSize(model);
    const rate = caught.events / caught.seconds;
    const targetRate = TARGET_COMMANDS * perCommand;
    const plain = caught.commits.filter((c) => !c.snapshot);
    const lastPages = commitSummary(plain.slice(-LAST_PAGES));
    const firstPages = commitSummary(plain.slice(0, LAST_PAGES));
    const snapshotPages = caught.commits.filter((c) => c.snapshot);
    const lastSnapshot = snapshotPages.at(-1);
    // the rate over the last tenth of the log: from the commit before it to the last commit
    const tenthFrom = caught.commits.findIndex((c) => c.to > events * 0.9);
    const tenthStart = tenthFrom > 0 ? (caught.commits[tenthFrom - 1] as CommitSample) : undefined;
    const lastCommit = caught.commits.at(-1);
    const lastTenthRate =
      tenthStart && lastCommit ? ((lastCommit.to - tenthStart.to) / (lastCommit.at - tenthStart.at)) * 1000 : NaN;
    const appendedPage = caught.appended ? commitSummary(caught.appended.commits) : undefined;

    // -------- 4: reports as of past instants
    const instants = pastInstants(ledger, model, BIG_STUDY, events);
    log(`reports as of ${instants.length} past instants, ${CONFIG.runs} run(s)`);
    const reports = await one<ReportResult>('report', {
      ledger,
      model,
      studyId: BIG_STUDY,
      instants: instants.map((i) => i.instant),
      runs: CONFIG.runs,
    } satisfies ReportArgs);
    if (reports.same.some((same) => !same)) {
      process.exitCode = 1;
      notes.push('ERROR: the read side and the old way gave different reports at some instant');
    }

    // -------- 3: reads under load, with the worker keeping the model
    log(`reads and writes, ${CONFIG.seconds} s windows (worker running)`);
    const participantIds = someParticipants(model, BIG_STUDY, 1000);
    const worker = child<WorkerResult>('worker', { ledger, model, intervalMs: 20 });
    await worker.ready;
    worker.go();
    const reader = (kind: ReaderArgs['kind']) =>
      child<ReaderResult>('reader', {
        ledger,
        model,
        studyId: BIG_STUDY,
        kind,
        seconds: CONFIG.seconds,
        participantIds,
      } satisfies ReaderArgs);
    // each writer goes on where the one before it stopped: the load's commands in their order
    const writer = () =>
      child<WriterResult>('writer', {
        ledger,
        loadFile,
        from: cursor,
        rate: CONFIG.rate,
        seconds: CONFIG.seconds,
        maxInFlight: 500,
      } satisfies WriterArgs);
    const w: Window[] = [];
    const windowDone = (x: Window) => {
      w.push(x);
      cursor += x.writer?.issued ?? 0;
    };
    windowDone(await windowOf('roster, no writer', reader('roster'), undefined));
    windowDone(await windowOf('participant, no writer', reader('participant'), undefined));
    windowDone(await windowOf('writer alone', undefined, writer()));
    windowDone(await windowOf('roster under load', reader('roster'), writer()));
    windowDone(await windowOf('participant under load', reader('participant'), writer()));
    worker.send({ stop: true });
    const workerResult = await worker.result;
    const win = (name: string) => w.find((x) => x.name === name) as Window;

    // -------- 5: peak RSS over the big ledger
    let big:
      | {
          events: number;
          copies: number;
          buildSeconds: number;
          run: CatchUpResult;
          reads?: ReadsOnceResult & { instant: PastInstant };
        }
      | string = 'skipped (BENCH_READ_BIG_EVENTS=0)';
    if (CONFIG.bigEvents > 0) {
      try {
        log(`big ledger: ${int(CONFIG.bigEvents)} events (SQL copy of the bench ledger)`);
        const bigLedger = join(dir, 'big.db');
        const copied = await copyBigLedger(ledger, events, bigLedger, CONFIG.bigEvents);
        log(`big ledger: ${int(copied.events)} events in ${copied.seconds.toFixed(0)} s; catch-up`);
        const run = await one<CatchUpResult>('catch-up', {
          ledger: bigLedger,
          model: join(dir, 'big.projections.db'),
          append: 0,
          capSeconds: CONFIG.bigSeconds,
        } satisfies CatchUpArgs);
        big = { events: copied.events, copies: copied.copies, buildSeconds: copied.seconds, run };
        if (!run.capped) {
          // what an API process holds to serve the reads of that ledger
          log('big ledger: a roster, a participant and a past-instant report in one process');
          const bigModel = join(dir, 'big.projections.db');
          const instant = pastInstants(bigLedger, bigModel, BIG_STUDY, copied.events)[1] as PastInstant;
          const reads = await one<ReadsOnceResult>('reads-once', {
            ledger: bigLedger,
            model: bigModel,
            studyId: BIG_STUDY,
            participantId: someParticipants(bigModel, BIG_STUDY, 1)[0] as string,
            instant: instant.instant,
          } satisfies ReadsOnceArgs);
          big = { ...big, reads: { ...reads, instant } };
        }
        rmSync(bigLedger, { force: true });
      } catch (error) {
        process.exitCode = 1;
        big = `failed: ${describe(error)}`;
      }
    }

    // -------- the table
    const header = ['measure', 'result', 'baseline (same run)', 'ratio', 'target', 'mark'];
    const rows: string[][] = [];
    const row = (measure: string, result: string, baseline = '', r = '', target = '', m = '') =>
      rows.push([measure, result, baseline, r, target, m]);
    row(
      `1. worker catch-up from an empty model, ${int(events)} events`,
      `${int(rate)} events/s (${int(rate / perCommand)} commands/s), ${caught.seconds.toFixed(1)} s`,
      `1,000 commands/s x ${perCommand.toFixed(3)} events/command`,
      `${ratio(rate / targetRate)} of target`,
      `>= ${int(targetRate)} events/s`,
      mark(rate >= targetRate),
    );
    row(
      `   the same, over the last 10% of the log only (the study at its largest)`,
      `${int(lastTenthRate)} events/s`,
      '',
      `${ratio(lastTenthRate / targetRate)} of target`,
      `>= ${int(targetRate)} events/s`,
      mark(lastTenthRate >= targetRate),
    );
    row(
      `2. page commit, last ${lastPages.n} pages of the catch-up (no snapshot)`,
      `${ms(lastPages.ms)} ms (max ${ms(lastPages.maxMs)}), ${mib(lastPages.bytes)} written, ${int(lastPages.rows)} rows, ${int(lastPages.events)} events`,
      `whole model: ${mib(size.fileBytes)} file, ${mib(size.rowBytes)} of ${int(size.rows)} rows`,
      `${ratio(lastPages.bytes / size.fileBytes)} of file`,
      '< 1 (only what changed)',
      mark(lastPages.bytes < size.fileBytes),
    );
    row(
      `   page commit, first ${firstPages.n} pages of the catch-up (no snapshot)`,
      `${ms(firstPages.ms)} ms, ${mib(firstPages.bytes)} written, ${int(firstPages.rows)} rows`,
    );
    if (lastSnapshot !== undefined)
      row(
        `   page commit with a snapshot (${snapshotPages.length} in the catch-up; the last, at event ${int(lastSnapshot.to)})`,
        `${ms(lastSnapshot.ms)} ms, ${mib(lastSnapshot.bytes)} written, ${int(lastSnapshot.rows)} rows`,
        `snapshot ${mib(size.lastSnapshotBytes)} of study row and changed participants; ${size.snapshots} kept, ${mib(size.snapshotBytes)} in all`,
        `${ratio(lastSnapshot.bytes / size.fileBytes)} of file`,
      );
    if (caught.appended && appendedPage)
      row(
        `   ${int(caught.appended.commands)} commands appended once caught up (${int(caught.appended.events)} events), then caught up`,
        `${appendedPage.n} page(s): ${ms(appendedPage.ms)} ms, ${mib(appendedPage.bytes)} written, ${int(appendedPage.rows)} rows; catch-up ${ms(caught.appended.seconds * 1000)} ms`,
        `whole model ${mib(size.fileBytes)}`,
        `${ratio(appendedPage.bytes / size.fileBytes)} of file`,
        '< 1 (only what changed)',
        mark(appendedPage.bytes < size.fileBytes),
      );
    const readsPerSec = (r?: ReaderResult) => (r ? r.reads / r.seconds : NaN);
    const cmdsPerSec = (x?: WriterResult) => (x ? x.accepted / x.seconds : NaN);
    const readRow = (kind: 'roster' | 'participant') => {
      const idle = win(`${kind}, no writer`).reader;
      const loaded = win(`${kind} under load`);
      const r = loaded.reader;
      row(
        `3. ReadSide.${kind}(as of now) under load${kind === 'roster' ? ` (${int(r?.rosterSize ?? NaN)} participants)` : ''}`,
        `${readsPerSec(r).toFixed(1)} reads/s (p50 ${ms(r?.p50 ?? NaN)} ms, p99 ${ms(r?.p99 ?? NaN)} ms; ${int(r?.snapshotReads ?? NaN)} via a snapshot), beside ${int(cmdsPerSec(loaded.writer))} commands/s`,
        `no writer: ${readsPerSec(idle).toFixed(1)} reads/s (p50 ${ms(idle?.p50 ?? NaN)} ms)`,
        `${ratio(readsPerSec(r) / readsPerSec(idle))} of idle`,
      );
    };
    readRow('roster');
    readRow('participant');
    const alone = win('writer alone').writer;
    const underLoad = [win('roster under load').writer, win('participant under load').writer];
    row(
      `   writer: CommandPipeline (HTTP door, SQLite synchronous=FULL), asked ${int(CONFIG.rate)} commands/s`,
      `under load ${underLoad.map((x) => int(cmdsPerSec(x))).join(' / ')} commands/s (p99 ${underLoad.map((x) => ms(x?.p99 ?? NaN)).join(' / ')} ms)`,
      `alone: ${int(cmdsPerSec(alone))} commands/s (p99 ${ms(alone?.p99 ?? NaN)} ms)`,
    );
    const lagTarget = TARGET_COMMANDS * perCommand;
    row(
      `   worker (catchUp every 20 ms) during the writer windows: largest lag behind the log`,
      `${int(workerResult.maxLag)} events (${int(workerResult.folded)} folded, ${int(workerResult.loops)} loops)`,
      `one second of the writer: ${int(lagTarget)} events`,
      '',
      `< 1 s of 1,000 commands/s`,
      mark(workerResult.maxLag < lagTarget),
    );
    const raw = median(reports.raw);
    instants.forEach((p, i) => {
      const served = median(reports.readSide[i] ?? []);
      row(
        `4. ReadSide.report as of a past instant, ${p.name}: snapshot at event ${int(p.snapshotAt)} + ${int(p.tail)} events`,
        `${ms(served)} ms`,
        `raw scan of the study (readAllEvents, ${int(reports.rawEvents)} events, no fold): ${ms(raw)} ms`,
        `${ratio(served / raw)} of raw`,
        `<= ${ratio(REPORT_TARGET)} of raw`,
        mark(served <= REPORT_TARGET * raw),
      );
      const old = median(reports.oldWay[i] ?? []);
      row(
        `   the old way at that instant: readStudyEvents + computeStudyReport (${int(reports.oldWayEvents[i] ?? NaN)} events)`,
        `${ms(old)} ms`,
        '',
        `${ratio(old / raw)} of raw`,
        '',
        reports.same[i] ? '' : 'DIFFERENT REPORT',
      );
    });
    if (typeof big === 'string') row('5. peak RSS, catch-up over the big ledger', big);
    else {
      const bigRss = big.run.rssMiB;
      const whole = !big.run.capped && big.run.events >= 1_000_000;
      row(
        `5. peak RSS of a process catching up ${int(big.run.events)} events from an empty model` +
          (big.run.capped ? ` (time cap: stopped before the ${int(big.events)}-event head)` : ''),
        `${int(bigRss)} MiB (catch-up ${int(big.run.events / big.run.seconds)} events/s, ${big.run.seconds.toFixed(0)} s; ` +
          `slowest page commit ${int(Math.max(...big.run.commits.map((c) => c.ms)))} ms)`,
        `at ${int(events)} events: ${int(caught.rssMiB)} MiB`,
        '',
        `<= ${int(RSS_TARGET_MIB)} MiB at 1M`,
        // RSS only grows with the catch-up: over the target early is a miss already
        bigRss > RSS_TARGET_MIB ? 'MISS' : whole ? 'pass' : '(not at 1M)',
      );
      const reads = big.reads;
      if (reads !== undefined)
        row(
          `   peak RSS of a process serving, on that ledger, a roster (${int(reads.rosterSize)} participants), a participant ` +
            `and a report as of a past instant (snapshot at event ${int(reads.instant.snapshotAt)} + ${int(reads.instant.tail)} events)`,
          `${int(reads.rssMiB)} MiB (roster ${ms(reads.rosterMs)} ms, participant ${ms(reads.participantMs)} ms, report ${ms(reads.reportMs)} ms)`,
          '',
          '',
          `<= ${int(RSS_TARGET_MIB)} MiB at 1M`,
          whole ? mark(reads.rssMiB <= RSS_TARGET_MIB) : reads.rssMiB > RSS_TARGET_MIB ? 'MISS' : '(not at 1M)',
        );
    }
    const peak = (xs: readonly (number | undefined)[]) =>
      int(Math.max(...xs.filter((x): x is number => x !== undefined)));
    const readers = (kind: string) => w.filter((x) => x.name.startsWith(kind)).map((x) => x.reader?.rssMiB);
    row(
      `   peak RSS of every other process, ${int(events)}-event ledger`,
      `catch-up ${int(caught.rssMiB)} MiB, worker ${int(workerResult.rssMiB)} MiB, roster reader ${peak(readers('roster'))} MiB, ` +
        `participant reader ${peak(readers('participant'))} MiB, writer ${peak(w.map((x) => x.writer?.rssMiB))} MiB`,
      `report child ${int(reports.rssMiB)} MiB (it also holds the raw scan's and the old way's events)`,
    );
    console.log(
      `\nThe read side against its targets (${QUICK ? 'BENCH_QUICK' : 'full'} run; every baseline measured in this run)\n`,
    );
    console.log(markdownTable(header, rows));
    const rejected = w.reduce((a, x) => a + (x.writer?.rejected ?? 0), 0) + (caught.appended?.rejected ?? 0);
    const rejections: Record<string, number> = {};
    for (const r of [caught.appended?.rejections, ...w.map((x) => x.writer?.rejections)])
      for (const [k, v] of Object.entries(r ?? {})) rejections[k] = (rejections[k] ?? 0) + v;
    console.log(
      `\n${cpus().length} cores (load average ${loadBefore} at the start, ${load()} at the end: other work on the machine skews every row), Node ${process.version}. ` +
        `Ledger: largeCohort(${CONFIG.templateParticipants}) imported through CommandPipeline (${int(template.commands)} commands, ` +
        `${int(template.events.length)} events: ${perCommand.toFixed(3)} events per command, ${template.seconds.toFixed(0)} s), ` +
        `copied by buildLedger to ${int(built.copies)} participants each in study ${BIG_STUDY}: ${int(events)} events (${built.seconds.toFixed(0)} s); ` +
        `setup ${setupSeconds.toFixed(0)} s. Read model: SqliteReadModel, page of 2,000 events, snapshot every ${int(DEFAULT_SNAPSHOT_EVERY)} events of a study. ` +
        `Bytes written: the child's wchar (/proc/self/io) across the commit, WAL frames and WAL checkpoints included. ` +
        `(3): ${CONFIG.seconds} s windows; reader, writer and worker are three processes; the load is the cohort's held-back ` +
        `last commands copied to the same participants, sent through the HTTP door (recordedAt = now), at most 500 in flight; ` +
        `${int(rejected)} rejected${rejected > 0 ? ` (${JSON.stringify(rejections)})` : ''}. ` +
        `(4): median of ${CONFIG.runs} run(s) in one process; the read side's report equals the old way's at every instant` +
        `${reports.same.every((s) => s) ? '' : ' EXCEPT where marked'}. ` +
        (typeof big === 'string'
          ? ''
          : `(5): ${int(big.events)} events, the bench ledger's copied to ${big.copies} participants each in SQL, interleaved (${big.buildSeconds.toFixed(0)} s to build). `) +
        `Total ${((performance.now() - t0) / 1000).toFixed(0)} s.`,
    );
    for (const n of notes) console.log(n);
  } finally {
    for (const p of running) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
