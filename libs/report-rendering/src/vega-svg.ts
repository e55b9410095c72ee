/**
 * Vega-Lite specs to static SVG strings, in Node, with no canvas and no script: vega-lite compiles
 * each spec to Vega, and a headless vega `View` (`renderer: 'none'`) serialises it with `toSVG()`.
 *
 * vega and vega-lite are ES modules, and vega's graph holds a top-level await (its optional
 * node-canvas probe), so neither can be `require`d from this CommonJS code base, and a dynamic
 * `import()` is not available inside jest's module sandbox. The rendering therefore runs in a
 * short-lived worker thread, which loads them with Node's own ESM loader wherever this code runs
 * (the API, the CLI, the tests) and keeps vega's CPU work off the API's event loop.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite/build/index';

export type ChartSpec = TopLevelSpec;

/** Plain JavaScript: it runs as is in the worker (no transpiler there). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const [vega, vegaLite] = await Promise.all([import(workerData.vegaUrl), import(workerData.vegaLiteUrl)]);
  const svgs = [];
  for (const spec of workerData.specs) {
    const compiled = vegaLite.compile(spec, { logger: { level: () => 0, warn() {}, info() {}, debug() {}, error(e) { throw e; } } }).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.None });
    try {
      svgs.push(await view.toSVG());
    } finally {
      view.finalize();
    }
  }
  parentPort.postMessage({ svgs });
})().catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

/** How long a rendering may take before the worker is stopped. */
export const CHART_TIMEOUT_MS = 60_000;

const moduleUrl = (name: string): string => pathToFileURL(require.resolve(name)).href;

/** Renders each Vega-Lite spec to an SVG document string, in order. */
export const renderVegaLiteSvgs = (specs: readonly ChartSpec[]): Promise<string[]> => {
  if (specs.length === 0) return Promise.resolve([]);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { vegaUrl: moduleUrl('vega'), vegaLiteUrl: moduleUrl('vega-lite'), specs },
    // Nothing vega prints may reach the CLI's stdout (it carries the report itself).
    stdout: true,
  });
  worker.stdout.resume();
  let timer: NodeJS.Timeout | undefined;
  return new Promise<string[]>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`chart rendering took more than ${CHART_TIMEOUT_MS} ms`)),
      CHART_TIMEOUT_MS,
    );
    worker.once('message', (m: { svgs?: string[]; error?: string }) =>
      m.svgs ? resolve(m.svgs) : reject(new Error(`chart rendering failed: ${m.error ?? 'no answer'}`)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`chart rendering stopped (worker exit ${code})`)));
  }).finally(() => {
    clearTimeout(timer);
    void worker.terminate();
  });
};
