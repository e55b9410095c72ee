import { createHash } from 'node:crypto';

/**
 * Deterministic JSON so that a hash computed before storage can be recomputed from what a
 * store gives back: any store may reorder object keys (ESDB, JSON columns), none may change
 * values. Mirrors JSON.stringify for everything else (toJSON, undefined/functions dropped
 * from objects and nulled in arrays, non-finite numbers as null) so a round trip through
 * JSON.parse hashes the same. Bigints become decimal strings for the same reason.
 */
export function canonicalJson(value: unknown): string {
  let out: string | undefined;
  try {
    out = encodeShallow(value, 0);
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    out = encode(value);
  }
  return out === undefined ? 'null' : out;
}

/** Past this depth the recursive encoder hands over to the iterative one. */
const MAX_RECURSION = 200;
const TOO_DEEP = Symbol('too deep');

/**
 * The same encoding as `encode`, by recursion: several times faster and with far less garbage
 * for the shallow values the ledger hashes on every command; a deeper value starts over
 * iteratively.
 */
function encodeShallow(raw: unknown, depth: number): string | undefined {
  const v = resolved(raw);
  if (v === null) return 'null';
  if (typeof v !== 'object') return scalar(v);
  if (depth > MAX_RECURSION) throw TOO_DEEP;
  if (Array.isArray(v)) {
    let text = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) text += ',';
      text += encodeShallow(v[i], depth + 1) ?? 'null';
    }
    return text + ']';
  }
  const record = v as Record<string, unknown>;
  let text = '{';
  let n = 0;
  for (const key of Object.keys(record).sort()) {
    const member = encodeShallow(record[key], depth + 1);
    if (member === undefined) continue;
    text += `${n++ > 0 ? ',' : ''}${JSON.stringify(key)}:${member}`;
  }
  return text + '}';
}

/** A scalar's JSON text; undefined for what JSON.stringify drops (undefined, functions, symbols). */
function scalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    default:
      return undefined;
  }
}

const resolved = (value: unknown): unknown => {
  const withToJson = value as { toJSON?: () => unknown } | null;
  return withToJson !== null && typeof withToJson === 'object' && typeof withToJson.toJSON === 'function'
    ? withToJson.toJSON()
    : value;
};

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;

/**
 * Iterative, with an explicit stack: envelope keys the contract ignores may hold values nested
 * to any depth, and idempotency hashes the whole envelope, so no recursion may overflow here.
 */
function encode(root: unknown): string | undefined {
  const first = resolved(root);
  if (!isContainer(first)) return first === null ? 'null' : scalar(first);
  const out: string[] = [];
  // A frame is either literal text or a value still to encode.
  const stack: Array<{ text: string } | { value: unknown }> = [{ value: first }];
  while (stack.length > 0) {
    const frame = stack.pop() as { text: string } | { value: unknown };
    if ('text' in frame) {
      out.push(frame.text);
      continue;
    }
    const v = frame.value;
    if (v === null) {
      out.push('null');
      continue;
    }
    if (!isContainer(v)) {
      out.push(scalar(v) ?? 'null');
      continue;
    }
    const pending: Array<{ text: string } | { value: unknown }> = [];
    if (Array.isArray(v)) {
      pending.push({ text: '[' });
      v.forEach((item: unknown, i) => {
        if (i > 0) pending.push({ text: ',' });
        pending.push({ value: resolved(item) });
      });
      pending.push({ text: ']' });
    } else {
      const record = v as Record<string, unknown>;
      pending.push({ text: '{' });
      // Default sort compares UTF-16 code units, which is what the format promises.
      let n = 0;
      for (const key of Object.keys(record).sort()) {
        const member = resolved(record[key]);
        if (!isContainer(member) && member !== null && scalar(member) === undefined) continue;
        if (n++ > 0) pending.push({ text: ',' });
        pending.push({ text: `${JSON.stringify(key)}:` }, { value: member });
      }
      pending.push({ text: '}' });
    }
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i] as { text: string } | { value: unknown });
  }
  return out.join('');
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** SHA-256 of a value's canonical JSON: what signatures and idempotency compare. */
export const contentHash = (value: unknown): string => sha256Hex(canonicalJson(value));
