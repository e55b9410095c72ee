/**
 * recordedAt filters compare strings, which only orders instants correctly once every value
 * has the same shape: UTC, millisecond precision, `Z` suffix (what Date#toISOString prints).
 */
export function normaliseInstant(value: string, what = 'recordedAt'): string {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw new Error(`${what} is not an ISO instant: ${JSON.stringify(value)}`);
  return new Date(millis).toISOString();
}
