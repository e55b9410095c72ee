/**
 * Exact decimal arithmetic for protocol thresholds (protocol.md "Exact arithmetic"): a JSON
 * number is taken as the shortest decimal that reads back as its double (what JavaScript
 * prints), then held as a scaled BigInt, so 4.6 - 2.6 is exactly 2 and 64 kg at 160 cm is
 * exactly a BMI of 25.
 */
export interface Decimal {
  /** value = units / 10^scale */
  readonly units: bigint;
  readonly scale: number;
}

/**
 * Doses, VAS and Quebec scores repeat a handful of values across hundreds of thousands of report
 * comparisons, so each number's decimal form is remembered (bounded; the mapping never changes).
 */
const MAX_REMEMBERED = 100_000;
const remembered = new Map<number, Decimal>();

export const decimal = (n: number): Decimal => {
  let d = remembered.get(n);
  if (d === undefined) {
    d = toDecimal(n);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(n, d);
  }
  return d;
};

const toDecimal = (n: number): Decimal => {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const text = String(n);
  const [mantissa = '0', exponentText] = text.toLowerCase().split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [intPart = '0', fracPart = ''] = mantissa.replace('-', '').split('.');
  let units = BigInt(intPart + fracPart);
  let scale = fracPart.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: negative ? -units : units, scale };
};

export const DECIMAL_ZERO: Decimal = { units: 0n, scale: 0 };

const align = (a: Decimal, b: Decimal): [bigint, bigint, number] => {
  // Running sums meet values of their own scale almost always: no power of ten to raise then.
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
};

export const compare = (a: Decimal, b: Decimal): -1 | 0 | 1 => {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
};

export const subtract = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
};

export const add = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
};

export const multiply = (a: Decimal, b: Decimal): Decimal => ({
  units: a.units * b.units,
  scale: a.scale + b.scale,
});

/** Number of decimal places of the number as JavaScript prints it (5.10 reads as 5.1: 1). */
export const decimalPlaces = (n: number): number => {
  const d = decimal(n);
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return scale;
};

export const gte = (n: number, threshold: number): boolean => compare(decimal(n), decimal(threshold)) >= 0;
export const lte = (n: number, threshold: number): boolean => compare(decimal(n), decimal(threshold)) <= 0;
export const inRange = (n: number, min: number, max: number): boolean => gte(n, min) && lte(n, max);

/** a - b >= threshold, exactly. */
export const fellBy = (from: number, to: number, threshold: number): boolean =>
  compare(subtract(decimal(from), decimal(to)), decimal(threshold)) >= 0;

/** Sum of numbers, exactly. */
export const sum = (ns: readonly number[]): Decimal => ns.map(decimal).reduce(add, DECIMAL_ZERO);

/** The exact sum of the numbers >= threshold. */
export const sumAtLeast = (ns: readonly number[], threshold: number): boolean =>
  compare(sum(ns), decimal(threshold)) >= 0;

const TWO_POW_53 = 2n ** 53n;
const MANTISSA_BITS = 53;

const bitLength = (n: bigint): number => n.toString(2).length;

/**
 * The double nearest to the rational numerator/denominator, ties to even: what one IEEE 754
 * division would give if it could take both operands exactly.
 *
 * When both magnitudes are at most 2^53 they are integers a double holds exactly, and IEEE 754
 * division (JavaScript's `/`) is correctly rounded, so `Number(a) / Number(b)` is already the
 * nearest double. Beyond 2^53 `Number(a)` would round a first (and `Number(b)` b), and the
 * quotient of two rounded operands can miss the nearest double; so the quotient is taken in
 * BigInt instead: scaled by 2^s to have 55 or 56 bits, cut to 53 bits, and rounded by hand on the
 * dropped bits (the remainder of the division tells a true half from a bit above it). Scaling the
 * rounded 53-bit mantissa back by its power of two is exact (it only moves the exponent) for every
 * normal double, which is every figure of the report; below 2^-1022 (subnormal) it could round twice.
 */
export const nearestDouble = (numerator: bigint, denominator: bigint): number => {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const a = numerator < 0n ? -numerator : numerator;
  const b = denominator < 0n ? -denominator : denominator;
  if (a === 0n) return 0;
  let x: number;
  if (a <= TWO_POW_53 && b <= TWO_POW_53) x = Number(a) / Number(b);
  else {
    // a / b lies in [2^(la-lb-1), 2^(la-lb+1)), so a * 2^s / b lies in [2^54, 2^56).
    const s = MANTISSA_BITS + 2 - bitLength(a) + bitLength(b);
    const [num, den] = s >= 0 ? [a << BigInt(s), b] : [a, b << BigInt(-s)];
    const q = num / den;
    const inexact = num % den !== 0n;
    const dropped = BigInt(bitLength(q) - MANTISSA_BITS); // 2 or 3
    let mantissa = q >> dropped;
    const rest = q & ((1n << dropped) - 1n);
    const half = 1n << (dropped - 1n);
    if (rest > half || (rest === half && (inexact || (mantissa & 1n) === 1n))) mantissa += 1n;
    // mantissa <= 2^53 is exact as a Number; 2 ** e is exact down to 2^-1074.
    x = Number(mantissa) * 2 ** (Number(dropped) - s);
  }
  return negative ? -x : x;
};

/**
 * The exact quotient of a decimal by a count, as the nearest double: a mean, total / n, rounded
 * once (the mean of 3.7, 4.4 and 3.9 is 4, where summing doubles gives 4.000000000000001).
 */
export const divideToDouble = (total: Decimal, n: number): number => {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`not a positive count: ${n}`);
  return nearestDouble(total.units, BigInt(n) * 10n ** BigInt(total.scale));
};

export const BMI_BANDS = ['<25', '25-29.9', '>=30'] as const;
export type BmiBand = (typeof BMI_BANDS)[number];

/**
 * BMI band of weightKg / (heightCm/100)^2 without dividing: bmi >= t  <=>  weight * 10^4 >= t * height^2.
 */
export const bmiBand = (weightKg: number, heightCm: number): BmiBand => {
  const w = multiply(decimal(weightKg), decimal(10000));
  const h2 = multiply(decimal(heightCm), decimal(heightCm));
  const atLeast = (t: number): boolean => compare(w, multiply(decimal(t), h2)) >= 0;
  return atLeast(30) ? '>=30' : atLeast(25) ? '25-29.9' : '<25';
};
