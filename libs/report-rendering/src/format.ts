/**
 * How the report's numbers and words are printed: fractions and percentages as the paper prints
 * them (`29/39 = 74%`, whole percentages rounded half-up in integers), means rounded half-up on
 * their decimal value, and every piece of text escaped. The JSON keeps each mean as the double
 * nearest to its exact value; only the rendering rounds.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML and SVG, in element content and in quoted attributes alike. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * A CSS string literal (for `content:` in @page margin boxes). Everything but plain letters, digits
 * and a few punctuation marks is a CSS hex escape, so no quote, backslash or `</style>` can leave it.
 */
export const cssString = (value: string): string =>
  `"${[...value.replace(/[\r\n\f]+/g, ' ')]
    .map((c) => (/^[A-Za-z0-9 ._:,+\-·()]$/.test(c) ? c : `\\${(c.codePointAt(0) ?? 0).toString(16)} `))
    .join('')}"`;

/**
 * `n / d` in percent, rounded half-up to `digits` decimals and scaled by 10^digits: the integer
 * floor((200 * 10^digits * n + d) / (2 * d)), taken in BigInt so that no step rounds (1/8 = 12.5%
 * prints 13%; 3/2000 = 0.15% prints 0.2% to one decimal, where `(100 * 3 / 2000).toFixed(1)`, on
 * the double 0.1499999..., prints 0.1%). n and d are counts (non-negative integers); null when d is 0.
 */
const scaledPercent = (n: number, d: number, digits: number): bigint | null =>
  d === 0 ? null : (200n * 10n ** BigInt(digits) * BigInt(n) + BigInt(d)) / (2n * BigInt(d));

/** `n / d` as a whole percentage rounded half-up, exactly (1/8 = 12.5% is 13). null when d is 0. */
export const percentHalfUp = (n: number, d: number): number | null => {
  const p = scaledPercent(n, d, 0);
  return p === null ? null : Number(p);
};

/** A scaled integer written with `digits` decimals: 1234n, 2 → `12.34`. */
const withDecimals = (scaled: bigint, digits: number): string => {
  const negative = scaled < 0n;
  const s = (negative ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const whole = s.slice(0, s.length - digits);
  const text = digits === 0 ? whole : `${whole}.${s.slice(s.length - digits)}`;
  return negative ? `-${text}` : text;
};

/** `29/39 = 74%`, or `-` when nothing was counted (d is 0). */
export const fractionCell = (n: number, d: number): string => {
  const p = percentHalfUp(n, d);
  return p === null ? '-' : `${n}/${d} = ${p}%`;
};

/** `74%` (or `74.4%` with one digit), rounded half-up exactly; `-` when d is 0. */
export const percentCell = (n: number, d: number, digits = 0): string => {
  const p = scaledPercent(n, d, digits);
  return p === null ? '-' : `${withDecimals(p, digits)}%`;
};

/**
 * Rounds half-up (away from zero) to `digits` decimals on the number's shortest decimal form, after
 * dropping float noise below 12 significant digits: 4.000000000000001 prints 4.0, 3.599999999999999
 * prints 3.6, and 2.25 prints 2.3 (toFixed would give 2.2 on the binary value).
 *
 * The report's means are the doubles nearest to their exact values (report.md), so the shortest
 * decimal of a mean is its exact value whenever that has at most 15 significant digits (a mean of
 * one-decimal VAS is 2.25, never 2.2499999999999996), and a mean that does not terminate is farther
 * from a rounding half than float noise for any realistic n (at least 1 / (20 n) for one-decimal
 * scores). The noise filter only matters for figures computed elsewhere (older reports, fixtures).
 */
export const roundHalfUp = (x: number, digits: number): string => {
  if (!Number.isFinite(x)) return '-';
  const negative = x < 0;
  const clean = Number(Math.abs(x).toPrecision(12));
  // String() is the shortest round-trip decimal; it only uses exponents far outside the scales here.
  const plain = /e/i.test(String(clean)) ? clean.toFixed(20) : String(clean);
  const [intPart = '0', fracPart = ''] = plain.split('.');
  const kept = (fracPart + '0'.repeat(digits)).slice(0, digits);
  const next = fracPart.charAt(digits);
  let scaled = BigInt(intPart + kept);
  if (next !== '' && next >= '5') scaled += 1n;
  const text = withDecimals(scaled, digits);
  return negative && scaled !== 0n ? `-${text}` : text;
};

/** A mean for a table cell, `-` when there is none. */
export const meanCell = (x: number | null, digits: number, suffix = ''): string =>
  x === null ? '-' : `${roundHalfUp(x, digits)}${suffix}`;

/** Arm key components (protocol.md "Treatment arm") as the paper names them in Table 1. */
const ARM_COMPONENT_LABELS: Readonly<Record<string, string>> = {
  L_EPI: 'L Epidural',
  C_EPI: 'C Epidural',
  L_FACET: 'L Facet',
  C_FACET: 'C Facet',
  DISK: 'Disk Inj',
  IV_ONLY: 'IV infusion only',
};

/** `L_EPI+L_FACET+DISK` → `L Epidural + L Facet + Disk Inj` (unknown parts kept as they are). */
export const armLabel = (armKey: string): string =>
  armKey
    .split('+')
    .map((part) => ARM_COMPONENT_LABELS[part] ?? part)
    .join(' + ');

const SUBGROUP_LABELS: Readonly<Record<string, string>> = {
  herniated_disc: 'Herniated disc (HD)',
  spondylolisthesis: 'Spondylolisthesis',
  prior_failed_surgery: 'Previous failed back surgery',
  baseline_vas_ge_8: 'Pre-treatment VAS ≥ 8',
};

export const subgroupLabel = (name: string): string => SUBGROUP_LABELS[name] ?? name;

/** A slice key of the report (`all`, `arm:<key>`, `subgroup:<name>`) as a row label. */
export const sliceLabel = (key: string): string => {
  if (key === 'all') return 'All patients';
  if (key.startsWith('arm:')) return armLabel(key.slice('arm:'.length));
  if (key.startsWith('subgroup:')) return subgroupLabel(key.slice('subgroup:'.length));
  return key;
};

const VISIT_LABELS: Readonly<Record<string, string>> = {
  baseline: 'Pre-treatment',
  m1: '1 M',
  m3: '3 M',
  m6: '6 M',
  m12: '12 M',
  m18: '18 M',
  m24: '24 M',
};

export const visitLabel = (visit: string): string => VISIT_LABELS[visit] ?? visit;

/** Code-unit order, the same on every machine (localeCompare depends on the locale). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `lost_to_follow_up` → `Lost to follow up`. */
export const humanize = (code: string): string => {
  const words = code.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
