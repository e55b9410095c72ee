import {
  add,
  bmiBand,
  compare,
  decimal,
  decimalPlaces,
  fellBy,
  gte,
  inRange,
  lte,
  multiply,
  subtract,
  sum,
  sumAtLeast,
  type Decimal,
} from './decimal';

/** The exact value as a decimal string, for readable assertions. */
const text = (d: Decimal): string => {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
};

describe('exact decimal arithmetic (protocol.md)', () => {
  describe('decimal', () => {
    it.each([
      [0, '0'],
      [-0, '0'],
      [5, '5'],
      [5.1, '5.1'],
      [-2.6, '-2.6'],
      [123.456, '123.456'],
      [1e21, '1000000000000000000000'],
      [1.5e21, '1500000000000000000000'],
      [1e-7, '0.0000001'],
      [-1.5e-7, '-0.00000015'],
      [Number.MAX_SAFE_INTEGER, '9007199254740991'],
      [0.1 + 0.2, '0.30000000000000004'],
    ])('%p is exactly %s (the shortest decimal JavaScript prints)', (n, expected) =>
      expect(text(decimal(n))).toBe(expected),
    );

    it('1e21 is held without loss, scale 0', () => expect(decimal(1e21)).toEqual({ units: 10n ** 21n, scale: 0 }));

    it('1e-7 is held as 1 at scale 7', () => expect(decimal(1e-7)).toEqual({ units: 1n, scale: 7 }));

    it.each([Infinity, -Infinity, NaN])('%p is not a decimal (RangeError)', (n) =>
      expect(() => decimal(n)).toThrow(RangeError),
    );
  });

  describe('decimalPlaces', () => {
    it.each([
      [5.1, 1],
      [5.15, 2],
      [10, 0],
      [2.5, 1],
      [1e21, 0],
      [1e-7, 7],
      [0.30000000000000004, 17],
    ])('%p has %p', (n, places) => expect(decimalPlaces(n)).toBe(places));

    it('5.10 in JSON reads as 5.1: one decimal', () =>
      expect(decimalPlaces((JSON.parse('{"v": 5.10}') as { v: number }).v)).toBe(1));
  });

  describe('VAS fall', () => {
    it('4.6 - 2.6 is exactly 2 (the double difference is 1.9999999999999996)', () => {
      expect(4.6 - 2.6).toBeLessThan(2);
      expect(text(subtract(decimal(4.6), decimal(2.6)))).toBe('2');
      expect(fellBy(4.6, 2.6, 2)).toBe(true);
    });

    it('a fall of 1.9 is not 2', () => expect(fellBy(4.5, 2.6, 2)).toBe(false));

    it('a rise is no fall', () => expect(fellBy(2.6, 4.6, 2)).toBe(false));

    it('a Quebec fall of exactly 15 counts', () => expect(fellBy(55, 40, 15)).toBe(true));
  });

  describe('BMI band', () => {
    it.each([
      [64, 160, '25-29.9'], // exactly 25 (the double quotient is 24.999999999999996)
      [63.9, 160, '<25'],
      [76.8, 160, '>=30'], // exactly 30 (the double quotient is 29.999999999999993)
      [76.7, 160, '25-29.9'],
      [70, 165, '25-29.9'],
      [50, 180, '<25'],
      [300, 100, '>=30'],
    ] as const)('%p kg at %p cm is %s', (weightKg, heightCm, band) => expect(bmiBand(weightKg, heightCm)).toBe(band));
  });

  describe('dose ranges (inclusive as written)', () => {
    it('22.5 and 27.5 are in 25 +-10% (the double 25 * 1.1 is 27.500000000000004)', () => {
      expect(inRange(22.5, 22.5, 27.5)).toBe(true);
      expect(inRange(27.5, 22.5, 27.5)).toBe(true);
      expect(inRange(22.49, 22.5, 27.5)).toBe(false);
      expect(inRange(27.51, 22.5, 27.5)).toBe(false);
    });

    it('facet 1.5-3 and epidural 20-25 bounds', () => {
      expect(inRange(1.5, 1.5, 3)).toBe(true);
      expect(inRange(3, 1.5, 3)).toBe(true);
      expect(inRange(3.01, 1.5, 3)).toBe(false);
      expect(inRange(20, 20, 25)).toBe(true);
      expect(inRange(19.9, 20, 25)).toBe(false);
    });

    it('gte and lte are exact', () => {
      expect(gte(0.30000000000000004, 0.3)).toBe(true);
      expect(lte(0.30000000000000004, 0.3)).toBe(false);
      expect(gte(100, 100)).toBe(true);
      expect(lte(1e21, 1e21)).toBe(true);
      expect(gte(1e-7, 0)).toBe(true);
    });
  });

  describe('sums', () => {
    it('33.3 + 33.3 + 33.4 is exactly 100', () => {
      expect(compare(sum([33.3, 33.3, 33.4]), decimal(100))).toBe(0);
      expect(text(sum([33.3, 33.3, 33.4]))).toBe('100');
    });

    it('0.1 + 0.2 is exactly 0.3 (the double sum is 0.30000000000000004)', () =>
      expect(compare(sum([0.1, 0.2]), decimal(0.3))).toBe(0));

    it('intravenous totals: 33.3 + 33.3 + 33.3 is below 100', () =>
      expect(compare(sum([33.3, 33.3, 33.3]), decimal(100))).toBe(-1));

    it('sumAtLeast judges the exact total: 33.3 + 33.3 + 33.4 reaches 100, 33.3 x 3 does not', () => {
      expect(sumAtLeast([33.3, 33.3, 33.4], 100)).toBe(true);
      expect(sumAtLeast([33.3, 33.3, 33.3], 100)).toBe(false);
      expect(sumAtLeast([], 100)).toBe(false);
    });

    it('remembers a number only as its own decimal (the same answer on every call)', () => {
      expect(decimal(4.6)).toBe(decimal(4.6));
      expect(decimal(4.6)).toEqual({ units: 46n, scale: 1 });
      expect(decimal(-4.6)).toEqual({ units: -46n, scale: 1 });
    });

    it('an empty sum is 0', () => expect(text(sum([]))).toBe('0'));

    it('add, subtract and multiply align scales', () => {
      expect(text(add(decimal(1e21), decimal(1e-7)))).toBe('1000000000000000000000.0000001');
      expect(text(subtract(decimal(1.5), decimal(2.25)))).toBe('-0.75');
      expect(text(multiply(decimal(1.6), decimal(1.6)))).toBe('2.56');
    });

    it('compare orders values', () => {
      expect(compare(decimal(2.6), decimal(4.6))).toBe(-1);
      expect(compare(decimal(4.6), decimal(2.6))).toBe(1);
      expect(compare(decimal(2.5), decimal(2.5))).toBe(0);
      expect(compare(decimal(-1e-7), decimal(0))).toBe(-1);
    });
  });
});
