import { decimal, divideToDouble, nearestDouble, sum } from './decimal';

/** The mean of the numbers as written, exactly, then the nearest double. */
const exactMean = (ns: readonly number[]): number => divideToDouble(sum(ns), ns.length);

/** Old way: the sum of the doubles over n, rounded at every step. */
const floatMean = (ns: readonly number[]): number => ns.reduce((a, b) => a + b, 0) / ns.length;

/** A small deterministic generator (the same cases on every run). */
const lcg = (seed: number) => {
  let state = BigInt(seed);
  return (bits: number): bigint => {
    let out = 0n;
    for (let got = 0; got < bits; got += 31) {
      state = (state * 6364136223846793005n + 1442695040888963407n) & (2n ** 64n - 1n);
      out = (out << 31n) | (state >> 33n);
    }
    return out & ((1n << BigInt(bits)) - 1n);
  };
};

describe('exact quotients given as the nearest double', () => {
  describe('given a quotient of integers up to 2^53', () => {
    it('when divided, then it is IEEE division of the exact operands', () => {
      expect(nearestDouble(1n, 3n)).toBe(1 / 3);
      expect(nearestDouble(2n, 3n)).toBe(2 / 3);
      expect(nearestDouble(-7n, 2n)).toBe(-3.5);
      expect(nearestDouble(7n, -2n)).toBe(-3.5);
      expect(nearestDouble(0n, 5n)).toBe(0);
      expect(Object.is(nearestDouble(0n, -5n), 0)).toBe(true);
      expect(nearestDouble(2n ** 53n, 1n)).toBe(2 ** 53);
    });

    it('when divided by 0, then it is a RangeError', () => expect(() => nearestDouble(1n, 0n)).toThrow(RangeError));
  });

  describe('given integers beyond 2^53, where Number() would round each operand first', () => {
    it('when an integer over 1, then it is the nearest double, ties to even (as Number(bigint) rounds)', () => {
      expect(nearestDouble(2n ** 53n + 1n, 1n)).toBe(2 ** 53); // a tie: to the even mantissa
      expect(nearestDouble(2n ** 53n + 3n, 1n)).toBe(2 ** 53 + 4); // a tie: to the even mantissa
      expect(nearestDouble(2n ** 54n + 2n, 2n)).toBe(2 ** 53); // (2^53 + 1) again, a tie
      expect(nearestDouble((2n ** 54n + 2n) * 3n + 1n, 6n)).toBe(2 ** 53 + 2); // just above the tie
      expect(nearestDouble((2n ** 54n + 2n) * 3n - 1n, 6n)).toBe(2 ** 53); // just below the tie
      const next = lcg(7);
      for (let i = 0; i < 500; i += 1) {
        const a = next(54 + (i % 200)) + 1n;
        expect(nearestDouble(a, 1n)).toBe(Number(a));
        expect(nearestDouble(-a, 1n)).toBe(-Number(a));
      }
    });

    it('when both operands are scaled by the same factor, then the quotient is the one of the small operands', () => {
      const next = lcg(11);
      for (let i = 0; i < 2000; i += 1) {
        const a = next(1 + (i % 53));
        const b = next(1 + ((i * 7) % 53)) + 1n;
        const k = [10n ** 20n, 2n ** 70n + 1n, 3n ** 50n, 10n ** 300n][i % 4] as bigint;
        expect(nearestDouble(a * k, b * k)).toBe(Number(a) / Number(b));
      }
    });

    it('when the quotient is tiny or huge, then it keeps its magnitude', () => {
      expect(nearestDouble(1n, 10n ** 300n)).toBe(1e-300);
      expect(nearestDouble(10n ** 300n, 1n)).toBe(1e300);
      expect(nearestDouble(10n ** 400n, 1n)).toBe(Infinity);
    });
  });

  describe('given decimals as written', () => {
    it('when a total is divided by a count, then it is the exact quotient, rounded once', () => {
      expect(divideToDouble(sum([3.7, 4.4, 3.9]), 3)).toBe(4);
      expect(divideToDouble(decimal(0.3), 3)).toBe(0.1); // 0.3 / 3 in doubles is 0.09999999999999999
      expect(divideToDouble(decimal(10), 3)).toBe(10 / 3);
      expect(() => divideToDouble(decimal(1), 0)).toThrow(RangeError);
    });

    it('when a mean has a 17-digit value among its numbers, then it is still exact', () => {
      // 0.30000000000000004 is held as 30000000000000004 / 10^17: beyond 2^53 over 3 * 10^17.
      expect(exactMean([0.30000000000000004, 0.30000000000000004, 0.30000000000000004])).toBe(0.30000000000000004);
      // (0.1 + 0.2 + 0.30000000000000004) / 3 = 0.2000000000000000133..., nearest to the double 0.2.
      expect(exactMean([0.1, 0.2, 0.30000000000000004])).toBe(0.2);
    });

    it.each([
      [[3.7, 4.4, 3.9], 4, 4.000000000000001],
      [[4.1, 4.8, 3.1], 4, 3.9999999999999996],
      [[0.1, 0.2], 0.15, 0.15000000000000002],
      [[0, 0, 0.3], 0.1, 0.09999999999999999],
      [[0.1, 0.7], 0.4, 0.39999999999999997],
    ])('when the mean of %p is taken, then it is %p (summing doubles gave %p)', (ns, exact, old) => {
      expect(floatMean(ns)).toBe(old);
      expect(exactMean(ns)).toBe(exact);
    });

    it('when the same numbers come in another order, then the mean is the same double', () => {
      const ns = [0.1, 0.2, 0.3, 4.4, 3.7, 3.9, 7.05, 2.35];
      const orders = [ns, [...ns].reverse(), [...ns].sort((a, b) => a - b), [...ns].sort((a, b) => b - a)];
      expect(new Set(orders.map(floatMean)).size).toBeGreaterThan(1);
      expect(new Set(orders.map(exactMean)).size).toBe(1);
    });
  });
});
