import { createHash } from "node:crypto";

/**
 * Deterministic JSON: keys sorted by UTF-16 code units, no whitespace, numbers as JavaScript
 * prints them (so 5 and 5.0 are the same value), undefined members dropped. Two JSON values
 * are equal in the contract's sense exactly when their canonical forms are equal; hashes of
 * records and events are taken over this form.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value === "boolean" || typeof value === "number")
    return JSON.stringify(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new TypeError(`cannot canonicalise a ${typeof value}`);
};

export const sha256Hex = (text: string): string =>
  createHash("sha256").update(text).digest("hex");

export const contentHash = (value: unknown): string =>
  sha256Hex(canonicalJson(value));
