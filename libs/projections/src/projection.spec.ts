import { canonicalRecordedAt, formatInstant, parseAsOf } from './projection';

describe('as-of instants', () => {
  it.each([
    ['2025-01-31T23:59:59Z', '2025-01-31T23:59:59.000000Z'],
    ['2025-02-01T01:59:59+02:00', '2025-01-31T23:59:59.000000Z'],
    ['2025-02-01T01:59:59+0200', '2025-01-31T23:59:59.000000Z'],
    ['2025-01-31T20:59-03', '2025-01-31T23:59:00.000000Z'],
    ['2025-01-31T23:59:59.1234567Z', '2025-01-31T23:59:59.123456Z'],
  ])('reads %s', (text, canonical) => expect(parseAsOf(text)).toBe(canonical));

  it.each([
    '2025-01-31',
    '2025-01-31T23:59:59',
    '2025-13-01T00:00:00Z',
    '2025-02-30T00:00:00Z',
    '2025-01-31T24:00:00Z',
    'now',
    '2025-01-31 23:59:59Z',
    '',
  ])('refuses %j', (text) => expect(parseAsOf(text)).toBeNull());

  it('formats compactly and keeps canonical instants as they are', () => {
    expect(formatInstant('2025-01-31T23:59:59.000000Z')).toBe('2025-01-31T23:59:59Z');
    expect(formatInstant('2025-01-31T23:59:59.120000Z')).toBe('2025-01-31T23:59:59.12Z');
    expect(canonicalRecordedAt('2025-01-31T23:59:59.120000Z')).toBe('2025-01-31T23:59:59.120000Z');
    expect(canonicalRecordedAt('2025-01-31T23:59:59Z')).toBe('2025-01-31T23:59:59.000000Z');
  });
});
