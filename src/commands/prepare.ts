// rnnfc prepare: what the network will see: the framed, scaled rows and the fitted scaler.
import { loadSeries } from '../data/load.js';
import { describeFormat } from '../data/time-format.js';
import { describePeriod, type Gap } from '../data/time-index.js';
import { buildDataset } from '../pipeline/dataset.js';
import type { RunSettings } from '../options/train-options.js';
import type { ScalerParams } from '../transforms/scaler.js';

export interface PrepareOptions {
  file: string;
  settings: RunSettings;
}

export interface PreparedRow {
  time: string;
  set: 'train' | 'test';
  /** Scaled inputs, oldest lag first. */
  inputs: number[];
  /** Scaled target. */
  target: number;
}

/** The time column's axis as prepare reports it. */
export interface PreparedTime {
  /** How the labels are written: "YYYY-MM", "DD/MM/YYYY". */
  format: string;
  /** "1 day", "1 month"; null when no step makes up more than half of all steps. */
  period: string | null;
  /** Whole periods missing between consecutive rows, which are treated as consecutive all the same. */
  gaps: Gap[];
  /** Steps that are not a whole number of periods. */
  irregularSteps: number;
}

export interface PrepareResult {
  file: string;
  column: string;
  timeColumn: string | null;
  time: PreparedTime | null;
  diff: number;
  lags: number;
  counts: { observations: number; differences: number; rows: number; train: number; test: number };
  scaler: ScalerParams;
  rows: PreparedRow[];
  warnings: string[];
}

export async function prepare(options: PrepareOptions): Promise<PrepareResult> {
  const { series } = await loadSeries(options.file, options.settings);
  const d = buildDataset(series, options.settings.pipeline);
  const { lags, diff } = d.options;
  // one loop into one array: a million rows are too many to map into two arrays and spread
  const rows: PreparedRow[] = [];
  const add = (set: 'train' | 'test', framed: typeof d.train, scaled: number[][]) => {
    for (let i = 0; i < scaled.length; i++) {
      rows.push({ time: framed[i]!.time, set, inputs: scaled[i]!.slice(0, lags), target: scaled[i]![lags]! });
    }
  };
  add('train', d.train, d.trainScaled);
  add('test', d.test, d.testScaled);
  return {
    file: series.file,
    column: series.valueColumn.name,
    timeColumn: series.timeColumn?.name ?? null,
    time: series.timeAxis && {
      format: describeFormat(series.timeAxis.format),
      period: series.timeAxis.period && describePeriod(series.timeAxis.period),
      gaps: series.timeAxis.gaps,
      irregularSteps: series.timeAxis.irregularSteps,
    },
    diff,
    lags,
    counts: {
      observations: series.values.length,
      differences: d.diffs.length,
      rows: d.diffs.length - lags,
      train: d.train.length,
      test: d.test.length,
    },
    scaler: d.scaler,
    rows,
    warnings: [...series.warnings, ...d.warnings],
  };
}
