/**
 * Import throughput of the whole ledger path (parse, validate, decide, hash, append with
 * synchronous=FULL) side by side, in the same run, with a baseline of raw better-sqlite3
 * appends of the same event payloads: one transaction per event with an expected-revision
 * check, same pragmas. Prints a table; asserts nothing (the machines are shared and noisy).
 *
 *   npm run bench                       example cohort, and a 1,000-participant synthetic one
 *   BENCH_PARTICIPANTS=5000 npm run bench
 *   BENCH_QUICK=1 npm run bench         200 participants
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore, type RecordedEvent } from '../libs/event-store/src';
import { CommandPipeline, importLines, splitLines } from '../libs/ledger/src';
import { foldParticipant, type RecordedParticipantEvent } from '../libs/trial-domain/src';
import { syntheticCohort } from './synthetic-cohort';

const clock = { now: () => new Date() };
let peakRss = process.memoryUsage().rss;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

interface Row {
  cohort: string;
  commands: number;
  events: number;
  ledgerPerSec: number;
  batchedPerSec: number;
  baselinePerSec: number;
  foldMs: number;
  longestStream: number;
}

const runLedger = async (lines: string[], dir: string, batched: boolean) => {
  const store = SqliteEventStore.open(join(dir, batched ? 'batched.db' : 'ledger.db'), { synchronous: 'FULL' });
  const pipeline = new CommandPipeline(store, clock);
  const t0 = performance.now();
  let n = 0;
  const summary = await importLines(lines, pipeline, {
    onProgress: () => {
      if (++n % 500 === 0) sampleRss();
    },
    ...(batched && { batch: (work) => store.inBatch(work) }),
  });
  const seconds = (performance.now() - t0) / 1000;
  if (summary.rejected > 0)
    throw new Error(`benchmark cohort had rejected lines: ${JSON.stringify(summary.errors[0])}`);
  const events = await store.readAllEvents();
  await store.close();
  return { seconds, accepted: summary.accepted, events };
};

/**
 * Raw appends of the very payloads the ledger stored, into the same table with the same indexes
 * and pragmas: the floor of what any ledger on this schema pays, so the ratio isolates the
 * ledger's own work (parse, validate, decide, hash, idempotency, write model).
 */
const runBaseline = async (events: readonly RecordedEvent[], dir: string): Promise<number> => {
  const file = join(dir, 'baseline.db');
  await SqliteEventStore.open(file).close(); // creates the ledger's schema, nothing else
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const head = db.prepare('SELECT MAX(revision) AS r FROM events WHERE stream_id = ?');
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, study_id, recorded_at, stored_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const append = db.transaction((e: RecordedEvent) => {
    const current = (head.get(e.streamId) as { r: number | null }).r;
    if ((current ?? -1) !== Number(e.revision) - 1) throw new Error(`revision clash on ${e.streamId}`);
    const m = e.metadata;
    insert.run(
      e.eventId,
      e.streamId,
      Number(e.revision),
      e.type,
      e.schemaVersion,
      JSON.stringify(e.data),
      JSON.stringify(m),
      m.studyId,
      m.recordedAt,
      m.storedAt,
    );
  });
  const t0 = performance.now();
  for (const e of events) append.immediate(e);
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return events.length / seconds;
};

const foldLongest = (events: readonly RecordedEvent[]): { ms: number; length: number } => {
  const streams = new Map<string, RecordedParticipantEvent[]>();
  for (const e of events) {
    if (!e.streamId.startsWith('participant-')) continue;
    const list = streams.get(e.streamId) ?? [];
    list.push(e as unknown as RecordedParticipantEvent);
    streams.set(e.streamId, list);
  }
  const longest = [...streams.values()].reduce((a, b) => (b.length > a.length ? b : a), []);
  const rounds = 1000;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) foldParticipant(longest);
  return { ms: (performance.now() - t0) / rounds, length: longest.length };
};

const bench = async (cohort: string, lines: string[]): Promise<Row> => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  try {
    const ledger = await runLedger(lines, dir, false);
    const batched = await runLedger(lines, dir, true);
    const baselinePerSec = await runBaseline(ledger.events, dir);
    sampleRss();
    const fold = foldLongest(ledger.events);
    return {
      cohort,
      commands: ledger.accepted,
      events: ledger.events.length,
      ledgerPerSec: ledger.accepted / ledger.seconds,
      batchedPerSec: batched.accepted / batched.seconds,
      baselinePerSec,
      foldMs: fold.ms,
      longestStream: fold.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async () => {
  const participants = Number(process.env.BENCH_PARTICIPANTS ?? (process.env.BENCH_QUICK === '1' ? 200 : 1000));
  const example = join(__dirname, '../../examples/msc-spine-cohort.ndjson');
  const rows: Row[] = [];
  try {
    rows.push(await bench('example (48 participants)', splitLines(readFileSync(example, 'utf8'))));
  } catch (e) {
    process.stderr.write(`example cohort skipped: ${(e as Error).message}\n`);
  }
  rows.push(await bench(`synthetic (${participants} participants)`, syntheticCohort(participants)));
  const table = rows.map((r) => ({
    cohort: r.cohort,
    commands: r.commands,
    events: r.events,
    'baseline events/s': Math.round(r.baselinePerSec),
    'ledger cmd/s (commit per cmd)': Math.round(r.ledgerPerSec),
    ratio: Number((r.ledgerPerSec / r.baselinePerSec).toFixed(2)),
    'import cmd/s (commit per 500)': Math.round(r.batchedPerSec),
    'import ratio': Number((r.batchedPerSec / r.baselinePerSec).toFixed(2)),
    'fold longest stream (ms)': Number(r.foldMs.toFixed(3)),
    'longest stream (events)': r.longestStream,
  }));
  console.table(table);
  console.log(
    `peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB; target: import / baseline >= 0.5 ` +
      '(baseline: raw better-sqlite3 appends of the same events, same schema and pragmas, one transaction per event)',
  );
};

void main();
