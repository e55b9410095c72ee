/**
 * Keeps the read model up with the log. A page of events is folded onto the rows it touches and
 * committed with its position in one transaction, guarded by compare-and-set: when another
 * process (the worker, an API instance, the CLI) moved the model meanwhile, the page is dropped
 * and folded again from where the model now stands, so no event is folded twice or skipped.
 *
 * A page ends right after any event that brings a study's event count to a multiple of
 * `snapshotEvery`; the commit then keeps the study's full state as a snapshot, so as-of reads
 * replay from the nearest snapshot, and a rebuild takes exactly the same snapshots.
 */
import { CorruptEvent, type EventStore, type RecordedEvent } from '../../event-store/src';
import type { CorruptMark, ParticipantRow, ReadModelPage, ReadModelStore } from './read-model.port';
import {
  addParticipant,
  applyToStudyFold,
  newStudyFold,
  participantRowOf,
  studyFoldFrom,
  studyRowOf,
  type StudyFold,
} from './study-fold';

export interface ProjectorOptions {
  /** Events folded per transaction. */
  readonly pageSize?: number;
  /** A study's snapshot is kept every this many of its events. */
  readonly snapshotEvery?: number;
}

export const DEFAULT_SNAPSHOT_EVERY = Number(process.env['LEDGER_SNAPSHOT_EVERY'] ?? 20_000);

const participantIdOf = (e: RecordedEvent): string | undefined => {
  const id = (e.data as { participantId?: unknown } | null)?.participantId;
  return typeof id === 'string' ? id : undefined;
};

/** Reads up to `max` events after `from`, in log order. */
export const readPage = async (store: EventStore, from: bigint, max: number): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll({ fromPosition: from, maxCount: max })) events.push(e);
  return events;
};

export interface CatchUpResult {
  readonly position: bigint;
  readonly eventsFolded: number;
}

export class ReadModelProjector {
  private readonly pageSize: number;
  private readonly snapshotEvery: number;

  constructor(
    private readonly store: EventStore,
    private readonly model: ReadModelStore,
    options: ProjectorOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 2000;
    this.snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  }

  /** Folds every event the model does not hold yet; returns the position reached. */
  async catchUp(): Promise<CatchUpResult> {
    let eventsFolded = 0;
    for (;;) {
      const from = await this.model.position();
      const { events, corrupt } = await this.readReadable(from);
      if (corrupt !== undefined && events.length === 0) {
        // An event that cannot be read is passed over once, and marked: its stream's views fail, naming it.
        await this.model.commit({
          from,
          to: corrupt.position,
          studies: [],
          participants: [],
          snapshotStudies: [],
          corrupt: [corrupt],
        });
        continue;
      }
      if (events.length === 0) return { position: from, eventsFolded };
      const page = await this.fold(from, events);
      if (await this.model.commit(page)) eventsFolded += page.folded;
    }
  }

  /** The next page, or the readable events before an unreadable one and that one's mark. */
  private async readReadable(from: bigint): Promise<{ events: RecordedEvent[]; corrupt?: CorruptMark }> {
    try {
      return { events: await readPage(this.store, from, this.pageSize) };
    } catch (e) {
      const position = e instanceof CorruptEvent ? e.where.position : undefined;
      if (!(e instanceof CorruptEvent) || position === undefined || e.where.streamId === undefined) throw e;
      const events: RecordedEvent[] = [];
      let at = from;
      // Read one by one up to the unreadable event (only when there is one): it is the one that throws.
      while (events.length < this.pageSize) {
        let next: RecordedEvent | undefined;
        try {
          [next] = await readPage(this.store, at, 1);
        } catch {
          break;
        }
        if (next === undefined || next.position >= position) break;
        events.push(next);
        at = next.position;
      }
      const streamId = e.where.streamId;
      const studyId = /^participant-([^.]*)\./.exec(streamId)?.[1] ?? /^study-(.*)$/.exec(streamId)?.[1] ?? '';
      return {
        events,
        corrupt: { streamId, studyId, position, revision: e.where.revision ?? null, detail: e.detail },
      };
    }
  }

  private async fold(from: bigint, events: readonly RecordedEvent[]): Promise<ReadModelPage & { folded: number }> {
    const studies = new Map<string, StudyFold>();
    for (const studyId of new Set(events.map((e) => e.metadata.studyId))) {
      const row = await this.model.study(studyId);
      studies.set(studyId, row === undefined ? newStudyFold(studyId) : studyFoldFrom(row, []));
    }
    const keys = new Map<string, { studyId: string; participantId: string }>();
    for (const e of events) {
      const participantId = participantIdOf(e);
      if (participantId !== undefined)
        keys.set(`${e.metadata.studyId}\u0000${participantId}`, { studyId: e.metadata.studyId, participantId });
    }
    for (const row of await this.model.participantsByKey([...keys.values()]))
      addParticipant(studies.get(row.state.studyId) as StudyFold, row);

    const touched = new Map<string, Set<string>>();
    const snapshotStudies: string[] = [];
    let to = from;
    let folded = 0;
    for (const e of events) {
      const fold = studies.get(e.metadata.studyId) as StudyFold;
      const participantId = applyToStudyFold(fold, e);
      if (participantId !== undefined) {
        const set = touched.get(e.metadata.studyId) ?? new Set<string>();
        set.add(participantId);
        touched.set(e.metadata.studyId, set);
      }
      to = e.position;
      folded += 1;
      if (fold.record.eventsApplied % this.snapshotEvery === 0) {
        snapshotStudies.push(e.metadata.studyId);
        break;
      }
    }
    const participants: ParticipantRow[] = [];
    for (const [studyId, ids] of touched) {
      const fold = studies.get(studyId) as StudyFold;
      for (const id of ids) participants.push(participantRowOf(fold, id) as ParticipantRow);
    }
    return {
      from,
      to,
      studies: [...studies.values()].filter((f) => f.record.eventsApplied > 0).map(studyRowOf),
      participants,
      snapshotStudies,
      folded,
    };
  }

  /**
   * Folds the whole log again from position zero: empties the model, then catches up page by page
   * exactly as the live fold does, so the result is byte for byte what the live fold writes and
   * memory stays bounded by a page. Readers meanwhile catch up before answering, as always.
   */
  async rebuild(): Promise<CatchUpResult> {
    await this.model.reset();
    return this.catchUp();
  }
}
