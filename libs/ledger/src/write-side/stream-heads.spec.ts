import { CorruptEvent, sealEvents, type RecordedEvent, type UnsealedEvent } from '../../../event-store/src';
import { StreamHeads } from './stream-heads';

const STREAM = 'participant-S.P1';
const unsealed = (n: number): UnsealedEvent => ({
  eventId: `e-${n}`,
  type: 'Counted',
  schemaVersion: 1,
  data: { n },
  metadata: {
    actor: { id: 'u', role: 'coordinator' },
    commandId: `c-${n}`,
    correlationId: `c-${n}`,
    causationId: `c-${n}`,
    recordedAt: '2024-01-01T00:00:00.000000Z',
    storedAt: '2024-01-01T00:00:00.000000Z',
    studyId: 'S',
  },
});
const recorded = (from: number, count: number, prevHash: string): RecordedEvent[] =>
  sealEvents(
    STREAM,
    BigInt(from),
    prevHash,
    Array.from({ length: count }, (_, i) => unsealed(from + i)),
  ).map((e, i) => ({ ...e, streamId: STREAM, revision: BigInt(from + i), position: BigInt(100 + from + i) }));

/** A store holding one stream, counting the reads it is asked for. */
const storeOf = (events: RecordedEvent[]) => {
  const reads: bigint[] = [];
  return {
    reads,
    events,
    readStream: async (_id: string, o: { fromRevision?: bigint } = {}) => {
      reads.push(o.fromRevision ?? 0n);
      return events.filter((e) => e.revision >= (o.fromRevision ?? 0n));
    },
  };
};
const sum = (s: number, e: { data: unknown }) => s + (e.data as { n: number }).n;

describe('StreamHeads', () => {
  it('folds a stream once, then reads only what was appended after the head it holds', async () => {
    const first = recorded(0, 3, '');
    const store = storeOf(first);
    const heads = new StreamHeads(store, 0, sum, 10);
    expect(await heads.load(STREAM)).toEqual({ state: 3, revision: 2n, lastHash: first[2]?.metadata.hash });
    store.events.push(...recorded(3, 1, first[2]?.metadata.hash ?? ''));
    expect((await heads.load(STREAM)).state).toBe(6);
    expect(store.reads).toEqual([0n, 3n]);
  });

  it('answers a stream that does not exist with the initial state and no revision, and keeps nothing', async () => {
    const heads = new StreamHeads(storeOf([]), 0, sum, 10);
    expect(await heads.load('participant-S.NONE')).toEqual({ state: 0, revision: undefined, lastHash: '' });
    expect(heads.cached('participant-S.NONE')).toBeUndefined();
  });

  it('refuses an event whose content no longer matches its hash, naming where it is', async () => {
    const events = recorded(0, 2, '');
    events[1] = { ...events[1]!, data: { n: 99 } };
    const heads = new StreamHeads(storeOf(events), 0, sum, 10);
    await expect(heads.load(STREAM)).rejects.toThrow(CorruptEvent);
    await expect(heads.load(STREAM)).rejects.toThrow(
      /at position 101 in stream participant-S\.P1 revision 1 is corrupt/,
    );
  });

  it('refuses a gap in the revisions', async () => {
    const events = recorded(0, 3, '');
    const heads = new StreamHeads(storeOf([events[0]!, events[2]!]), 0, sum, 10);
    await expect(heads.load(STREAM)).rejects.toThrow(/revision 2 where 1 was expected/);
  });

  it('folds what this process appended without reading it back, and never goes back to an older head', async () => {
    const events = recorded(0, 2, '');
    const store = storeOf(events.slice(0, 1));
    const heads = new StreamHeads(store, 0, sum, 10);
    const head = await heads.load(STREAM);
    const after = heads.appended(STREAM, head, events.slice(1));
    expect(after).toEqual({ state: 1, revision: 1n, lastHash: events[1]?.metadata.hash });
    heads.appended(STREAM, { state: 0, revision: undefined, lastHash: '' }, events.slice(0, 1));
    expect(heads.cached(STREAM)).toEqual(after);
  });
});
