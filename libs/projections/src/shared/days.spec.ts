import { addDays, dayNumber } from '../../../trial-domain/src';
import { dayOf, daysFrom } from './days';

describe('day numbers', () => {
  it('agrees with the domain calendar across leap years and centuries', () => {
    for (let day = dayNumber('1899-12-25'); day < dayNumber('2101-01-10'); day += 1) {
      const date = addDays('1970-01-01', day);
      expect(dayOf(date)).toBe(day);
    }
    expect(daysFrom('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysFrom('2023-02-28', '2023-03-01')).toBe(1);
  });
});
