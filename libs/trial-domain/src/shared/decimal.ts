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

const align = (a: Decimal, b: Decimal): [bigint, bigint, number] => {
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
export const sum = (ns: readonly number[]): Decimal => ns.map(decimal).reduce(add, { units: 0n, scale: 0 });

/** The exact sum of the numbers >= threshold. */
export const sumAtLeast = (ns: readonly number[], threshold: number): boolean =>
  compare(sum(ns), decimal(threshold)) >= 0;

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
