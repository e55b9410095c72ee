/**
 * Exact decimal comparisons for protocol thresholds (protocol.md "Exact arithmetic"), on the
 * domain's Decimal, with each number's decimal form remembered: a study's doses, VAS and Quebec
 * scores repeat a handful of values across hundreds of thousands of comparisons.
 */
import { add, compare, decimal, subtract, type Decimal } from '../../../trial-domain/src';

const MAX_CACHED = 100_000;
const cache = new Map<number, Decimal>();

export const exact = (n: number): Decimal => {
  let d = cache.get(n);
  if (d === undefined) {
    d = decimal(n);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(n, d);
  }
  return d;
};

export const atLeast = (n: number, threshold: number): boolean => compare(exact(n), exact(threshold)) >= 0;
export const atMost = (n: number, threshold: number): boolean => compare(exact(n), exact(threshold)) <= 0;
export const within = (n: number, min: number, max: number): boolean => atLeast(n, min) && atMost(n, max);

/** from - to >= threshold, exactly. */
export const fellByAtLeast = (from: number, to: number, threshold: number): boolean =>
  compare(subtract(exact(from), exact(to)), exact(threshold)) >= 0;

/** The sum of the numbers >= threshold, exactly. */
export const sumAtLeast = (ns: readonly number[], threshold: number): boolean =>
  compare(ns.map(exact).reduce(add, { units: 0n, scale: 0 }), exact(threshold)) >= 0;
