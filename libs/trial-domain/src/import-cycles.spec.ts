/**
 * The domain's modules import each other without a circle (type-only imports included): shared
 * types sit in leaf modules (participant/command.ts), each command file imports only those and the
 * shared rules, and only the registry and the decider import the command files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = __dirname;

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gs)]
    .map((m) => resolve(dirname(file), m[1]!))
    .flatMap((base) => [`${base}.ts`, join(base, 'index.ts')].filter(existsSync).slice(0, 1));

/** Strongly connected components of more than one file (Tarjan), as paths under ROOT. */
const cycles = (files: readonly string[]): string[][] => {
  const edges = new Map(files.map((f) => [f, importsOf(f)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) visit(w);
      if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, low.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = stack.splice(stack.indexOf(v));
    if (component.length > 1) found.push(component.map((f) => relative(ROOT, f)).sort());
  };
  files.forEach((f) => index.has(f) || visit(f));
  return found;
};

it('has no import cycle', () => expect(cycles(sources(ROOT))).toEqual([]));
