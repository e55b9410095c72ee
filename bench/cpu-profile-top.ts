/**
 * Where a V8 CPU profile (`node --cpu-prof`, a .cpuprofile JSON) spent its time: self time per
 * function and per package or lib folder, largest first. For the write-side bench's children
 * (BENCH_CPU_PROF=<dir>) or any other profile.
 *
 *   node dist/bench/cpu-profile-top.js <file.cpuprofile>... [--top 25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** node_modules/<package>, the repo's apps/<app> or libs/<lib>, node's own, or V8's pseudo-frames. */
const placeOf = (url: string, name: string): string => {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const mine = /\/dist\/((?:apps|libs)\/[^/]+|bench)\//.exec(url);
  return mine?.[1] ?? url.replace(/^file:\/\//, '');
};

const shortUrl = (url: string): string =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, '');

const summarise = (file: string, top: number): void => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length > 0)
    samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + Math.max(0, deltas[i + 1] ?? 0)));
  else {
    const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.nodes.length);
    for (const n of profile.nodes) self.set(n.id, (n.hitCount ?? 0) * interval);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)');
  const busy = total - idle.reduce((a, [, t]) => a + t, 0);

  // inclusive: a sample counts once for every package / folder on its stack
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
    const places = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (f !== undefined && f.functionName !== '(root)') places.add(placeOf(f.url, f.functionName));
    }
    for (const place of places) inclusive.set(place, (inclusive.get(place) ?? 0) + us);
  }

  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)?.callFrame;
    if (f === undefined || f.functionName === '(idle)') continue;
    const key = `${f.functionName || '(anonymous)'}  ${f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const place = placeOf(f.url, f.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const msOf = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\n${file}\n  busy ${msOf(busy).trim()} of ${msOf(total).trim()} profiled (the rest idle)`);
  console.log('\n  self time by package / folder (share of busy time)');
  for (const [place, us] of sorted(byPlace)) console.log(`  ${pct(us)} ${msOf(us)}  ${place}`);
  console.log('\n  inclusive time by package / folder (on the stack: itself and what it called)');
  for (const [place, us] of sorted(inclusive)) console.log(`  ${pct(us)} ${msOf(us)}  ${place}`);
  console.log(`\n  top ${top} functions by self time`);
  for (const [fn, us] of sorted(byFunction)) console.log(`  ${pct(us)} ${msOf(us)}  ${fn}`);
};

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) || 25 : 25;
const files = args.filter((a, i) => a !== '--top' && (topAt < 0 || i !== topAt + 1));
if (files.length === 0) {
  console.error('usage: node dist/bench/cpu-profile-top.js <file.cpuprofile>... [--top 25]');
  process.exit(2);
}
for (const file of files) summarise(file, top);
