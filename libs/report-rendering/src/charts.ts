/**
 * The report's figures as Vega-Lite specs: mean VAS and mean Quebec by visit per arm, and the
 * responder rate (% with MCID) by visit for all patients and each arm. Data points are the
 * report's own numbers (a visit nobody was assessed at has no point); the tables carry the counts.
 */
import type { StudyReport } from '../../projections/src';
import type { ChartSpec } from './vega-svg';
import { armLabel, percentHalfUp, visitLabel } from './format';

export const ALL_PATIENTS = 'All patients';

/** Series colours (Tableau 10, the light ones darkened to read on paper), black reserved for all patients. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#499894', '#59a14f', '#b6992d', '#b07aa1', '#d37295', '#9c755f'];
const SHAPES = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'cross',
  'triangle-down',
  'triangle-right',
  'triangle-left',
];

interface Point {
  readonly series: string;
  readonly visit: string;
  readonly order: number;
  readonly value: number;
}

export interface ChartOptions {
  /** Visits on the x axis, in order (visits not yet due for anyone are left out by the caller). */
  readonly visits: readonly string[];
  readonly width?: number;
  readonly height?: number;
}

export const armKeys = (report: StudyReport): string[] =>
  Object.keys(report.slices)
    .filter((k) => k.startsWith('arm:'))
    .map((k) => k.slice('arm:'.length));

const seriesOf = (report: StudyReport): { key: string; label: string }[] => [
  { key: 'all', label: ALL_PATIENTS },
  ...armKeys(report).map((arm) => ({ key: `arm:${arm}`, label: armLabel(arm) })),
];

const lineChart = (
  points: readonly Point[],
  series: readonly string[],
  options: ChartOptions,
  y: { title: string; domain?: [number, number]; format?: string },
): ChartSpec => {
  const visits = options.visits.map(visitLabel);
  const colours = series.map((s, i) =>
    s === ALL_PATIENTS ? '#000000' : (PALETTE[(i - 1) % PALETTE.length] ?? '#888888'),
  );
  const shapes = series.map((_, i) => SHAPES[i % SHAPES.length] ?? 'circle');
  const encoding = {
    x: {
      field: 'visit',
      type: 'ordinal' as const,
      title: 'Visit',
      sort: visits,
      scale: { domain: visits },
      axis: { labelAngle: 0 },
    },
    y: {
      field: 'value',
      type: 'quantitative' as const,
      title: y.title,
      ...(y.domain && { scale: { domain: y.domain, nice: false } }),
      ...(y.format && { axis: { format: y.format } }),
    },
    color: {
      field: 'series',
      type: 'nominal' as const,
      title: null,
      scale: { domain: [...series], range: colours },
      legend: { labelLimit: 280, orient: 'right' as const, symbolStrokeWidth: 2 },
    },
    order: { field: 'order', type: 'quantitative' as const },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: options.width ?? 470,
    height: options.height ?? 210,
    background: 'white',
    data: { values: points.map((p) => ({ ...p })) },
    config: {
      font: 'Helvetica, Arial, sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#e3e3e3' },
      legend: { labelFontSize: 11 },
    },
    layer: [
      {
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          ...encoding,
          strokeWidth: { condition: { test: `datum.series === '${ALL_PATIENTS}'`, value: 3 }, value: 1.6 },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 46, opacity: 1 },
        encoding: {
          ...encoding,
          shape: { field: 'series', type: 'nominal', title: null, scale: { domain: [...series], range: shapes } },
        },
      },
    ],
  } as ChartSpec;
};

/** Mean of a score by visit, per arm and for all patients. */
const meansChart = (
  report: StudyReport,
  options: ChartOptions,
  score: 'vas' | 'quebec',
  title: string,
  domain?: [number, number],
): ChartSpec => {
  const series = seriesOf(report);
  const points: Point[] = [];
  for (const { key, label } of series)
    options.visits.forEach((visit, order) => {
      const m = report.slices[key]?.means[visit as keyof StudyReport['slices'][string]['means']];
      const value = m?.[score];
      if (m && m.n > 0 && value !== null && value !== undefined)
        points.push({ series: label, visit: visitLabel(visit), order, value });
    });
  return lineChart(
    points,
    series.map((s) => s.label),
    options,
    domain ? { title, domain } : { title },
  );
};

export const meanVasChart = (report: StudyReport, options: ChartOptions): ChartSpec =>
  meansChart(report, options, 'vas', 'Mean VAS (0-10)', [0, 10]);

export const meanQuebecChart = (report: StudyReport, options: ChartOptions): ChartSpec =>
  meansChart(report, options, 'quebec', 'Mean Quebec score');

/** % of assessed participants with MCID at each follow-up visit (whole percentages, as in the tables). */
export const responderRateChart = (report: StudyReport, options: ChartOptions): ChartSpec => {
  const series = seriesOf(report);
  const visits = options.visits.filter((v) => v !== 'baseline');
  const points: Point[] = [];
  for (const { key, label } of series)
    visits.forEach((visit, order) => {
      const e = report.slices[key]?.efficacy[visit as keyof StudyReport['slices'][string]['efficacy']];
      const pct = e ? percentHalfUp(e.responders, e.assessed) : null;
      if (pct !== null) points.push({ series: label, visit: visitLabel(visit), order, value: pct });
    });
  return lineChart(
    points,
    series.map((s) => s.label),
    { ...options, visits },
    { title: '% with MCID', domain: [0, 100] },
  );
};
