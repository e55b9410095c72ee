/**
 * Calendar dates (`YYYY-MM-DD`, UTC) as day numbers since 1970-01-01, by integer arithmetic
 * (Howard Hinnant's days_from_civil): the report compares tens of thousands of dates, and
 * Date.parse allocates. Agrees with the domain's dayNumber for every valid date.
 */
export const dayOf = (date: string): number => {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

/** Days from `from` to `to` (negative when `to` is earlier). */
export const daysFrom = (from: string, to: string): number => dayOf(to) - dayOf(from);
