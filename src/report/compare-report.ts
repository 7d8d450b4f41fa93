// The sections of `compare --report`: box plots of the test RMSE of each experiment with the
// persistence RMSE as the line to beat, and the statistics and p-values against the baseline.
import type { TopLevelSpec } from 'vega-lite';
import type { CompareResult } from '../commands/compare.js';
import { INK } from './charts.js';
import type { Cell } from './html.js';
import type { Report, ReportSection } from './report.js';

const round = (v: number) => Number(v.toPrecision(6));

export function compareReport(r: CompareResult, command: string): Report {
  const repeats = Math.max(0, ...r.groups.map((g) => g.values.length));
  return {
    title: 'rnnfc compare',
    meta: [command],
    summary: [
      ['experiments', `${r.groups.length} (${r.groups.map((g) => g.name).join(', ')})`],
      ['runs per experiment', String(repeats)],
      ['baseline', `${r.baseline} (the p-values test each experiment against it)`],
      ...(r.persistenceMetric !== null ? ([[`persistence ${r.metric.toUpperCase()}`, String(round(r.persistenceMetric))]] as [string, string][]) : []),
    ],
    warnings: r.warnings,
    sections: [boxPlotSection(r)],
  };
}

export function boxPlotSection(r: CompareResult): ReportSection {
  const values = r.groups.flatMap((g) => g.values.filter((v): v is number => v !== null && Number.isFinite(v)).map((rmse) => ({ experiment: g.name, rmse })));
  const order = r.groups.map((g) => g.name);
  const name = r.metric.toUpperCase();
  const baseLine = r.persistenceMetric !== null && Number.isFinite(r.persistenceMetric) ? [{ rmse: r.persistenceMetric, label: `persistence ${name} ${round(r.persistenceMetric)}` }] : [];
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 720,
    height: Math.max(120, 48 * order.length),
    layer: [
      {
        data: { values },
        mark: { type: 'boxplot', extent: 1.5, color: INK.band, median: { color: INK.actual, strokeWidth: 2 }, rule: { color: INK.actual }, outliers: { color: INK.actual } },
        encoding: {
          y: { field: 'experiment', type: 'nominal', sort: order, title: null },
          x: { field: 'rmse', type: 'quantitative', title: `test ${name}`, scale: { zero: false } },
        },
      },
      ...(baseLine.length
        ? [
            { data: { values: baseLine }, mark: { type: 'rule', color: INK.predicted, strokeDash: INK.dash, strokeWidth: 2 }, encoding: { x: { field: 'rmse', type: 'quantitative' } } } as const,
            {
              data: { values: baseLine },
              mark: { type: 'text', align: 'right', baseline: 'top', dx: -4, y: 0, color: INK.predicted },
              encoding: { x: { field: 'rmse', type: 'quantitative' }, text: { field: 'label' } },
            } as const,
          ]
        : []),
    ],
  } as TopLevelSpec;
  const rows: Cell[][] = r.experiments.map((e) => [e.name, e.count, e.mean, e.std, e.min, e.q25, e.median, e.q75, e.max, e.p_welch, e.p_mannwhitney, e.p_wilcoxon]);
  return {
    id: 'rmse',
    title: `Test ${name} over repeats`,
    caption:
      `One box per experiment: the middle half of its runs' test ${name}, the median, whiskers to 1.5 times the box, and outliers as points` +
      (baseLine.length ? `; the dashed line is the persistence ${name} (forecasting each value by the previous one), the line to beat.` : '.'),
    chart: spec,
    table: {
      head: ['experiment', 'count', 'mean', 'std', 'min', '25%', 'median', '75%', 'max', 'p (Welch t)', 'p (Mann-Whitney U)', 'p (Wilcoxon)'],
      rows,
      caption: `Statistics, and two-sided p-values against "${r.baseline}"`,
    },
  };
}
