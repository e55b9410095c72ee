/**
 * A projection is a reducer over the recorded log: `initial()` then `apply` for each event in log
 * order. "As of t" is the same fold over the events recorded at or before t, so a report for a past
 * IRB review is reproducible forever from the immutable log.
 *
 * Ownership: the fold owns its state. `apply` returns the next state and may reuse the object it
 * was given (a study of 10,000 participants cannot be copied per event). Every rule inside is a
 * pure function. The live read model is libs/read-model's, which folds with the same functions.
 */
import type { RecordedEvent } from '../../event-store/src';
import { parseInstant } from '../../trial-domain/src';

export interface Projection<S> {
  readonly name: string;
  initial(): S;
  apply(state: S, event: RecordedEvent): S;
}

export const foldEvents = <S>(p: Projection<S>, events: Iterable<RecordedEvent>, state: S = p.initial()): S => {
  let s = state;
  for (const e of events) s = p.apply(s, e);
  return s;
};

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The canonical form of a recorded instant (`YYYY-MM-DDThh:mm:ss.ffffffZ`), in which string order is time order. */
export const canonicalRecordedAt = (instant: string): string => {
  if (CANONICAL.test(instant)) return instant;
  const parsed = parseAsOf(instant);
  if (parsed === null) throw new RangeError(`not an ISO-8601 instant with a zone: ${instant}`);
  return parsed;
};

/**
 * An as-of instant as the CLI and the API accept it: ISO-8601 with a zone (`Z`, `+hh:mm`, `+hhmm`,
 * `+hh`), seconds and fraction optional. Returns the canonical instant or null. Fraction digits
 * beyond microseconds are dropped (recorded instants have microsecond precision, so "recorded at
 * or before" is unchanged by the truncation).
 */
export const parseAsOf = (text: string): string | null => {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(text.trim());
  if (!m) return null;
  const [, head = '', fraction, zone = 'Z'] = m;
  if (fraction !== undefined && !head.match(/T\d{2}:\d{2}:\d{2}$/)) return null;
  const normalisedZone =
    zone === 'Z'
      ? 'Z'
      : zone.length === 3
        ? `${zone}:00`
        : zone.includes(':')
          ? zone
          : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return parseInstant(`${head}${fraction === undefined ? '' : `.${fraction.slice(0, 6)}`}${normalisedZone}`);
};

/** A canonical instant as a compact ISO string: `2025-01-31T23:59:59Z`, fraction kept only when not zero. */
export const formatInstant = (canonical: string): string => {
  const [whole = '', fraction = ''] = canonical.replace(/Z$/, '').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}${trimmed === '' ? '' : `.${trimmed}`}Z`;
};

/** The UTC date of a recorded instant. */
export const utcDateOf = (instant: string): string => canonicalRecordedAt(instant).slice(0, 10);

/** The study's events recorded at or before `asOf` (canonical), in log order: filtered, not assumed. */
export function* recordedAsOf(events: Iterable<RecordedEvent>, studyId: string, asOf: string): Iterable<RecordedEvent> {
  for (const e of events) {
    if (e.metadata.studyId !== studyId) continue;
    if (canonicalRecordedAt(e.metadata.recordedAt) <= asOf) yield e;
  }
}

/** The study and participant an event belongs to, when it is a participant event. */
export const participantOf = (e: RecordedEvent): { studyId: string; participantId: string } | undefined => {
  const participantId = (e.data as { participantId?: unknown } | null)?.participantId;
  const studyId = e.metadata.studyId;
  return typeof participantId === 'string' && typeof studyId === 'string' ? { studyId, participantId } : undefined;
};

/** Key of a participant across studies (`/` appears in neither id). */
export const participantKey = (studyId: string, participantId: string): string => `${studyId}/${participantId}`;

/**
 * A projection made of one pure per-participant reducer: the state maps participant keys to each
 * participant's state (a Map: ids are user data).
 */
export const perParticipantProjection = <P>(
  name: string,
  create: (studyId: string, participantId: string) => P,
  evolve: (p: P, e: RecordedEvent) => P,
): Projection<Map<string, P>> => ({
  name,
  initial: () => new Map(),
  apply: (state, e) => {
    const who = participantOf(e);
    if (who === undefined) return state;
    const key = participantKey(who.studyId, who.participantId);
    state.set(key, evolve(state.get(key) ?? create(who.studyId, who.participantId), e));
    return state;
  },
});
