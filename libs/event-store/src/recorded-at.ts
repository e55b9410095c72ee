/**
 * recordedAt filters and the study clock compare strings, which only orders instants correctly
 * once every value has the same shape: UTC, microsecond precision (six digits, as the ledger
 * records them), `Z` suffix.
 */
export function normaliseInstant(value: string, what = 'recordedAt'): string {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw new Error(`${what} is not an ISO instant: ${JSON.stringify(value)}`);
  // Date keeps milliseconds; the digits after them are kept from the text (an offset never moves them).
  const fraction = /T\d\d:\d\d:\d\d\.(\d+)/.exec(value)?.[1] ?? '';
  const micros = (fraction + '000000').slice(3, 6);
  return `${new Date(millis).toISOString().slice(0, 23)}${micros}Z`;
}
