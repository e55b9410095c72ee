import { canonicalJson, contentHash } from './index';

/** The reference: JSON.stringify with every object's keys sorted, for values it can reach. */
const reference = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [3, { d: 'x', c: null }], e: true }],
    [[1, 'two', null, false, { z: 0, y: -1.5e-7 }]],
    [{ '\u00e9': 1, e: 2, E: 3, '': 4 }],
    ['plain'],
    [42],
    [null],
    [{ nested: { deeper: { deepest: [[[]]] } }, empty: {} }],
  ])('agrees with sorted-key JSON.stringify on %j', (v) => {
    expect(canonicalJson(v)).toBe(reference(v));
  });

  it('ignores key order and 5 vs 5.0, as the contract compares JSON values', () => {
    expect(canonicalJson(JSON.parse('{"a":5.0,"b":[1,2]}'))).toBe(canonicalJson(JSON.parse('{ "b": [1, 2], "a": 5 }')));
    expect(contentHash({ x: 1, y: 2 })).toBe(contentHash({ y: 2, x: 1 }));
    expect(contentHash({ x: 1 })).not.toBe(contentHash({ x: 2 }));
  });

  it('drops undefined members, nulls undefined array items, follows toJSON, prints bigints as strings', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, () => 1], c: new Date(0), d: 10n })).toBe(
      '{"b":[null,null],"c":"1970-01-01T00:00:00.000Z","d":"10"}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('encodes the same on either side of the depth where recursion hands over to iteration', () => {
    for (const depth of [198, 199, 200, 201, 202, 203]) {
      const nest = (d: number): unknown =>
        d === 0 ? { z: [1, 'x', null, undefined], a: { toJSON: () => 'j' } } : { b: [nest(d - 1)], a: d };
      const text = canonicalJson(nest(depth));
      expect(text).toBe(JSON.stringify(JSON.parse(text)));
      expect(text.startsWith('{"a":' + depth + ',"b":[')).toBe(true);
      expect(text).toContain('{"a":"j","z":[1,"x",null,null]}');
    }
  });

  it('encodes values nested far deeper than any stack allows', () => {
    const depth = 200_000;
    const deep = JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown;
    const text = canonicalJson(deep);
    expect(text.length).toBe(depth * 6 + 1);
    expect(text.startsWith('{"a":{"a":')).toBe(true);
  });
});
