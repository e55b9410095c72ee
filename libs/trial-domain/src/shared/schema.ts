/**
 * The shape rules of commands.md "Fields", as data: one small schema language that the import,
 * the API and the amendment commands share, so that a rule is written once and every door
 * rejects the same input with the same 400 message naming the field.
 */
import { decimalPlaces, gte, lte } from './decimal';
import { isCalendarDate } from './dates';
import { ValidationFailed } from './errors';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_STRING = 2000;

export type FieldRule =
  | {
      readonly kind: 'string';
      readonly pattern?: RegExp;
      readonly allowEmpty?: boolean;
    }
  | { readonly kind: 'recordId' }
  | { readonly kind: 'reason' }
  | { readonly kind: 'date' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
  | {
      readonly kind: 'number';
      readonly min?: number;
      readonly max?: number;
      readonly exclusiveMin?: boolean;
      readonly maxDecimals?: number;
    }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | {
      readonly kind: 'enumSet';
      readonly values: readonly string[];
      readonly nonEmpty?: boolean;
    }
  | {
      readonly kind: 'objects';
      readonly of: Schema;
      readonly nonEmpty?: boolean;
    }
  | { readonly kind: 'object' };

export interface Field {
  readonly rule: FieldRule;
  readonly optional?: boolean;
  /** `null` counts as absent (commands.md: globalImprovement, outcome). */
  readonly nullMeansAbsent?: boolean;
}

export type Schema = Readonly<Record<string, Field>>;

const fail = (path: string, rule: string): never => {
  throw new ValidationFailed(`${path} ${rule}`, path);
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const checkString = (v: unknown, path: string, allowEmpty = false): string => {
  if (typeof v !== 'string') return fail(path, 'must be a string');
  if (!allowEmpty && v.length === 0) fail(path, 'must not be empty');
  if (v.length > MAX_STRING) fail(path, `must be at most ${MAX_STRING} characters`);
  return v;
};

const checkNumber = (v: unknown, path: string): number => {
  if (typeof v !== 'number') return fail(path, 'must be a number');
  if (!Number.isFinite(v)) fail(path, 'must be a finite number');
  return v;
};

/** Validates one value against its rule; returns the value to keep. */
export const checkValue = (rule: FieldRule, v: unknown, path: string): unknown => {
  switch (rule.kind) {
    case 'string': {
      const s = checkString(v, path, rule.allowEmpty);
      if (rule.pattern && !rule.pattern.test(s)) fail(path, `must match the pattern ${rule.pattern.source}`);
      return s;
    }
    case 'recordId': {
      const s = checkString(v, path);
      if (!ID_PATTERN.test(s)) fail(path, `must match the pattern ${ID_PATTERN.source}`);
      return s;
    }
    case 'reason':
      // Blank reasons are a 422 rule checked by the decider; the shape only asks for a string.
      return checkString(v, path, true);
    case 'date': {
      const s = checkString(v, path);
      if (!isCalendarDate(s)) fail(path, 'must be a real calendar date YYYY-MM-DD');
      return s;
    }
    case 'boolean':
      if (typeof v !== 'boolean') fail(path, 'must be a boolean');
      return v;
    case 'integer': {
      const n = checkNumber(v, path);
      if (!Number.isInteger(n)) fail(path, 'must be an integer');
      if (rule.min !== undefined && n < rule.min) fail(path, `must not be less than ${rule.min}`);
      if (rule.max !== undefined && n > rule.max) fail(path, `must not be greater than ${rule.max}`);
      return n;
    }
    case 'number': {
      const n = checkNumber(v, path);
      if (rule.min !== undefined) {
        if (rule.exclusiveMin ? lte(n, rule.min) : !gte(n, rule.min))
          fail(path, rule.exclusiveMin ? `must be greater than ${rule.min}` : `must not be less than ${rule.min}`);
      }
      if (rule.max !== undefined && !lte(n, rule.max)) fail(path, `must not be greater than ${rule.max}`);
      if (rule.maxDecimals !== undefined && decimalPlaces(n) > rule.maxDecimals)
        fail(path, `must have at most ${rule.maxDecimals} decimal place${rule.maxDecimals === 1 ? '' : 's'}`);
      return n;
    }
    case 'enum':
      if (typeof v !== 'string' || !rule.values.includes(v)) fail(path, `must be one of ${rule.values.join(', ')}`);
      return v;
    case 'enumSet': {
      if (!Array.isArray(v)) return fail(path, 'must be an array');
      if (rule.nonEmpty && v.length === 0) fail(path, 'must not be empty');
      v.forEach((x, i) => {
        if (typeof x !== 'string' || !rule.values.includes(x))
          fail(`${path}[${i}]`, `must be one of ${rule.values.join(', ')}`);
      });
      if (new Set(v).size !== v.length) fail(path, 'must not hold a value more than once');
      return [...v];
    }
    case 'objects': {
      if (!Array.isArray(v)) return fail(path, 'must be an array');
      if (rule.nonEmpty && v.length === 0) fail(path, 'must not be empty');
      return v.map((x, i) => checkObject(rule.of, x, `${path}[${i}]`));
    }
    case 'object':
      if (!isPlainObject(v)) fail(path, 'must be an object');
      return v;
  }
};

/**
 * Checks an object against a schema: unknown fields and missing required fields are 400,
 * `null` is 400 unless the field says it counts as absent. Returns a clean copy without
 * absent members.
 */
export const checkObject = (schema: Schema, value: unknown, path: string): Record<string, unknown> => {
  if (!isPlainObject(value)) return fail(path, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!Object.prototype.hasOwnProperty.call(schema, key)) fail(`${path}.${key}`, 'is not an allowed field');
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema)) {
    const v = value[key];
    const present = Object.prototype.hasOwnProperty.call(value, key) && v !== undefined;
    if (present && v === null) {
      if (field.nullMeansAbsent) continue;
      fail(`${path}.${key}`, 'must not be null');
    }
    if (!present) {
      if (!field.optional) fail(`${path}.${key}`, 'is required');
      continue;
    }
    out[key] = checkValue(field.rule, v, `${path}.${key}`);
  }
  return out;
};

/**
 * Checks a `changes` object against the correctable fields of a record kind. Every field is
 * optional; `null` is allowed only where `clearable` says so (and kept as null: it clears).
 */
export const checkChanges = (
  schema: Schema,
  clearable: readonly string[],
  value: unknown,
  path: string,
): Record<string, unknown> => {
  if (!isPlainObject(value)) return fail(path, 'must be an object');
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // Own members only: `constructor`, `__proto__`… are unknown fields, not Object.prototype's.
    const field = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
    if (!field) return fail(`${path}.${key}`, 'is not a correctable field of this record');
    if (v === undefined) continue;
    if (v === null) {
      if (!clearable.includes(key)) fail(`${path}.${key}`, 'must not be null');
      out[key] = null;
      continue;
    }
    out[key] = checkValue(field.rule, v, `${path}.${key}`);
  }
  return out;
};
