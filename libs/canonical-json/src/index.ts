import { createHash } from 'node:crypto';

/**
 * Deterministic JSON so that a hash computed before storage can be recomputed from what a
 * store gives back: any store may reorder object keys (ESDB, JSON columns), none may change
 * values. Mirrors JSON.stringify for everything else (toJSON, undefined/functions dropped
 * from objects and nulled in arrays, non-finite numbers as null) so a round trip through
 * JSON.parse hashes the same. Bigints become decimal strings for the same reason.
 */
export function canonicalJson(value: unknown): string {
  const out = encode(value);
  return out === undefined ? 'null' : out;
}

function encode(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return encode(withToJson.toJSON());
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => encode(item) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is what the format promises.
  const keys = Object.keys(record).sort();
  const members: string[] = [];
  for (const key of keys) {
    const encoded = encode(record[key]);
    if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
  }
  return `{${members.join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** SHA-256 of a value's canonical JSON: what signatures and idempotency compare. */
export const contentHash = (value: unknown): string => sha256Hex(canonicalJson(value));
