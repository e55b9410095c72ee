/**
 * A big ledger, quickly, once per run: the events of an imported cohort (the template) copied
 * to new participants of one study and re-sealed (new event ids, stream ids and hash chains, so
 * that the API reads them as its own), written with raw batched inserts into a SQLite file of
 * the store's own schema, events and command rows as SqliteEventStore.commit writes them. The
 * copies are interleaved command by command, so the study's recorded times never go back, and
 * so the first n events of the file are a ledger of their own: the smaller ledgers, and the
 * PostgreSQL ones, are row-for-row copies of a prefix of this one.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  normaliseInstant,
  sealEvents,
  SqliteEventStore,
  type CommandAnswer,
  type NewEvent,
  type RecordedEvent,
  type UnsealedEvent,
} from '../../libs/event-store/src';
import { participantStreamId, studyStreamId } from '../../libs/trial-domain/src';

export const BIG_STUDY = 'BIG';

interface TemplateCommand {
  readonly participantId: string | undefined;
  readonly events: RecordedEvent[];
}

interface CopiedCommand {
  readonly commandId: string;
  readonly envelopeHash: string;
  readonly streamId: string;
  readonly startRevision: bigint;
  readonly events: readonly NewEvent[];
}

/** Commands per transaction while building. */
const GROUP = 500;

class Copier {
  private readonly commands: TemplateCommand[] = [];
  private readonly heads = new Map<string, { revision: bigint; lastHash: string }>();
  private k = 0;
  private copy = 0;

  constructor(
    template: readonly RecordedEvent[],
    private readonly copies: number,
  ) {
    for (const e of template) {
      const last = this.commands[this.commands.length - 1];
      if (last?.events[0]?.metadata.commandId === e.metadata.commandId) last.events.push(e);
      else
        this.commands.push({
          participantId: e.streamId.startsWith('participant-')
            ? (e.data as { participantId?: string }).participantId
            : undefined,
          events: [e],
        });
    }
  }

  /** The next command of the interleaved copies; undefined once every copy is out. */
  next(): CopiedCommand | undefined {
    const k = this.k;
    const command = this.commands[k];
    if (command === undefined) return undefined;
    const copy = this.copy;
    // the study is registered once; each participant command is copied to every copy
    const last = command.participantId === undefined || copy + 1 >= this.copies;
    this.copy = last ? 0 : copy + 1;
    if (last) this.k++;
    return this.copyOf(command, `big-${k}-${copy}`, copy);
  }

  private copyOf(command: TemplateCommand, commandId: string, copy: number): CopiedCommand {
    const participantId = command.participantId === undefined ? undefined : `${command.participantId}-c${copy}`;
    const streamId =
      participantId === undefined ? studyStreamId(BIG_STUDY) : participantStreamId(BIG_STUDY, participantId);
    const head = this.heads.get(streamId);
    const unsealed: UnsealedEvent[] = command.events.map((e) => {
      const { hash: _hash, prevHash: _prevHash, ...metadata } = e.metadata;
      const data = e.data as Record<string, unknown>;
      return {
        eventId: randomUUID(),
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: { ...data, studyId: BIG_STUDY, ...(participantId !== undefined && { participantId }) },
        metadata: { ...metadata, studyId: BIG_STUDY, commandId, correlationId: commandId, causationId: commandId },
      };
    });
    const startRevision = head === undefined ? 0n : head.revision + 1n;
    const events = sealEvents(streamId, startRevision, head?.lastHash ?? '', unsealed);
    this.heads.set(streamId, {
      revision: startRevision + BigInt(events.length - 1),
      lastHash: events[events.length - 1]?.metadata.hash ?? '',
    });
    return {
      commandId,
      envelopeHash: command.events[0]?.metadata.envelopeHash ?? '',
      streamId,
      startRevision,
      events,
    };
  }
}

/**
 * Writes a ledger of `target` events (give or take a command) into a new SQLite file at `path`,
 * or as many as fit before `deadline` (performance.now() ms). Answers the events written.
 */
export const buildLedger = async (
  path: string,
  template: readonly RecordedEvent[],
  target: number,
  deadline = Infinity,
): Promise<number> => {
  // the store creates (and so fixes) the schema; the rows are then written as it writes them
  await SqliteEventStore.open(path).close();
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const insertEvent = db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, study_id, recorded_at, stored_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertCommand = db.prepare(
      'INSERT INTO commands (command_id, envelope_hash, study_id, answer, position) VALUES (?, ?, ?, ?, ?)',
    );
    const write = db.transaction((commands: readonly CopiedCommand[]) => {
      for (const c of commands) {
        let position = 0;
        c.events.forEach((e, i) => {
          const info = insertEvent.run(
            e.eventId,
            c.streamId,
            c.startRevision + BigInt(i),
            e.type,
            e.schemaVersion,
            JSON.stringify(e.data),
            JSON.stringify(e.metadata),
            e.metadata.studyId,
            normaliseInstant(e.metadata.recordedAt, 'metadata.recordedAt'),
            e.metadata.storedAt,
          );
          position = Number(info.lastInsertRowid);
        });
        const answer: CommandAnswer = {
          commandId: c.commandId,
          events: c.events.map((e, i) => ({
            type: e.type,
            streamId: c.streamId,
            revision: Number(c.startRevision) + i,
          })),
        };
        insertCommand.run(c.commandId, c.envelopeHash, BIG_STUDY, JSON.stringify(answer), position);
      }
    });
    const perCopy = template.filter((e) => e.streamId.startsWith('participant-')).length;
    const copier = new Copier(template, Math.max(1, Math.ceil(target / Math.max(1, perCopy))));
    let written = 0;
    while (written < target && performance.now() < deadline) {
      const group: CopiedCommand[] = [];
      let events = 0;
      while (group.length < GROUP && written + events < target) {
        const c = copier.next();
        if (c === undefined) break;
        group.push(c);
        events += c.events.length;
      }
      if (group.length === 0) break;
      write(group);
      written += events;
    }
    return written;
  } finally {
    db.close();
  }
};
