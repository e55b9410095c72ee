/**
 * The participant fold seen from the log: the domain's `evolve` (libs/trial-domain
 * participant.state.ts) applied to recorded events as the store returns them. There is no
 * second copy of any rule here: this module only adapts the store's untyped events.
 */
import type { RecordedEvent } from '../../../event-store/src';
import {
  evolve,
  newParticipantState,
  type ParticipantState,
  type RecordedParticipantEvent,
} from '../../../trial-domain/src';

/** The participant's state after one of their recorded events (types the domain does not know leave it). */
export const evolveParticipantRecord = (p: ParticipantState, e: RecordedEvent): ParticipantState =>
  evolve(p, e as unknown as RecordedParticipantEvent);

export const newParticipantRecord = newParticipantState;

export { current, type ParticipantState as ParticipantRecord } from '../../../trial-domain/src';
