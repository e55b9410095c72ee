/**
 * The ledgers of the read-side bench, built once per run:
 *
 * - a template: the large synthetic cohort (large-cohort.ts) imported through the ledger's
 *   CommandPipeline (importLines + store.inBatch, synchronous=OFF), all but its last lines in
 *   recorded-time order; its commands and events give the events-per-command ratio;
 * - the bench ledger: the template's events copied to new participants of one study
 *   (big-ledger.ts: re-sealed, interleaved command by command) up to the size asked (300,000);
 * - the load: the template's held-back last lines, copied to the same participants, as HTTP
 *   envelopes (commandId, type, data; the pipeline's clock gives recordedAt), in order;
 * - the big ledger (1,000,000): the bench ledger's events copied again in SQL, interleaved event by
 *   event (the study's recorded times never go back), each copy's participants renamed. Not
 *   re-sealed (hash chains are not read on the catch-up path) and without command rows: it is only
 *   caught up, never written to.
 */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore, type RecordedEvent } from '../libs/event-store/src';
import { CommandPipeline, importLines } from '../libs/ledger/src';
import { largeCohort } from './large-cohort';
import { BIG_STUDY, buildLedger } from './write-side/big-ledger';

export { BIG_STUDY };

export interface Template {
  readonly commands: number;
  readonly events: readonly RecordedEvent[];
  readonly seconds: number;
  /** The cohort's last lines, not imported: the load, once copied. */
  readonly held: readonly string[];
}

/** Imports all but the last `heldBack` share of largeCohort(participants) into a new SQLite file. */
export const importTemplate = async (path: string, participants: number, heldBack: number): Promise<Template> => {
  const lines = largeCohort(participants).filter((l) => l.trim() !== '');
  const cut = lines.length - Math.floor(lines.length * heldBack);
  const t0 = performance.now();
  const store = SqliteEventStore.open(path, { synchronous: 'OFF' });
  try {
    const pipeline = new CommandPipeline(store, { now: () => new Date() });
    const summary = await importLines(lines.slice(0, cut), pipeline, { batch: (work) => store.inBatch(work) });
    if (summary.rejected > 0)
      throw new Error(`template cohort had rejected lines: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    const events = await store.readAllEvents();
    return { commands: summary.accepted, events, seconds: (performance.now() - t0) / 1000, held: lines.slice(cut) };
  } finally {
    await store.close();
  }
};

export interface BenchLedger {
  readonly events: number;
  readonly copies: number;
  readonly seconds: number;
}

/**
 * The template copied to new participants (buildLedger) as many whole times as come nearest to
 * `target` events, so that every held-back line has the history it was written after.
 */
export const buildBenchLedger = async (path: string, template: Template, target: number): Promise<BenchLedger> => {
  const t0 = performance.now();
  const perCopy = template.events.filter((e) => e.streamId.startsWith('participant-')).length;
  const copies = Math.max(1, Math.round(target / Math.max(1, perCopy)));
  // buildLedger makes ceil(target / perCopy) copies and stops at its target: the study's event
  // makes one more, so the last command of the last copy is left out (a held-back line or two on it may be refused)
  const events = await buildLedger(path, template.events, copies * perCopy);
  return { events, copies, seconds: (performance.now() - t0) / 1000 };
};

/** An HTTP command: what a client POSTs, and who it is. */
export interface LoadEnvelope {
  readonly commandId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly principal: { readonly id: string; readonly role: string };
}

/**
 * The held-back lines as buildLedger names the copies (`<participant>-c<k>` in study BIG), each
 * line copied to every copy before the next line: the order the cohort would have gone on in.
 */
export const loadOf = (template: Template, copies: number): LoadEnvelope[] => {
  const out: LoadEnvelope[] = [];
  for (const line of template.held) {
    const o = JSON.parse(line) as {
      commandId: string;
      type: string;
      actor: { id: string; role: string };
      data: Record<string, unknown>;
    };
    const participantId = o.data['participantId'];
    if (typeof participantId !== 'string') continue;
    for (let k = 0; k < copies; k++)
      out.push({
        commandId: `load-${o.commandId}-c${k}`,
        type: o.type,
        data: { ...o.data, studyId: BIG_STUDY, participantId: `${participantId}-c${k}` },
        principal: o.actor,
      });
  }
  return out;
};

/**
 * A ledger of `target` events at `path`: the events of `master` (its first `upTo`) with every
 * participant event copied to `ceil(target / participant events)` participants, interleaved.
 */
export const copyBigLedger = async (
  master: string,
  upTo: number,
  path: string,
  target: number,
): Promise<{ events: number; copies: number; seconds: number }> => {
  const t0 = performance.now();
  await SqliteEventStore.open(path).close();
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -524288'); // 512 MiB: the unique indexes stay in memory while they grow
    db.prepare('ATTACH DATABASE ? AS master').run(master);
    const { n } = db
      .prepare("SELECT count(*) AS n FROM master.events WHERE position <= ? AND stream_id LIKE 'participant-%'")
      .get(upTo) as { n: number };
    const copies = Math.max(1, Math.ceil(target / Math.max(1, n)));
    const info = db
      .prepare(
        `WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n + 1 < ?)
         INSERT INTO main.events (event_id, stream_id, revision, type, schema_version, data, metadata, study_id, recorded_at, stored_at)
         SELECT iif(k.n = 0, e.event_id, e.event_id || '-x' || k.n),
                iif(k.n = 0, e.stream_id, e.stream_id || '-x' || k.n),
                e.revision, e.type, e.schema_version,
                iif(k.n = 0, e.data,
                    json_set(e.data, '$.participantId', json_extract(e.data, '$.participantId') || '-x' || k.n)),
                e.metadata, e.study_id, e.recorded_at, e.stored_at
         FROM master.events e JOIN k ON (k.n = 0 OR e.stream_id LIKE 'participant-%')
         WHERE e.position <= ?
         ORDER BY e.position, k.n
         LIMIT ?`,
      )
      .run(copies, upTo, target);
    db.exec('DETACH DATABASE master');
    return { events: info.changes, copies, seconds: (performance.now() - t0) / 1000 };
  } finally {
    db.close();
  }
};
