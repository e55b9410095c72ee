/**
 * One measurement of the read-side bench, in a process of its own (no JIT, heap or statement
 * cache shared with the others, and its own peak RSS). The parent forks this file with a mode and
 * its arguments as JSON; the child answers `{ ready }` once set up, starts on `{ go }`, and sends
 * its result (a worker runs until `{ stop }`).
 *
 *   catch-up  ReadModelProjector.catchUp() from the model's position to the log's head, every page
 *             commit timed with the bytes the process wrote meanwhile; then, optionally, commands
 *             appended through CommandPipeline and one more catch-up (the incremental page).
 *   report    ReadSide.report at past instants, beside a raw scan of the study and the old way.
 *   worker    catchUp() in a loop, as the worker keeps the model, sampling its lag behind the log.
 *   reader    ReadSide.roster or ReadSide.participant as of now, in a loop, for a given time.
 *   writer    commands through CommandPipeline's HTTP door at a steady rate, for a given time.
 *   reads-once  one roster, one participant and one past-instant report, as an API process would
 *             serve them, each timed, and the process's peak RSS.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore } from '../libs/event-store/src';
import { CommandPipeline, type Door } from '../libs/ledger/src';
import { computeStudyReport, readStudyEvents, type StudyReport } from '../libs/projections/src';
import {
  ReadModelProjector,
  ReadSide,
  resolveAsOf,
  SqliteReadModel,
  type ReadModelPage,
  type ReadModelStore,
} from '../libs/read-model/src';
import { canonicalJson, type Role } from '../libs/trial-domain/src';
import type { LoadEnvelope } from './read-side-ledgers';

export type Mode = 'catch-up' | 'report' | 'worker' | 'reader' | 'writer' | 'reads-once';

export interface CommitSample {
  readonly ms: number;
  /** Bytes the process wrote (write(2) and friends) during the commit: WAL frames, checkpoints. */
  readonly bytes: number;
  readonly rows: number;
  readonly events: number;
  readonly snapshot: boolean;
  readonly to: number;
  /** performance.now() at the commit's end (the catch-up answers it in ms since its start). */
  readonly at: number;
}

export interface CatchUpArgs {
  readonly ledger: string;
  readonly model: string;
  /** Commands of the load file to append once caught up (0: none), and the next catch-up timed. */
  readonly append: number;
  readonly loadFile?: string;
  /** Stop after the first page committed past this many seconds (the catch-up is then partial). */
  readonly capSeconds?: number;
}

export interface CatchUpResult {
  readonly events: number;
  readonly seconds: number;
  /** The time cap stopped the catch-up before the log's head. */
  readonly capped: boolean;
  readonly commits: CommitSample[];
  readonly appended?: {
    commands: number;
    rejected: number;
    rejections: Record<string, number>;
    events: number;
    seconds: number;
    commits: CommitSample[];
  };
  readonly rssMiB: number;
}

export interface ReportArgs {
  readonly ledger: string;
  readonly model: string;
  readonly studyId: string;
  readonly instants: readonly string[];
  readonly runs: number;
}

export interface ReportResult {
  /** ms per run: raw scan, then per instant the read side and the old way. */
  readonly raw: number[];
  readonly rawEvents: number;
  readonly readSide: number[][];
  readonly oldWay: number[][];
  readonly oldWayEvents: number[];
  readonly same: boolean[];
  readonly rssMiB: number;
}

export interface ReaderArgs {
  readonly ledger: string;
  readonly model: string;
  readonly studyId: string;
  readonly kind: 'roster' | 'participant';
  readonly seconds: number;
  readonly participantIds: readonly string[];
}

export interface ReaderResult {
  readonly reads: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  /** Reads that went to a snapshot and folded a tail (a command landed after the read's "now"). */
  readonly snapshotReads: number;
  readonly rosterSize: number;
  readonly rssMiB: number;
}

export interface WriterArgs {
  readonly ledger: string;
  readonly loadFile: string;
  readonly from: number;
  readonly rate: number;
  readonly seconds: number;
  readonly maxInFlight: number;
}

