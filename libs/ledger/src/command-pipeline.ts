/**
 * The one path every command takes, from the HTTP API and the import alike:
 * envelope -> study -> recorded time -> the stream's head (cached, or read) -> decide -> seal ->
 * group commit; idempotency is answered by the store at commit, or looked up when a rule refuses
 * the command. Commands on one stream take turns; commands on different streams are decided
 * concurrently and committed together. The store, inside its transaction, has the last word on
 * a commandId, a stream's revision and a study's clock; a clash with another writer re-reads and
 * decides again, a bounded number of times.
 */
import { randomUUID } from 'node:crypto';
import {
  sealEvents,
  type CommandAnswer,
  type CommandCommit,
  type EventStore,
  type UnsealedEvent,
} from '../../event-store/src';
import {
  canonicalJson,
  decideParticipant,
  DomainError,
  evolve,
  evolveStudy,
  initialParticipantState,
  initialStudyState,
  instantFromDate,
  isStudyCommand,
  parseEnvelope,
  participantStreamId,
  readCommandId,
  recordedAtFor,
  registerStudy,
  requireRecordedInOrder,
  sha256Hex,
  StateConflict,
  studyStreamId,
  type CommandContext,
  type Envelope,
  type ParticipantCommand,
  type RecordedParticipantEvent,
  type ParticipantState,
  type Role,
  type RegisterStudy,
  type StudyEvent,
  type StudyState,
} from '../../trial-domain/src';
import { checkRole, Forbidden } from './access-control';
import type { Clock } from './clock';
import { GroupCommitter, KeyedTurns, Lru, StreamHeads, type StreamHead } from './write-side';

/** The door a command came through: a trusted import line, or an authenticated HTTP principal. */
export type Door =
  | { readonly kind: 'import' }
  // `name`: the printed name a signature carries (Part 11), when the principal has one.
  | { readonly kind: 'http'; readonly principal: { id: string; role: Role; name?: string } };

/**
 * What the ledger records by itself (safety.md alerts): no HTTP command, no envelope to parse. Its
 * decide refuses an alert that is not due; its commandId is deterministic, so a second attempt
 * (a job run again after a crash) is answered 'duplicate' by the store and records nothing.
 */
export interface SystemCommand {
  readonly type: string;
  readonly commandId: string;
  readonly studyId: string;
  readonly participantId: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly decide: (state: ParticipantState) => readonly { type: string; data: unknown }[];
}

const SYSTEM_ACTOR = { id: 'ledger', role: 'system' } as const;
const SYSTEM_DOOR = { kind: 'system' } as const;

/** The answer to an accepted command (commands.md "HTTP"): its id and the events it stored. */
export type CommandResult = CommandAnswer;

export type Outcome =
  | { readonly status: 'accepted'; readonly result: CommandResult }
  | { readonly status: 'duplicate'; readonly result: CommandResult };

export interface PipelineOptions {
  /** How many participant heads a process keeps folded (LEDGER_STATE_CACHE); the rest are re-read. */
  readonly participantCache?: number;
  readonly maxGroup?: number;
}

const MAX_ATTEMPTS = 8;
const SCHEMA_VERSION = 1;
const DEFAULT_PARTICIPANT_CACHE = 5000;

