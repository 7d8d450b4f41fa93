// Renders a study: the describe() table with p-values, the persistence RMSE and the box plots.
import type { CompareResult } from '../commands/compare.js';
import type { ExperimentSummary } from '../compare/summary.js';
import { renderBoxPlots } from './boxplot.js';
import type { BaselineName } from '../baselines/baseline.js';
import type { ClassMetric, CompareBaseline, CompareClassBaseline, CompareMetric } from '../commands/compare.js';
import { csv, fixed, json, table, type Format } from './format.js';

const ROWS: [string, keyof ExperimentSummary][] = [
  ['count', 'count'],
  ['mean', 'mean'],
  ['std', 'std'],
  ['min', 'min'],
  ['25%', 'q25'],
  ['50%', 'median'],
  ['75%', 'q75'],
  ['max', 'max'],
  ['p (Welch t)', 'p_welch'],
  ['p (Mann-Whitney U)', 'p_mannwhitney'],
  ['p (Wilcoxon)', 'p_wilcoxon'],
];

/** How each baseline other than persistence (┆) is marked on the box plots. */
const BASELINE_MARKS: Record<BaselineName, string> = { persistence: '┆', 'seasonal-naive': 's', mean: 'm', 'holt-winters': 'h' };

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/** A baseline's value of a regression metric; NaN for a classification metric (baselines are regression's here). */
function metricOf(b: CompareBaseline, metric: CompareMetric): number {
  return metric === 'rmse' || metric === 'mae' || metric === 'mape' || metric === 'mase' ? b[metric] : NaN;
}

/** The baseline with the smallest value of `metric` (NaN values left out), or null. */
function bestBaseline(baselines: readonly CompareBaseline[], metric: CompareMetric): CompareBaseline | null {
  let best: CompareBaseline | null = null;
  for (const b of baselines) if (Number.isFinite(metricOf(b, metric)) && (best === null || metricOf(b, metric) < metricOf(best, metric))) best = b;
  return best;
}

/** How the classification baselines are marked on the box plots. */
const CLASS_BASELINE_MARKS: Record<CompareClassBaseline['name'], string> = { majority: 'm', persistence: 'p' };

/** The best classification baseline by `metric`: lowest log loss, else highest. */
function bestClassBaseline(baselines: readonly CompareClassBaseline[], metric: ClassMetric): CompareClassBaseline | null {
  let best: CompareClassBaseline | null = null;
  const better = (a: number, b: number) => (metric === 'log_loss' ? a < b : a > b);
  for (const b of baselines) if (Number.isFinite(b[metric]) && (best === null || better(b[metric], best[metric]))) best = b;
  return best;
}

const SHORT: Partial<Record<keyof ExperimentSummary, string>> = { p_welch: 'p Welch', p_mannwhitney: 'p M-W U', p_wilcoxon: 'p Wilcoxon' };

export function compareJson(r: CompareResult) {
  return {
    metric: r.metric,
    persistence_rmse: r.persistenceRmse,
    ...(r.metric !== 'rmse' ? { [`persistence_${r.metric}`]: r.persistenceMetric } : {}),
    season: r.season?.m ?? null,
    baselines: r.baselines.map((b) => ({ name: b.name, rmse: b.rmse, mae: b.mae, mape: finiteOrNull(b.mape), mase: finiteOrNull(b.mase) })),
    best_baseline: bestBaseline(r.baselines, r.metric)?.name ?? null,
    ...(r.accuracy ? { accuracy: r.accuracy } : {}),
    ...(r.classBaselines
      ? { baselines: r.classBaselines, best_baseline: bestClassBaseline(r.classBaselines, r.metric as ClassMetric)?.name ?? null }
      : {}),
    baseline: r.baseline,
    experiments: r.experiments.map((e) => ({
      name: e.name, count: e.count, mean: e.mean, std: e.std, min: e.min, q25: e.q25, median: e.median, q75: e.q75, max: e.max,
      p_welch: e.p_welch, p_mannwhitney: e.p_mannwhitney, p_wilcoxon: e.p_wilcoxon,
    })),
    warnings: r.warnings,
  };
}

function cell(key: keyof ExperimentSummary, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (key === 'count') return String(v);
  if (typeof v !== 'number') return String(v);
  return key.startsWith('p_') ? (v < 0.0001 ? v.toExponential(1) : v.toFixed(4)) : fixed(v);
}

export function renderCompare(r: CompareResult, format: Format, width = 80): string {
  if (format === 'json') return json(compareJson(r));
  if (format === 'csv') {
    return csv(['statistic', ...r.experiments.map((e) => e.name)], ROWS.map(([label, key]) => [label, ...r.experiments.map((e) => (e[key] as number | null) ?? null)]));
  }
  const lines: string[] = [];
  const name = r.accuracy ? r.metric.replace(/_/g, ' ') : r.metric.toUpperCase();
  lines.push(`test ${name} over repeats (p-values against "${r.baseline}")`);
  // pandas' layout, one column per experiment; turned so each experiment is a row when that
  // would not fit the terminal.
  const wide = table(['', ...r.experiments.map((e) => e.name)], ROWS.map(([label, key]) => [label, ...r.experiments.map((e) => cell(key, e[key]))]));
  const fits = wide.split('\n').every((l) => l.length <= width);
  lines.push(fits ? wide : table(['', ...ROWS.map(([label, key]) => SHORT[key] ?? label)], r.experiments.map((e) => [e.name, ...ROWS.map(([, key]) => cell(key, e[key]))])));
  if (r.persistenceMetric !== null) lines.push(`persistence ${name}: ${fixed(r.persistenceMetric)}`);
  if (r.accuracy && r.metric !== 'accuracy') lines.push(`mean test accuracy: ${r.accuracy.map((a) => `${a.name} ${a.mean === null ? 'n/a' : fixed(a.mean)}`).join(', ')}`);
  const classMarks = (r.classBaselines ?? []).filter((b) => Number.isFinite(b[r.metric as ClassMetric]));
  if (classMarks.length > 0) {
    lines.push(`baselines: ${classMarks.map((b) => `${b.name} ${name} ${fixed(b[r.metric as ClassMetric])}`).join(', ')}`);
  }
  const others = r.baselines.filter((b) => b.name !== 'persistence' && Number.isFinite(metricOf(b, r.metric)));
  if (others.length > 0) {
    lines.push(`other baselines${r.season?.m ? ` (season ${r.season.m}, ${r.season.source})` : ''}: ${others.map((b) => `${b.name} ${name} ${fixed(metricOf(b, r.metric))}`).join(', ')}`);
  }
  const groups = r.groups
    .map((g) => ({ name: g.name, values: g.values.filter((v): v is number => v !== null && Number.isFinite(v)) }))
    .filter((g) => g.values.length > 0);
  if (groups.length > 0) {
    lines.push('');
    lines.push(
      ...renderBoxPlots(groups, {
        width: Math.max(40, width),
        reference: r.persistenceMetric !== null ? { value: r.persistenceMetric, label: `persistence ${name}` } : undefined,
        marks: [
          ...others.map((b) => ({ value: metricOf(b, r.metric), label: `${b.name} ${name}`, mark: BASELINE_MARKS[b.name] })),
          ...classMarks.map((b) => ({ value: b[r.metric as ClassMetric], label: `${b.name} ${name}`, mark: CLASS_BASELINE_MARKS[b.name] })),
        ],
      }),
    );
  }
  return lines.join('\n') + '\n';
}
