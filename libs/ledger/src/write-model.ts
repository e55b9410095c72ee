/**
 * What the command side must know before deciding, kept in memory and fed only from the
 * store's global log (so it survives a restart by being rebuilt from the durable events):
 * accepted command ids with their envelope hash and answer (idempotency), registered studies
 * and their latest recorded time, and each participant's folded state with its revision and
 * last hash (for the expected revision and the hash chain).
 */
import type { AppendResult, EventStore, NewEvent, RecordedEvent } from '../../event-store/src';
import {
  evolve,
  evolveStudy,
  initialParticipantState,
  initialStudyState,
  type ParticipantEvent,
  type ParticipantState,
  type StudyEvent,
  type StudyState,
} from '../../trial-domain/src';

export interface EventRef {
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
}

export interface CommandResult {
  readonly commandId: string;
  readonly events: readonly EventRef[];
}

export interface AcceptedCommand {
  readonly envelopeHash: string;
  readonly result: CommandResult;
}

export interface StreamHead<S> {
  readonly state: S;
  readonly revision: bigint;
  readonly lastHash: string;
}

export interface StudyHead extends StreamHead<StudyState> {
  /** Latest recordedAt among the study's accepted commands (canonical instant). */
  readonly latestRecordedAt: string;
}

export class WriteModel {
  private position: bigint | undefined;
  private readonly commands = new Map<string, AcceptedCommand>();
  private readonly studies = new Map<string, StudyHead>();
  private readonly participants = new Map<string, StreamHead<ParticipantState>>();

  constructor(private readonly store: EventStore) {}

  /** Applies every event stored since the last sync, whoever wrote it. */
  async sync(): Promise<void> {
    for await (const e of this.store.readAll({ fromPosition: this.position })) this.apply(e);
  }

  /**
   * Applies events this process just appended without reading them back, when their positions
   * directly follow what the model has seen (nobody else wrote in between); otherwise the next
   * sync reads them from the log like anyone else's.
   */
  applyAppended(streamId: string, events: readonly NewEvent[], appended: AppendResult): void {
    if (this.position === undefined || appended.position !== this.position + BigInt(events.length)) return;
    const base = this.position;
    events.forEach((e, i) =>
      this.apply({ ...e, streamId, revision: appended.revisions[i] ?? 0n, position: base + BigInt(i + 1) }),
    );
  }

  apply(e: RecordedEvent): void {
    if (this.position !== undefined && e.position <= this.position) return;
    this.position = e.position;
    const m = e.metadata;
    const answered = this.commands.get(m.commandId);
    const ref: EventRef = { type: e.type, streamId: e.streamId, revision: Number(e.revision) };
    if (answered) (answered.result.events as EventRef[]).push(ref);
    else
      this.commands.set(m.commandId, {
        envelopeHash: m.envelopeHash ?? '',
        result: { commandId: m.commandId, events: [ref] },
      });
    const study = this.studies.get(m.studyId);
    if (e.streamId.startsWith('study-')) {
      const state = evolveStudy(study?.state ?? initialStudyState, e as unknown as StudyEvent);
      this.studies.set(m.studyId, {
        state,
        revision: e.revision,
        lastHash: m.hash,
        latestRecordedAt: later(study?.latestRecordedAt, m.recordedAt),
      });
    } else {
      if (study)
        this.studies.set(m.studyId, { ...study, latestRecordedAt: later(study.latestRecordedAt, m.recordedAt) });
      const head = this.participants.get(e.streamId);
      this.participants.set(e.streamId, {
        state: evolve(head?.state ?? initialParticipantState, e as unknown as ParticipantEvent),
        revision: e.revision,
        lastHash: m.hash,
      });
    }
  }

  accepted(commandId: string): AcceptedCommand | undefined {
    return this.commands.get(commandId);
  }

  study(studyId: string): StudyHead | undefined {
    return this.studies.get(studyId);
  }

  participant(streamId: string): StreamHead<ParticipantState> | undefined {
    return this.participants.get(streamId);
  }
}

const later = (a: string | undefined, b: string): string => (a === undefined || b > a ? b : a);
