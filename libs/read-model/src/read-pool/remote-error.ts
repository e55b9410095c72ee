/**
 * Errors crossing the thread boundary keep their class (so the API's error filter maps them as
 * if thrown in-process) and their fields (code, field, retryAfterSeconds, where…).
 */
import { CorruptEvent, StoreBusy, StoreFormatMismatch, StoreUnavailable } from '../../../event-store/src';
import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../../../trial-domain/src';
import { AsOfInFuture } from '../as-of';

const CLASSES: Readonly<Record<string, { prototype: object }>> = {
  NotFound,
  RuleViolated,
  StateConflict,
  ValidationFailed,
  AsOfInFuture,
  StoreBusy,
  StoreUnavailable,
  StoreFormatMismatch,
  CorruptEvent,
};

export interface SerializedError {
  readonly className: string;
  readonly props: Record<string, unknown>;
}

export const serializeError = (e: unknown): SerializedError => {
  if (!(e instanceof Error)) return { className: 'Error', props: { message: String(e) } };
  const props: Record<string, unknown> = { message: e.message, name: e.name, stack: e.stack };
  for (const [k, v] of Object.entries(e)) if (k !== 'cause') props[k] = v;
  return { className: e.constructor.name, props };
};

export const deserializeError = (s: SerializedError): Error => {
  const klass = CLASSES[s.className];
  const error = klass === undefined ? new Error(String(s.props['message'])) : (Object.create(klass.prototype) as Error);
  return Object.assign(error, s.props);
};
