/**
 * The one path every command takes, from the HTTP API and the import alike:
 * idempotency -> envelope -> study -> recorded time -> load -> decide -> seal -> append.
 * Commands run one at a time per process; an append that still clashes with another writer
 * re-syncs and decides again, a bounded number of times.
 */
import { randomUUID } from 'node:crypto';
import {
  RevisionConflict,
  sealEvents,
  type EventStore,
  type ExpectedRevision,
  type UnsealedEvent,
} from '../../event-store/src';
import {
  canonicalJson,
  decideParticipant,
  initialParticipantState,
  initialStudyState,
  instantFromDate,
  isStudyCommand,
  NotFound,
  parseEnvelope,
  participantStreamId,
  readCommandId,
  registerStudy,
  RuleViolated,
  sha256Hex,
  StateConflict,
  studyStreamId,
  type CommandContext,
  type Envelope,
  type ParticipantCommand,
  type Role,
  type StudyRegistered,
} from '../../trial-domain/src';
import { checkRole, Forbidden } from './access-control';
import type { Clock } from './clock';
import { WriteModel, type CommandResult } from './write-model';

/** The door a command came through: a trusted import line, or an authenticated HTTP principal. */
export type Door =
  { readonly kind: 'import' } | { readonly kind: 'http'; readonly principal: { id: string; role: Role } };

export type Outcome =
  | { readonly status: 'accepted'; readonly result: CommandResult }
  | { readonly status: 'duplicate'; readonly result: CommandResult };

const MAX_ATTEMPTS = 5;
const SCHEMA_VERSION = 1;

export class CommandPipeline {
  private readonly model: WriteModel;
  private queue: Promise<unknown> = Promise.resolve();
  private ready: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {
    this.model = new WriteModel(store);
  }

  /** The write model, synced; read models of a single participant are served from it. */
  async current(): Promise<WriteModel> {
    await this.run(() => this.model.sync());
    return this.model;
  }

  /** Runs one command; throws a DomainError (or Forbidden) when it is rejected. */
  execute(raw: unknown, door: Door): Promise<Outcome> {
    return this.run(() => this.executeNow(raw, door));
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    // A failed first sync (store briefly unreachable) is retried by the next command.
    this.ready ??= this.model.sync().catch((e: unknown) => {
      this.ready = undefined;
      throw e;
    });
    const next = this.queue.then(() => this.ready).then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async executeNow(raw: unknown, door: Door): Promise<Outcome> {
    // Over HTTP the role is judged first, before even the shape of the commandId.
    if (door.kind === 'http' && typeof raw === 'object' && raw !== null)
      checkRole(door.principal.role, (raw as Record<string, unknown>)['type']);
    const suppliedId = readCommandId(raw);
    const envelopeHash = this.envelopeHash(raw, door);
    for (let attempt = 1; ; attempt++) {
      await this.model.sync();
      if (suppliedId !== undefined) {
        const first = this.model.accepted(suppliedId);
        if (first) {
          if (first.envelopeHash === envelopeHash) return { status: 'duplicate', result: first.result };
          throw new StateConflict(
            'COMMAND_ID_REUSED',
            `commandId ${suppliedId} was already used for a different command`,
            'commandId',
          );
        }
      }
      const envelope = parseEnvelope(raw, door.kind);
      const commandId = suppliedId ?? `cmd-${randomUUID()}`;
      try {
        const result = await this.decideAndAppend(envelope, commandId, envelopeHash, door);
        return { status: 'accepted', result };
      } catch (e) {
        if (!(e instanceof RevisionConflict)) throw e;
        if (attempt >= MAX_ATTEMPTS)
          throw new StateConflict(
            'CONCURRENCY_CONFLICT',
            `stream ${e.streamId} kept changing; try again`,
            'data.participantId',
          );
      }
    }
  }

  /** Idempotency compares the whole import line, or type + data + principal over HTTP, as JSON values. */
  private envelopeHash(raw: unknown, door: Door): string {
    const o = raw as Record<string, unknown>;
    const compared = door.kind === 'import' ? o : { type: o['type'], data: o['data'], principal: door.principal.id };
    return sha256Hex(canonicalJson(compared));
  }

  private async decideAndAppend(
    envelope: Envelope,
    commandId: string,
    envelopeHash: string,
    door: Door,
  ): Promise<CommandResult> {
    const studyId = envelope.data['studyId'] as string;
    const study = this.model.study(studyId);
    const ctx: CommandContext = {
      recordedAt: this.recordedAt(envelope, study?.latestRecordedAt),
      actor: door.kind === 'http' ? door.principal : (envelope.actor as CommandContext['actor']),
    };
    let streamId: string;
    let expectedRevision: ExpectedRevision;
    let prevHash: string;
    let decided: { type: string; data: unknown }[];
    if (isStudyCommand(envelope.type)) {
      streamId = studyStreamId(studyId);
      decided = registerStudy(envelope.data as StudyRegistered['data'], study?.state ?? initialStudyState);
      expectedRevision = study ? study.revision : 'no_stream';
      prevHash = study?.lastHash ?? '';
    } else {
      if (!study?.state.registered) throw new NotFound('UNKNOWN_STUDY', `unknown study ${studyId}`, 'data.studyId');
      const participantId = envelope.data['participantId'] as string;
      streamId = participantStreamId(studyId, participantId);
      const head = this.model.participant(streamId);
      const command = { type: envelope.type, data: envelope.data } as ParticipantCommand;
      decided = decideParticipant(command, head?.state ?? initialParticipantState, ctx);
      expectedRevision = head ? head.revision : 'no_stream';
      prevHash = head?.lastHash ?? '';
    }
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
    const startRevision = typeof expectedRevision === 'bigint' ? expectedRevision + 1n : 0n;
    const sealed = sealEvents(streamId, startRevision, prevHash, unsealed);
    const appended = await this.store.appendToStream(streamId, sealed, { expectedRevision });
    this.model.applyAppended(streamId, sealed, appended);
    return {
      commandId,
      events: decided.map((e, i) => ({ type: e.type, streamId, revision: Number(appended.revisions[i] ?? 0n) })),
    };
  }

  /**
   * Import: the line's recordedAt, which may equal but not precede the study's latest and may
   * not be in the ledger's future. HTTP: the server clock, or the study's latest recorded time
   * if that is later, so that a study's log never goes back in time.
   */
  private recordedAt(envelope: Envelope, latest: string | undefined): string {
    const now = instantFromDate(this.clock.now());
    if (envelope.recordedAt === undefined) return latest !== undefined && latest > now ? latest : now;
    if (envelope.recordedAt > now)
      throw new RuleViolated(
        'RECORDED_IN_FUTURE',
        `recordedAt ${envelope.recordedAt} is later than the ledger's clock`,
        'recordedAt',
      );
    if (latest !== undefined && envelope.recordedAt < latest)
      throw new RuleViolated(
        'RECORDED_OUT_OF_ORDER',
        `recordedAt ${envelope.recordedAt} precedes the study's latest ${latest}`,
        'recordedAt',
      );
    return envelope.recordedAt;
  }
}

export { Forbidden };