export class CommandPipeline {
  private readonly participants: StreamHeads<ParticipantState>;
  private readonly studies: StreamHeads<StudyState>;
  /** The latest recorded time this process knows per study; the store re-checks it on commit. */
  private readonly clocks = new Lru<string, string>(1000);
  private readonly turns = new KeyedTurns();
  private readonly committer: GroupCommitter;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    options: PipelineOptions = {},
  ) {
    const capacity = options.participantCache ?? (Number(process.env.LEDGER_STATE_CACHE) || DEFAULT_PARTICIPANT_CACHE);
    this.participants = new StreamHeads(store, initialParticipantState, foldParticipant, capacity);
    this.studies = new StreamHeads(store, initialStudyState, foldStudy, 1000);
    this.committer = new GroupCommitter(store, options.maxGroup);
  }

  /** Runs one command; throws a DomainError (or Forbidden) when it is rejected. */
  async execute(raw: unknown, door: Door): Promise<Outcome> {
    // The one place each is judged, whatever the door (the HTTP edge passes the body on as sent):
    // over HTTP the role first, before even the shape of the commandId (commands.md "Roles"), then
    // the commandId, before idempotency and the rest of the envelope.
    if (door.kind === 'http' && typeof raw === 'object' && raw !== null)
      checkRole(door.principal.role, (raw as Record<string, unknown>)['type']);
    const suppliedId = readCommandId(raw);
    const envelopeHash = this.envelopeHash(raw, door);
    try {
      const envelope = parseEnvelope(raw, door.kind, suppliedId);
      const commandId = suppliedId ?? `cmd-${randomUUID()}`;
      const studyId = envelope.data['studyId'] as string;
      const streamId = isStudyCommand(envelope.type)
        ? studyStreamId(studyId)
        : participantStreamId(studyId, envelope.data['participantId'] as string);
      return await this.turns.run(streamId, () =>
        this.decideAndCommit(envelope, commandId, envelopeHash, door, streamId),
      );
    } catch (error) {
      // Idempotency comes before every rule (commands.md): a command that some rule refuses is
      // looked up, and if its id is recorded it is answered as a repeat (or 409 for another
      // envelope). A repeat that every rule accepts is caught by the store at commit ('known').
      // Asking only on these two paths spares every accepted command a look-up.
      if (suppliedId === undefined || !(error instanceof DomainError)) throw error;
      const known = await this.store.findCommand(suppliedId);
      if (!known) throw error;
      return repeated(suppliedId, known.envelopeHash, envelopeHash, known.answer);
    }
  }

  /**
   * Records what the ledger decides by itself (an alert), actor `{ id: 'ledger', role: 'system' }`,
   * through the same turns, clock, revision check and commandId uniqueness as every command. Throws
   * the decide's DomainError when nothing is due (unless the commandId is already recorded).
   */
  async executeSystem(command: SystemCommand): Promise<Outcome> {
    const envelopeHash = sha256Hex(canonicalJson({ type: command.type, data: command.data, system: true }));
    const envelope: Envelope = {
      type: command.type,
      data: { ...command.data, studyId: command.studyId, participantId: command.participantId },
    } as unknown as Envelope;
    const streamId = participantStreamId(command.studyId, command.participantId);
    try {
      return await this.turns.run(streamId, () =>
        this.decideAndCommit(envelope, command.commandId, envelopeHash, SYSTEM_DOOR, streamId, command.decide),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const known = await this.store.findCommand(command.commandId);
      if (!known) throw error;
      return repeated(command.commandId, known.envelopeHash, envelopeHash, known.answer);
    }
  }

  /** A study's head as stored now; undefined when the study is not registered. */
  async study(studyId: string): Promise<StreamHead<StudyState> | undefined> {
    // A study registers once and nothing else is written to its stream: once seen, it stays.
    const known = this.studies.cached(studyStreamId(studyId));
    if (known?.state.registered) return known;
    const head = await this.studies.load(studyStreamId(studyId));
    return head.state.registered ? head : undefined;
  }

  /** A participant's head as stored now (the state of a participant with no events when none). */
  participant(studyId: string, participantId: string): Promise<StreamHead<ParticipantState>> {
    return this.participants.load(participantStreamId(studyId, participantId));
  }

  private async decideAndCommit(
    envelope: Envelope,
    commandId: string,
    envelopeHash: string,
    door: Door | typeof SYSTEM_DOOR,
    streamId: string,
    systemDecide?: SystemCommand['decide'],
  ): Promise<Outcome> {
    const studyId = envelope.data['studyId'] as string;
    const actor =
      door.kind === 'http'
        ? door.principal
        : door.kind === 'system'
          ? SYSTEM_ACTOR
          : (envelope.actor as CommandContext['actor']);
    for (let attempt = 1; ; attempt++) {
      // The deciders judge the study's rules (registered, recorded times never going back); the
      // pipeline only loads what they need: the study's head and its latest recorded time.
      const latestRecordedAt = await this.latest(studyId);
      const recordedAt = recordedAtFor(
        {
          now: instantFromDate(this.clock.now()),
          ...(envelope.recordedAt !== undefined && { supplied: envelope.recordedAt }),
        },
        latestRecordedAt,
      );
      const contextIn = (registered: boolean): CommandContext => ({
        recordedAt,
        actor,
        study: { registered, ...(latestRecordedAt !== undefined && { latestRecordedAt }) },
      });
      let ctx: CommandContext;
      let head: StreamHead<StudyState> | StreamHead<ParticipantState>;
      let decided: { type: string; data: unknown }[];
      if (isStudyCommand(envelope.type)) {
        const study = await this.studies.load(streamId);
        ctx = contextIn(study.state.registered);
        const command = { type: envelope.type, data: envelope.data } as RegisterStudy;
        decided = registerStudy(command, study.state, ctx);
        head = study;
      } else {
        ctx = contextIn((await this.study(studyId)) !== undefined);
        // Optimistic on the first attempt: a cached head is decided on without reading the store,
        // and the store's revision check refuses the commit if another writer moved the stream.
        const participant =
          (attempt === 1 ? this.participants.cached(streamId) : undefined) ?? (await this.participants.load(streamId));
        if (systemDecide !== undefined) {
          requireRecordedInOrder(ctx);
          decided = [...systemDecide(participant.state)];
        } else {
          const command = { type: envelope.type, data: envelope.data } as ParticipantCommand;
          decided = decideParticipant(command, participant.state, ctx);
        }
        head = participant;
      }
      const commit = this.seal(envelope, commandId, envelopeHash, door, ctx, streamId, head, decided);
      const outcome = await this.committer.submit(commit);
      switch (outcome.kind) {
        case 'committed':
          if (isStudyCommand(envelope.type))
            this.studies.appended(streamId, head as StreamHead<StudyState>, commit.events);
          else this.participants.appended(streamId, head as StreamHead<ParticipantState>, commit.events);
          this.advanceClock(studyId, ctx.recordedAt);
          return { status: 'accepted', result: outcome.answer };
        case 'known':
          // Another writer recorded this commandId between our look-up and our commit.
          return repeated(commandId, outcome.command.envelopeHash, envelopeHash, outcome.command.answer);
        case 'clock-conflict':
          this.advanceClock(studyId, outcome.latest);
          break;
        case 'revision-conflict':
          break;
        case 'failed':
          throw outcome.error;
      }
      if (attempt >= MAX_ATTEMPTS)
        throw new StateConflict(
          'CONCURRENCY_CONFLICT',
          `stream ${streamId} kept changing while the command was decided; try again`,
          'data.participantId',
        );
    }
  }

  private seal(
    envelope: Envelope,
    commandId: string,
    envelopeHash: string,
    door: Door | typeof SYSTEM_DOOR,
    ctx: CommandContext,
    streamId: string,
    head: StreamHead<unknown>,
    decided: readonly { type: string; data: unknown }[],
  ): CommandCommit {
    const studyId = envelope.data['studyId'] as string;
    const storedAt = instantFromDate(this.clock.now());
    const amendment = envelope.type === 'CorrectRecord' || envelope.type === 'VoidRecord';
    const unsealed: UnsealedEvent[] = decided.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: SCHEMA_VERSION,
      data: e.data,
      metadata: {
        actor: { id: ctx.actor.id, role: ctx.actor.role },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        recordedAt: ctx.recordedAt,
        storedAt,
        ...(door.kind === 'import' && { imported: true }),
        studyId,
        ...(amendment && { recordId: envelope.data['recordId'] as string, reason: envelope.data['reason'] as string }),
        envelopeHash,
      },
    }));
    const startRevision = head.revision === undefined ? 0n : head.revision + 1n;
    return {
      commandId,
      envelopeHash,
      studyId,
      recordedAt: ctx.recordedAt,
      streamId,
      expectedRevision: head.revision ?? 'no_stream',
      events: sealEvents(streamId, startRevision, head.lastHash, unsealed),
    };
  }

  /** The study's latest recorded time as far as this process knows (asked of the store once). */
  private async latest(studyId: string): Promise<string | undefined> {
    const known = this.clocks.get(studyId);
    if (known !== undefined) return known;
    const stored = await this.store.latestRecordedAt(studyId);
    if (stored !== undefined) this.advanceClock(studyId, stored);
    return this.clocks.get(studyId);
  }

  private advanceClock(studyId: string, instant: string): void {
    const known = this.clocks.get(studyId);
    if (known === undefined || instant > known) this.clocks.set(studyId, instant);
  }

  /** Idempotency compares the whole import line, or type + data + principal over HTTP, as JSON values. */
  private envelopeHash(raw: unknown, door: Door): string {
    const o = raw as Record<string, unknown>;
    const compared = door.kind === 'import' ? o : { type: o['type'], data: o['data'], principal: door.principal.id };
    return sha256Hex(canonicalJson(compared));
  }
}

/** A commandId already recorded: the first answer for the same envelope, 409 for another. */
function repeated(commandId: string, storedHash: string, hash: string, answer: CommandAnswer): Outcome {
  if (storedHash === hash) return { status: 'duplicate', result: answer };
  throw new StateConflict(
    'COMMAND_ID_REUSED',
    `commandId ${commandId} was already used for a different command`,
    'commandId',
  );
}

const foldParticipant = (state: ParticipantState, event: { type: string; data: unknown }): ParticipantState =>
  evolve(state, event as unknown as RecordedParticipantEvent);

const foldStudy = (state: StudyState, event: { type: string; data: unknown }): StudyState =>
  evolveStudy(state, event as unknown as StudyEvent);

export { Forbidden };
