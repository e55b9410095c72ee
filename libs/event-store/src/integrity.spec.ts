import type { RecordedEvent } from './event-store.port';
import { canonicalJson, hashEvent, sealEvents, verifyStream, type UnsealedEvent } from './integrity';

describe('canonicalJson', () => {
  it('ignores key order, at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":2,"q":1}]},"b":1}');
  });

  it('keeps array order and sorts keys by UTF-16 code units', () => {
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
    // 'Z' (0x5a) < 'a' (0x61) < 'é' (0xe9) < '😀' (surrogates 0xd83d…) sorts before 'ｱ' (0xff71).
    expect(canonicalJson({ ｱ: 1, '😀': 2, é: 3, a: 4, Z: 5 })).toBe('{"Z":5,"a":4,"é":3,"😀":2,"ｱ":1}');
  });

  it('prints numbers as JS does, bigints as decimal strings, drops undefined members, no whitespace', () => {
    expect(
      canonicalJson({ n: 1.5, e: 1e21, z: -0, big: 12345678901234567890n, u: undefined, nul: null, s: 'a "q"' }),
    ).toBe('{"big":"12345678901234567890","e":1e+21,"n":1.5,"nul":null,"s":"a \\"q\\"","z":0}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(new Date('2024-01-01T00:00:00Z'))).toBe('"2024-01-01T00:00:00.000Z"');
  });

  it('agrees with itself after a JSON round trip (what any store does to the data)', () => {
    const value = {
      z: [1, 'two', { b: true, a: null }],
      a: { nested: { deeper: 1.25 } },
      when: new Date(0),
      gone: undefined,
    };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });
});

const unsealed = (type: string, data: unknown = { type }): UnsealedEvent => ({
  eventId: `id-${type}`,
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: { id: 'u-1', role: 'investigator' },
    commandId: 'c-1',
    correlationId: 'c-1',
    causationId: 'c-1',
    recordedAt: '2024-03-01T10:00:00.000Z',
    storedAt: '2024-03-01T10:00:00.500Z',
    studyId: 'S1',
  },
});

const record = (streamId: string, events: ReturnType<typeof sealEvents>, firstPosition = 1n): RecordedEvent[] =>
  events.map((e, i) => ({ ...e, streamId, revision: BigInt(i), position: firstPosition + BigInt(i) }));

describe('hash chain', () => {
  const streamId = 'participant-S1-P1';
  const chain = (): RecordedEvent[] =>
    record(streamId, sealEvents(streamId, 0n, '', [unsealed('A'), unsealed('B'), unsealed('C')]));

  it('links each event to the previous one, starting from an empty prevHash', () => {
    const events = chain();
    expect(events[0]?.metadata.prevHash).toBe('');
    expect(events[1]?.metadata.prevHash).toBe(events[0]?.metadata.hash);
    expect(events[2]?.metadata.prevHash).toBe(events[1]?.metadata.hash);
    expect(events[0]?.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyStream(events)).toEqual({ ok: true });
    expect(verifyStream([])).toEqual({ ok: true });
  });

  it('continues a chain across appends', () => {
    const first = sealEvents(streamId, 0n, '', [unsealed('A')]);
    const second = sealEvents(streamId, 1n, first[0]?.metadata.hash ?? '', [unsealed('B')]);
    expect(verifyStream(record(streamId, [...first, ...second]))).toEqual({ ok: true });
  });

  it('does not depend on the key order the store hands back', () => {
    const events = chain().map((e) => ({
      ...e,
      data: JSON.parse(JSON.stringify(e.data)) as unknown,
      metadata: reverseKeys(e.metadata),
    }));
    expect(verifyStream(events)).toEqual({ ok: true });
  });

  it('detects edited data, edited metadata, a removed event, a reordered chain and a moved stream', () => {
    const edited = chain();
    edited[1] = { ...edited[1]!, data: { type: 'B', extra: 1 } };
    expect(verifyStream(edited)).toMatchObject({ ok: false, revision: 1n, reason: expect.stringContaining('hash') });

    const relabelled = chain();
    relabelled[2] = {
      ...relabelled[2]!,
      metadata: { ...relabelled[2]!.metadata, actor: { id: 'u-2', role: 'investigator' } },
    };
    expect(verifyStream(relabelled)).toMatchObject({ ok: false, revision: 2n });

    const gap = chain().filter((e) => e.revision !== 1n);
    expect(verifyStream(gap)).toMatchObject({ ok: false, revision: 2n });

    const renumbered = chain()
      .filter((e) => e.revision !== 1n)
      .map((e, i) => ({ ...e, revision: BigInt(i) }));
    expect(verifyStream(renumbered)).toMatchObject({
      ok: false,
      revision: 1n,
      reason: expect.stringContaining('prevHash'),
    });

    const moved = chain().map((e) => ({ ...e, streamId: 'participant-S1-P9' }));
    expect(verifyStream(moved)).toMatchObject({ ok: false, revision: 0n });
  });

  it('hashes the content without the hash itself', () => {
    const [sealed] = record(streamId, sealEvents(streamId, 0n, '', [unsealed('A')]));
    expect(sealed).toBeDefined();
    expect(hashEvent(sealed!, '')).toBe(sealed!.metadata.hash);
    expect(hashEvent(sealed!, 'other')).not.toBe(sealed!.metadata.hash);
  });
});

function reverseKeys<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).reverse()) as T;
}
