/** Plain-text tables that paste as Markdown, and the write-side bench's table per store. */
import type { LedgerResult } from './api-on-ledger';
import type { Load } from './http-load';
import type { HttpLoads, Rate } from './throughput';

export const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${widths.map((w, i) => (i === 0 ? (cells[i] ?? '').padEnd(w) : (cells[i] ?? '').padStart(w))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? ':' : '-').padEnd(w + 1, '-') + (i === 0 ? '-' : ':')).join('|')}|`,
  ]
    .concat(rows.map(line))
    .join('\n');
};

/** 12345.6 -> "12,346"; NaN -> "n/a". */
export const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');

export const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : 'n/a');

export const mib = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : 'n/a';

/** autocannon's latencies are whole milliseconds. */
export const latency = (n: number): string => (!Number.isFinite(n) ? 'n/a' : n < 1 ? '<1' : String(Math.round(n)));

export const ratio = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

/** A target beside its measure: never an assertion. */
export const mark = (pass: boolean | undefined): string => (pass === undefined ? '' : pass ? 'pass' : 'MISS');

export interface StoreTable {
  readonly title: string;
  readonly appendName: string;
  readonly perEvent: Rate;
  readonly batched: Rate;
  readonly importRun: { readonly commands: number; readonly events: number; readonly seconds: number };
  readonly http: HttpLoads;
  readonly floor: Load;
  readonly ledger: LedgerResult | string;
}

const TARGET_LEDGER = 1_000_000;
const RSS_TARGET = 300 * 1024 * 1024;

/** One store's table: each measure, its ratio to its floor, the target and pass/MISS. */
export const storeTable = (t: StoreTable): string => {
  const importEps = t.importRun.events / t.importRun.seconds;
  const importRatio = importEps / t.batched.perSec;
  const http1Ratio = t.http.http1.perSec / t.perEvent.perSec;
  const http50Ratio = t.http.http50.perSec / t.perEvent.perSec;
  const load = (l: Load) => [`${int(l.perSec)} req/s`, latency(l.p50), latency(l.p99), int(l.non2xx + l.errors)];
  const plain = (measure: string, result: string) => [measure, result, '', '', '', '', '', ''];
  const rows: string[][] = [
    plain(
      `raw append, 1 event per transaction (${t.appendName}, first ${int(t.perEvent.events)} events)`,
      `${int(t.perEvent.perSec)} events/s`,
    ),
    plain(
      `raw append, 500 per transaction (inBatch + ${t.appendName}, first ${int(t.batched.events)} events)`,
      `${int(t.batched.perSec)} events/s`,
    ),
    [
      `import: importLines + CommandPipeline + inBatch (${int(t.importRun.commands)} commands)`,
      `${int(t.importRun.commands / t.importRun.seconds)} cmd/s, ${int(importEps)} events/s`,
      '',
      '',
      '',
      `${ratio(importRatio)} of 500/tx`,
      '>= 0.35',
      mark(importRatio >= 0.35),
    ],
    [
      'HTTP POST /api/v1/commands, 1 client',
      ...load(t.http.http1),
      `${ratio(http1Ratio)} of 1/tx`,
      '>= 0.50',
      mark(http1Ratio >= 0.5),
    ],
    [
      'HTTP POST /api/v1/commands, 50 clients',
      ...load(t.http.http50),
      `${ratio(http50Ratio)} of 1/tx`,
      '>= 1.00',
      mark(http50Ratio >= 1),
    ],
    [
      'HTTP GET /health, 50 clients',
      ...load(t.http.health50),
      `${ratio(t.http.health50.perSec / t.floor.perSec)} of floor`,
      '',
      '',
    ],
    ['HTTP floor: bare node:http server, 50 clients', ...load(t.floor), '', '', ''],
  ];
  let notes = '';
  if (typeof t.ledger === 'string') rows.push(plain('API on a big ledger', t.ledger));
  else {
    const { small, big } = t.ledger;
    const growth = (big.rssFirst - small.rssFirst) / (big.events - small.events);
    // a negative slope (noise, a GC) extrapolates to nothing: the big size's own RSS stands
    const at1M =
      big.events >= TARGET_LEDGER ? big.rssFirst : big.rssFirst + Math.max(0, growth) * (TARGET_LEDGER - big.events);
    for (const s of [small, big])
      rows.push(
        plain(
          `API on ${int(s.events)} events: RSS after start / after 1st command`,
          `${mib(s.rssStart)} / ${mib(s.rssFirst)}`,
        ),
        plain(
          `API on ${int(s.events)} events: spawn -> /health 200 / -> 1st command answered`,
          `${int(s.healthyMs)} ms / ${int(s.firstAnswerMs)} ms (the command: ${ms(s.firstCommandMs)} ms)`,
        ),
      );
    rows.push([
      `API RSS growth per ledger event (${int(small.events)} -> ${int(big.events)} events)`,
      `${growth.toFixed(1)} bytes/event`,
      '',
      '',
      '',
      big.events >= TARGET_LEDGER ? 'at 1M: measured' : 'at 1M: extrapolated',
      `< 300 MB at 1M: ${mib(at1M)}`,
      mark(at1M < RSS_TARGET),
    ]);
    if (t.ledger.capped)
      notes = `\n(the big ledger stopped at ${int(big.events)} events: the time allowed to build it ran out)`;
    notes += `\n(big ledger built in ${t.ledger.buildSeconds.toFixed(0)} s)`;
  }
  return (
    `\n${t.title}\n\n` +
    markdownTable(['measure', 'result', 'p50 ms', 'p99 ms', 'non-2xx', 'ratio', 'target', 'mark'], rows) +
    notes
  );
};
