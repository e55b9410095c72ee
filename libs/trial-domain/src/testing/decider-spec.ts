/**
 * given(events).when(command).then(events) for the participant decider (STYLE.md "Tests").
 * The given events are folded with foldParticipant; the command first passes its schema through
 * parseEnvelope, exactly as every door hands it to the decider (so 400s read the same way), then
 * decideParticipant decides. No I/O and no clock: the context is fixed unless a test overrides it.
 */
import type { CommandContext } from '../participant/command';
import type { ParticipantCommand, ParticipantCommandType } from '../participant/participant.commands';
import { decideParticipant } from '../participant/participant.decider';
import type { ParticipantEvent } from '../participant/participant.events';
import { foldParticipant, type RecordedParticipantEvent } from '../participant/participant.state';
import { parseEnvelope } from '../shared/envelope';
import { DomainError } from '../shared/errors';

/** A participant command as a door receives it: its data not yet checked against its schema. */
export interface CommandInput {
  readonly type: ParticipantCommandType;
  readonly data: Readonly<Record<string, unknown>>;
}

export const DEFAULT_CONTEXT: CommandContext = {
  recordedAt: '2024-06-01T12:00:00.000000Z',
  actor: { id: 'coord-01', role: 'coordinator' },
  study: { registered: true },
};

/** A given event as the store would hand it back: recorded by the default actor, one second apart. */
const recorded = (e: ParticipantEvent, i: number): RecordedParticipantEvent =>
  ({
    ...e,
    metadata: {
      recordedAt: `2024-05-01T00:00:${String(i % 60).padStart(2, '0')}.000000Z`,
      commandId: `given-${i}`,
      actor: DEFAULT_CONTEXT.actor,
    },
  }) as RecordedParticipantEvent;

type ErrorClass<E extends DomainError> = abstract new (...args: never[]) => E;

export interface Decision {
  /** The decided events (the test fails with the error when the command is rejected). */
  events(): ParticipantEvent[];
  then(expected: readonly ParticipantEvent[]): void;
  /** Asserts the rejection's class, and its code and field when given. */
  thenThrows<E extends DomainError>(errorClass: ErrorClass<E>, code?: string, field?: string): void;
}

/** Frozen inputs: a decider that mutates the history or the command fails loudly. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
};

export const given = (history: readonly ParticipantEvent[]) => ({
  when: (command: CommandInput, ctx: Partial<CommandContext> = {}): Decision => {
    const run = (): ParticipantEvent[] => {
      const envelope = parseEnvelope(deepFreeze({ type: command.type, data: command.data }), 'http');
      const state = foldParticipant(deepFreeze(history.map((e, i) => recorded(e, i))));
      return decideParticipant({ type: envelope.type, data: envelope.data } as ParticipantCommand, state, {
        ...DEFAULT_CONTEXT,
        ...ctx,
      });
    };
    return {
      events: run,
      then: (expected) => expect(run()).toStrictEqual(expected),
      thenThrows: (errorClass, code, field) => {
        let accepted: ParticipantEvent[];
        try {
          accepted = run();
        } catch (e) {
          expect(e).toBeInstanceOf(errorClass);
          const error = e as DomainError;
          if (code !== undefined) expect(error.code).toBe(code);
          if (field !== undefined) expect(error.field).toBe(field);
          return;
        }
        throw new Error(
          `expected ${errorClass.name}${code ? ` ${code}` : ''}, but the command was accepted: ${JSON.stringify(accepted)}`,
        );
      },
    };
  },
});

/** The DomainError `f` throws (any other error, or none, fails the test): for shape specs. */
export const rejectionOf = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a rejection, but it was accepted');
};
