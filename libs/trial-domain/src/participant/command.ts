/**
 * What every command and every decide function share. A leaf: it imports no command file, so each
 * command file can import it without the decider, the registry and the commands importing each
 * other in a circle.
 */
import { ID_PATTERN, type Field, type Schema } from '../shared/schema';
import type { ParticipantEvent } from './participant.events';
import type { ParticipantState } from './participant.state';

/** A command as it reaches a decider: its `data` already passed the command's schema. */
export type Command<Type extends string, Data> = {
  readonly type: Type;
  readonly data: Data;
};

/** The command's study as the ledger knows it when the command is decided. */
export interface StudyContext {
  readonly registered: boolean;
  /** The latest recordedAt among the study's accepted commands; absent while it has none. */
  readonly latestRecordedAt?: string;
}

/** When, by whom and in which study: supplied by the door (HTTP clock or import line) and the store. */
export interface CommandContext {
  /** Canonical UTC instant the events are recorded at (see recordedAtFor). */
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly study: StudyContext;
}

/**
 * decide: (command, participant state, context) -> events. Pure: no clock, no I/O; the recorded
 * time, the actor and the study arrive in the context. A rule broken throws a DomainError and
 * records nothing.
 */
export type Decide<C extends Command<string, unknown>, E extends ParticipantEvent = ParticipantEvent> = (
  command: C,
  state: ParticipantState,
  ctx: CommandContext,
) => E[];

/** The participant every participant command names. */
export const PARTICIPANT_REF_SCHEMA: Schema = {
  studyId: { rule: { kind: 'string', pattern: ID_PATTERN } },
  participantId: { rule: { kind: 'string', pattern: ID_PATTERN } },
};

/** A record id: procedureId, assessmentId, adverseEventId, surgeryId, recordId. */
export const RECORD_ID_FIELD: Field = { rule: { kind: 'recordId' } };
