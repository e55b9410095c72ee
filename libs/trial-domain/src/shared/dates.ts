/** Clinical dates (YYYY-MM-DD) and recorded instants, handled as UTC calendar arithmetic. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isCalendarDate = (s: string): boolean => {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
};

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date, by integer arithmetic (Howard Hinnant's
 * days_from_civil): reports compare tens of thousands of dates, and Date.parse allocates.
 */
export const dayNumber = (date: string): number => {
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = Number(date.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

export const addDays = (date: string, days: number): string =>
  new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

/** The UTC date of an ISO instant. */
export const utcDate = (instant: string): string => new Date(instant).toISOString().slice(0, 10);

/** The UTC date of a recorded instant (canonical instants end in Z: their date is their first ten characters). */
export const utcDateOf = (instant: string): string =>
  /^\d{4}-\d{2}-\d{2}T[^+-]*Z$/.test(instant) ? instant.slice(0, 10) : utcDate(parseInstant(instant) ?? instant);

/**
 * The latest clinical date an entry recorded at `instant` may carry: the date in the
 * easternmost zone (UTC+14), since a site ahead of UTC enters its own today.
 */
export const latestClinicalDate = (instant: string): string =>
  new Date(Date.parse(instant) + 14 * 3_600_000).toISOString().slice(0, 10);

/**
 * ISO-8601 instant with an explicit zone, as commands.md allows:
 * YYYY-MM-DDThh:mm[:ss[.ffffff]](Z|+hh:mm|-hh:mm). Returns the canonical UTC form or null.
 */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

export const parseInstant = (s: string): string | null => {
  const m = INSTANT.exec(s);
  if (!m) return null;
  const [, date = '', hh = '', mm = '', ss = '00', frac = '', zone = 'Z', sign, zh = '0', zm = '0'] = m;
  if (!isCalendarDate(date)) return null;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  if (zone !== 'Z' && (Number(zh) > 23 || Number(zm) > 59)) return null;
  const local = Date.parse(`${date}T${hh}:${mm}:${ss}Z`);
  const offset = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm)) * 60_000;
  return canonicalInstant(local - offset, frac);
};

/**
 * Recorded instants are kept as `YYYY-MM-DDThh:mm:ss.ffffffZ` (microseconds, always six
 * digits) so that string order is time order in every store and index.
 */
export const canonicalInstant = (epochMsWholeSeconds: number, fraction = ''): string =>
  new Date(Math.floor(epochMsWholeSeconds / 1000) * 1000).toISOString().slice(0, 19) +
  '.' +
  (fraction + '000000').slice(0, 6) +
  'Z';

/** The server clock as a canonical instant. */
export const instantFromDate = (d: Date): string => {
  const ms = d.getTime();
  return canonicalInstant(ms, String(ms % 1000).padStart(3, '0'));
};
