import {
  addDays,
  canonicalInstant,
  dayNumber,
  daysBetween,
  instantFromDate,
  isCalendarDate,
  latestClinicalDate,
  parseInstant,
  utcDate,
} from './dates';

describe('clinical dates', () => {
  describe('isCalendarDate', () => {
    it.each(['2024-02-29', '2000-02-29', '1996-02-29', '2023-02-28', '2024-12-31', '2024-01-01', '9999-12-31'])(
      '%s is a real date',
      (d) => expect(isCalendarDate(d)).toBe(true),
    );

    it.each(['0001-01-01', '0050-06-15', '0099-12-31', '0004-02-29'])(
      '%s is a real date (years below 100 are not shifted to 19xx)',
      (d) => expect(isCalendarDate(d)).toBe(true),
    );

    it.each([
      ['2023-02-29', 'not a leap year'],
      ['1900-02-29', 'century not divisible by 400'],
      ['2100-02-29', 'century not divisible by 400'],
      ['0100-02-29', 'century not divisible by 400'],
      ['2024-02-30', 'no Feb 30'],
      ['2024-04-31', 'April has 30 days'],
      ['2024-13-01', 'month 13'],
      ['2024-00-10', 'month 0'],
      ['2024-01-00', 'day 0'],
      ['2024-01-32', 'day 32'],
      ['2024-1-01', 'one-digit month'],
      ['24-01-01', 'two-digit year'],
      ['2024-01-01T00:00:00Z', 'an instant'],
      [' 2024-01-01', 'leading space'],
      ['2024-01-01\n', 'trailing newline'],
      ['2024/01/01', 'slashes'],
      ['\uff12\uff10\uff12\uff14-01-01', 'full-width digits'],
      ['', 'empty'],
    ])('%j is not (%s)', (d) => expect(isCalendarDate(d)).toBe(false));
  });

  describe('latestClinicalDate: the recorded date in UTC+14', () => {
    it.each([
      ['2024-06-01T10:00:00.000000Z', '2024-06-02'],
      ['2024-06-01T09:59:59.999999Z', '2024-06-01'],
      ['2024-06-01T00:00:00.000000Z', '2024-06-01'],
      ['2024-06-01T12:00:00.000000Z', '2024-06-02'],
      ['2024-06-01T23:59:59.999999Z', '2024-06-02'],
      ['2024-12-31T10:00:00.000000Z', '2025-01-01'],
      ['2024-02-28T10:00:00.000000Z', '2024-02-29'],
      ['2023-02-28T10:00:00.000000Z', '2023-03-01'],
    ])('recorded at %s: %s', (at, latest) => expect(latestClinicalDate(at)).toBe(latest));
  });

  describe('day arithmetic', () => {
    it('daysBetween counts calendar days', () => {
      expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
      expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
      expect(daysBetween('2024-03-10', '2024-03-01')).toBe(-9);
      expect(daysBetween('2024-03-30', '2024-03-31')).toBe(1);
    });

    it('addDays crosses months, years and leap days', () => {
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
      expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
      expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
      expect(addDays('2024-01-01', 365)).toBe('2024-12-31');
    });

    it('utcDate is the UTC date of an instant', () => {
      expect(utcDate('2024-06-01T23:59:59.999999Z')).toBe('2024-06-01');
      expect(utcDate('2024-06-02T00:00:00.000000Z')).toBe('2024-06-02');
    });
  });

  describe('recorded instants', () => {
    it('parseInstant normalises to UTC with six fraction digits', () => {
      expect(parseInstant('2024-06-01T12:00Z')).toBe('2024-06-01T12:00:00.000000Z');
      expect(parseInstant('2024-06-01T12:00:00.1+01:00')).toBe('2024-06-01T11:00:00.100000Z');
      expect(parseInstant('2024-06-01T12:00:00.000001-00:30')).toBe('2024-06-01T12:30:00.000001Z');
    });

    it.each(['2024-06-01T24:00Z', '2024-06-01t12:00Z', '2024-06-01T12:00z', '2024-02-30T12:00Z', '2024-06-01T12:00'])(
      'parseInstant rejects %s',
      (s) => expect(parseInstant(s)).toBeNull(),
    );

    it('canonicalInstant keeps whole seconds and the given fraction', () =>
      expect(canonicalInstant(Date.parse('2024-06-01T12:00:00.999Z'), '5')).toBe('2024-06-01T12:00:00.500000Z'));

    it('instantFromDate keeps milliseconds as microseconds', () => {
      expect(instantFromDate(new Date('2024-06-01T12:00:00.123Z'))).toBe('2024-06-01T12:00:00.123000Z');
      expect(instantFromDate(new Date('2024-06-01T12:00:00.005Z'))).toBe('2024-06-01T12:00:00.005000Z');
    });

    it('canonical instants sort as time does', () => {
      const instants = ['2024-06-01T12:00:00.5+01:00', '2024-06-01T10:59:59.999999Z', '2024-06-01T11:00Z'].map(
        (s) => parseInstant(s) as string,
      );
      expect([...instants].sort()).toEqual([instants[1], instants[2], instants[0]]);
    });
  });
});

describe('dayNumber by integer arithmetic', () => {
  it('agrees with the UTC calendar of Date across leap years and centuries', () => {
    for (let t = Date.UTC(1899, 11, 25); t < Date.UTC(2101, 0, 10); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      expect(dayNumber(date)).toBe(t / 86_400_000);
    }
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
  });
});