export interface WriterResult {
  readonly issued: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly rejections: Record<string, number>;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly rssMiB: number;
}

export interface ReadsOnceArgs {
  readonly ledger: string;
  readonly model: string;
  readonly studyId: string;
  readonly participantId: string;
  readonly instant: string;
}

export interface ReadsOnceResult {
  readonly rosterMs: number;
  readonly rosterSize: number;
  readonly participantMs: number;
  readonly reportMs: number;
  readonly rssMiB: number;
}

export interface WorkerResult {
  readonly loops: number;
  readonly folded: number;
  readonly maxLag: number;
  readonly rssMiB: number;
}

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

/** Bytes this process has written through write(2) and the like (Linux; NaN elsewhere). */
const written = (): number => {
  try {
    const line = readFileSync('/proc/self/io', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('wchar:'));
    return line === undefined ? NaN : Number(line.slice(6));
  } catch {
    return NaN;
  }
};

const quantile = (xs: readonly number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** Thrown out of a commit (once it is done) when the catch-up's time is up. */
class Capped extends Error {}

/**
 * The model, every commit timed and the reads that went to a snapshot counted; everything else
 * passed through as it is (a Proxy, so that the port may grow without this bench changing).
 */
const observed = (inner: ReadModelStore, deadline: () => number = () => Infinity) => {
  const stats = { commits: [] as CommitSample[], snapshotReads: 0 };
  const commit = async (page: ReadModelPage): Promise<boolean> => {
    const w0 = written();
    const t0 = performance.now();
    const ok = await inner.commit(page);
    const ms = performance.now() - t0;
    if (ok)
      stats.commits.push({
        ms,
        bytes: written() - w0,
        rows: page.participants.length + page.studies.length,
        events: (page as { folded?: number }).folded ?? Number(page.to - page.from),
        snapshot: page.snapshotStudies.length > 0,
        to: Number(page.to),
        at: performance.now(),
      });
    if (ok && performance.now() > deadline()) throw new Capped();
    return ok;
  };
  const nearestSnapshot: ReadModelStore['nearestSnapshot'] = (studyId, asOf) => {
    stats.snapshotReads++;
    return inner.nearestSnapshot(studyId, asOf);
  };
  const model = new Proxy(inner, {
    get(target, property) {
      if (property === 'commit') return commit;
      if (property === 'nearestSnapshot') return nearestSnapshot;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { model, stats };
};

const readLoad = (file: string): LoadEnvelope[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LoadEnvelope);

const codeOf = (e: unknown): string =>
  (e as { code?: string }).code ?? (e instanceof Error ? e.name : String(e)).slice(0, 60);

/** Runs envelopes through the pipeline's HTTP door, at most `maxInFlight` at a time. */
const runCommands = async (
  pipeline: CommandPipeline,
  envelopes: readonly LoadEnvelope[],
  pace: { rate: number; seconds: number; maxInFlight: number },
): Promise<Omit<WriterResult, 'rssMiB'>> => {
  const latencies: number[] = [];
  const rejections: Record<string, number> = {};
  let accepted = 0;
  let rejected = 0;
  let inFlight = 0;
  let issued = 0;
  const pending = new Set<Promise<void>>();
  const t0 = performance.now();
  const issue = (env: LoadEnvelope) => {
    const door: Door = { kind: 'http', principal: { id: env.principal.id, role: env.principal.role as Role } };
    const started = performance.now();
    inFlight++;
    const p = pipeline
      .execute({ commandId: env.commandId, type: env.type, data: env.data }, door)
      .then(
        () => {
          accepted++;
          latencies.push(performance.now() - started);
        },
        (e: unknown) => {
          rejected++;
          const code = codeOf(e);
          rejections[code] = (rejections[code] ?? 0) + 1;
        },
      )
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  };
  for (;;) {
    const elapsed = (performance.now() - t0) / 1000;
    if (elapsed >= pace.seconds || issued >= envelopes.length) break;
    const due = Math.min(envelopes.length, Math.floor(elapsed * pace.rate));
    while (issued < due && inFlight < pace.maxInFlight) issue(envelopes[issued++] as LoadEnvelope);
    await sleep(2);
  }
  await Promise.all([...pending]);
  return {
    issued,
    accepted,
    rejected,
    rejections,
    seconds: (performance.now() - t0) / 1000,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
};

const hashOf = (r: StudyReport): string => createHash('sha256').update(canonicalJson(r)).digest('hex');

const go = (): Promise<void> =>
  new Promise((resolve) => {
    const on = (m: unknown) => {
      if ((m as { go?: boolean }).go) {
        process.off('message', on);
        resolve();
      }
    };
    process.on('message', on);
    process.send?.({ ready: true });
  });

const catchUp = async (a: CatchUpArgs): Promise<CatchUpResult> => {
  const store = SqliteEventStore.open(a.ledger);
  let deadline = Infinity;
  const { model, stats } = observed(SqliteReadModel.open(a.model), () => deadline);
  const projector = new ReadModelProjector(store, model);
  await go();
  const t0 = performance.now();
  if (a.capSeconds !== undefined && a.capSeconds > 0) deadline = t0 + a.capSeconds * 1000;
  let capped = false;
  try {
    await projector.catchUp();
  } catch (e) {
    if (!(e instanceof Capped)) throw e;
    capped = true;
  }
  const seconds = (performance.now() - t0) / 1000;
  deadline = Infinity;
  const commits = stats.commits.splice(0).map((c) => ({ ...c, at: c.at - t0 }));
  const folded = commits.reduce((n, c) => n + c.events, 0);
  let appended: CatchUpResult['appended'];
  if (a.append > 0 && a.loadFile !== undefined) {
    const before = Number(store.lastPosition());
    const pipeline = new CommandPipeline(store, { now: () => new Date() });
    const envelopes = readLoad(a.loadFile).slice(0, a.append);
    const run = await runCommands(pipeline, envelopes, { rate: Infinity, seconds: Infinity, maxInFlight: 200 });
    const t1 = performance.now();
    await projector.catchUp();
    appended = {
      commands: run.accepted,
      rejected: run.rejected,
      rejections: run.rejections,
      events: Number(store.lastPosition()) - before,
      seconds: (performance.now() - t1) / 1000,
      commits: stats.commits.splice(0).map((c) => ({ ...c, at: c.at - t1 })),
    };
  }
  await model.close();
  await store.close();
  return { events: folded, seconds, capped, commits, appended, rssMiB: maxRssMiB() };
};

const report = async (a: ReportArgs): Promise<ReportResult> => {
  const store = SqliteEventStore.open(a.ledger);
  const model = SqliteReadModel.open(a.model);
  const side = new ReadSide(store, model);
  await go();
  const clock = () => performance.now();
  const out: ReportResult = {
    raw: [],
    rawEvents: 0,
    readSide: a.instants.map(() => []),
    oldWay: a.instants.map(() => []),
    oldWayEvents: a.instants.map(() => 0),
    same: a.instants.map(() => true),
    rssMiB: NaN,
  };
  for (let r = 0; r < a.runs; r++) {
    let t0 = clock();
    const all = await store.readAllEvents({ studyId: a.studyId });
    out.raw.push(clock() - t0);
    (out as { rawEvents: number }).rawEvents = all.length;
    for (let i = 0; i < a.instants.length; i++) {
      const asOf = a.instants[i] as string;
      t0 = clock();
      const served = await side.report(a.studyId, asOf);
      out.readSide[i]?.push(clock() - t0);
      t0 = clock();
      const events = await readStudyEvents(store, a.studyId, asOf);
      const old = computeStudyReport(a.studyId, events, asOf);
      out.oldWay[i]?.push(clock() - t0);
      out.oldWayEvents[i] = events.length;
      if (hashOf(served) !== hashOf(old)) out.same[i] = false;
    }
  }
  await model.close();
  await store.close();
  return { ...out, rssMiB: maxRssMiB() };
};

const worker = async (a: { ledger: string; model: string; intervalMs: number }): Promise<WorkerResult> => {
  const store = SqliteEventStore.open(a.ledger);
  const model = SqliteReadModel.open(a.model);
  const projector = new ReadModelProjector(store, model);
  let stop = false;
  process.on('message', (m) => {
    if ((m as { stop?: boolean }).stop) stop = true;
  });
  await go();
  let loops = 0;
  let folded = 0;
  let maxLag = 0;
  while (!stop) {
    const lag = Number(store.lastPosition() - (await model.position()));
    maxLag = Math.max(maxLag, lag);
    folded += (await projector.catchUp()).eventsFolded;
    loops++;
    await sleep(a.intervalMs);
  }
  await model.close();
  await store.close();
  return { loops, folded, maxLag, rssMiB: maxRssMiB() };
};

const reader = async (a: ReaderArgs): Promise<ReaderResult> => {
  const store = SqliteEventStore.open(a.ledger);
  const { model, stats } = observed(SqliteReadModel.open(a.model));
  const side = new ReadSide(store, model);
  // one read before the clock starts: statements prepared, code warm
  let rosterSize = (await side.roster(a.studyId, resolveAsOf(undefined, new Date()))).participants.length;
  stats.snapshotReads = 0;
  await go();
  const latencies: number[] = [];
  const t0 = performance.now();
  const end = t0 + a.seconds * 1000;
  let i = 0;
  while (performance.now() < end) {
    const asOf = resolveAsOf(undefined, new Date());
    const started = performance.now();
    if (a.kind === 'roster') rosterSize = (await side.roster(a.studyId, asOf)).participants.length;
    else await side.participant(a.studyId, a.participantIds[i++ % a.participantIds.length] as string, asOf);
    latencies.push(performance.now() - started);
  }
  const seconds = (performance.now() - t0) / 1000;
  await model.close();
  await store.close();
  return {
    reads: latencies.length,
    seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    snapshotReads: stats.snapshotReads,
    rosterSize,
    rssMiB: maxRssMiB(),
  };
};

const writer = async (a: WriterArgs): Promise<WriterResult> => {
  const store = SqliteEventStore.open(a.ledger);
  const pipeline = new CommandPipeline(store, { now: () => new Date() });
  const envelopes = readLoad(a.loadFile).slice(a.from);
  await go();
  const run = await runCommands(pipeline, envelopes, a);
  await store.close();
  return { ...run, rssMiB: maxRssMiB() };
};

const readsOnce = async (a: ReadsOnceArgs): Promise<ReadsOnceResult> => {
  const store = SqliteEventStore.open(a.ledger);
  const model = SqliteReadModel.open(a.model);
  const side = new ReadSide(store, model);
  await go();
  let t0 = performance.now();
  const roster = await side.roster(a.studyId, resolveAsOf(undefined, new Date()));
  const rosterMs = performance.now() - t0;
  t0 = performance.now();
  await side.participant(a.studyId, a.participantId, resolveAsOf(undefined, new Date()));
  const participantMs = performance.now() - t0;
  t0 = performance.now();
  await side.report(a.studyId, a.instant);
  const reportMs = performance.now() - t0;
  await model.close();
  await store.close();
  return { rosterMs, rosterSize: roster.participants.length, participantMs, reportMs, rssMiB: maxRssMiB() };
};

const run = (mode: Mode, args: unknown): Promise<unknown> => {
  switch (mode) {
    case 'catch-up':
      return catchUp(args as CatchUpArgs);
    case 'report':
      return report(args as ReportArgs);
    case 'worker':
      return worker(args as { ledger: string; model: string; intervalMs: number });
    case 'reader':
      return reader(args as ReaderArgs);
    case 'writer':
      return writer(args as WriterArgs);
    case 'reads-once':
      return readsOnce(args as ReadsOnceArgs);
  }
};

if (require.main === module) {
  const mode = process.argv[2] as Mode;
  run(mode, JSON.parse(process.argv[3] ?? '{}')).then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
