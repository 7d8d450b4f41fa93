// The whole pipeline from a table to what the network sees: transform each column, frame the
// windows, split, fit the encodings (scalers, one-hot categories) on the rows the training
// samples read, and cut the scaled windows. Nothing is fitted before the split, so test rows
// cannot leak into the fitted parameters.
import { DataError, UsageError } from '../errors.js';
import type { FeatureEncoding, Framing, PipelineOptions, ScalerParams, Table, TableColumn, TargetEncoding, Task, Transform, Windows } from '../core/types.js';
import { fitColumnScaler, scaleValue } from '../transforms/scaler.js';
import { fitCategories } from '../transforms/one-hot.js';
import { applyTransform, transformLag, transformOf } from '../transforms/transform.js';
import { encodeRows, type EncodedRows } from './encode.js';
import { splitWindows, testRowCount, windowEnds, type TestSize } from './framing.js';
import { cutWindows } from './windows.js';
import { cutClassWindows, fitClassTargets, type ClassTargets } from './class-targets.js';
import type { LabelsPer } from '../core/types.js';

export type { PipelineOptions } from '../core/types.js';

export const DEFAULT_PIPELINE: PipelineOptions = {
  diff: 1,
  lags: 1,
  horizon: 1,
  test: { kind: 'count', n: 12 },
  scale: 'minmax',
  range: [-1, 1],
  layout: 'long',
};

export interface Dataset {
  options: PipelineOptions;
  task: Task;
  table: Table;
  /** The target column on its original scale (what forecasts are compared with). */
  values: Float64Array;
  /** The target column transformed (NaN before `start`), unscaled. */
  transformedTarget: Float64Array;
  /** First row with every column's transformed value. */
  start: number;
  features: FeatureEncoding[];
  target: TargetEncoding;
  train: Windows;
  /** The held-out samples between `train` and `test` (none without --validation). */
  validation: Windows;
  test: Windows;
  /** Training samples dropped so that no target is both a training and a test target. */
  dropped: number;
  /** Samples framed before the split (and before --train-size). */
  framed: number;
  /** Rows [from, to) the training samples read: where every encoding was fitted. */
  fitRows: { from: number; to: number };
  /** Feature inputs per row ([rows, features]) and the scaled target of each row. */
  encoded: EncodedRows;
  /** Classification: the classes and each row's class index (`values` then holds the same indices). */
  classes?: ClassTargets;
  warnings: string[];
}

/** The transform of a numeric column: --transform's per-column kind, its global kind, else diff at --diff. */
export function columnTransform(options: PipelineOptions, column: string, sequences = false): Transform {
  // whole sequences are samples of their own: no transform unless one is asked for
  const kind = options.transform?.columns[column] ?? options.transform?.all ?? (options.diff > 0 && !sequences ? 'diff' : 'none');
  return transformOf(kind, options.diff);
}

/** How a classifier's labels are framed (absent for regression). */
export interface ClassOptions {
  labels: LabelsPer;
}

export function buildDataset(table: Table, options: PipelineOptions, classOptions?: ClassOptions): Dataset {
  const sequences = table.sequences !== undefined;
  if (classOptions && classOptions.labels !== 'per-sample' && !table.labels) {
    throw new UsageError(`--labels ${classOptions.labels} applies to classification, but the target "${table.target}" is numeric; add --task classify to read it as class labels`);
  }
  const classify = table.labels ? (classOptions ?? { labels: 'per-sample' as const }) : undefined;
  // a whole sequence's target is on its own last row, as with --horizon 0
  const horizon = sequences ? 0 : options.horizon;
  const labelColumns = table.labels?.columns ?? [];
  const labelFeature = table.features.find((f) => labelColumns.includes(f));
  if (classify && horizon === 0 && labelFeature !== undefined) {
    throw new UsageError(
      `the label column "${labelFeature}" is read on ${sequences ? "each sequence's last row" : "the window's own last row"}, so it cannot also be a feature ` +
        '(that would hand the answer to the network); leave it out of --features',
    );
  }
  if (horizon === 0 && table.features.includes(table.target)) {
    throw new UsageError(
      sequences
        ? `the target column "${table.target}" is read on each sequence's last row, so it cannot also be a feature (that would hand the answer to the network); leave it out of --features`
        : `--horizon 0 predicts the target on the window's own last row, so the target column "${table.target}" cannot also be a feature ` +
            '(that would hand the answer to the network); leave it out of --features',
    );
  }
  const targetColumn = table.columns.find((c) => c.name === table.target)!;
  if (targetColumn.type !== 'number' && !classify) throw new RangeError('the target must be numeric');
  const rows = table.times.length;
  const segments = segmentStarts(table);
  const transformed = new Map<string, Float64Array>();
  const transforms = new Map<string, Transform>();
  for (const column of table.columns) {
    if (column.type !== 'number') continue;
    // a classifier's inputs are read as they are unless --transform asks (as whole sequences)
    const t = columnTransform(options, column.name, sequences || classify !== undefined);
    transforms.set(column.name, t);
    const out = new Float64Array(rows);
    // each segment (a sequence, the --test-file rows) is transformed on its own
    segments.forEach((a, k) => {
      const b = segments[k + 1] ?? rows;
      const where = (r: number) => `${fileOfRow(table, a + r)}:${table.lines[a + r]}: column "${column.name}"`;
      out.set(applyTransform(column.values.subarray(a, b), t, where), a);
    });
    transformed.set(column.name, out);
  }
  const start = Math.max(0, ...[...transforms.values()].map(transformLag));
  const { ends, steps } = sequences ? sequenceEnds(table, segments, start, options) : { ends: segments.flatMap((a, k) => windowEnds(segments[k + 1] ?? rows, a + start, options.lags, horizon)), steps: options.lags };
  const lags = steps;
  const split = splitWindows(ends, options.test, horizon, options.trainSize, options.validation, table.testFrom);
  if (options.validation && split.beforeTest > 0 && split.train.length + split.trimmed === 0) {
    throw new DataError(
      `${table.file}: --validation ${describeTest(options.validation)} leaves no training rows: there are ${split.beforeTest} rows before the test set`,
    );
  }
  const available = split.train.length + (options.trainSize !== undefined ? split.trimmed : 0);
  if (ends.length === 0 || available < 1) {
    throw new DataError(`${table.file}: too few rows: ${describeOptions(options)} need at least ${observationsNeeded(options, start)} observations, found ${rows}`);
  }
  if (options.trainSize !== undefined && options.trainSize > available) {
    throw new DataError(`${table.file}: --train-size ${options.trainSize} is more than the ${available} training rows available`);
  }
  // The rows the training samples read: their inputs and their targets.
  const from = split.train[0]! - lags + 1;
  const to = split.train[split.train.length - 1]! + horizon + 1;
  const classes = classify ? fitClassTargets(table, split.train, from, lags, horizon, classify.labels) : undefined;
  // a classifier's target is each row's class index, never transformed nor scaled
  const targetT = classes ? Float64Array.from(classes.rowLabels) : transformed.get(table.target)!;
  // the first rows of every segment (each sequence, the --test-file rows) have no transformed value
  const headRows = new Set(segments.flatMap((a) => Array.from({ length: start }, (_, i) => a + i)));
  if (!classes) checkRepresentable(table, targetColumn.values as Float64Array, targetT, transforms.get(table.target)!, start, (i) => headRows.has(i));
  const warnings: string[] = [];
  const scalers = new Map<string, ScalerParams>();
  const range = scaleRange(table, options);
  for (const [name, values] of transformed) {
    const { params, constant } = fitColumnScaler(values, from, to, { kind: options.scale, range });
    scalers.set(name, params);
    if (constant && name === table.target && options.scale !== 'none') {
      const t = transforms.get(name)!;
      warnings.push(
        `the training rows are constant${t.kind === 'diff' ? ' after differencing' : t.kind === 'none' ? '' : ` after the ${t.kind} transform`}: scaling uses a unit scale and the model has nothing to learn`,
      );
    }
  }
  const features: FeatureEncoding[] = table.features.map((name) => {
    const column = table.columns.find((c) => c.name === name)!;
    if (column.type === 'category') return { column: name, kind: 'one-hot', categories: fitCategories(column.values, from, to) };
    return { column: name, kind: 'numeric', transform: transforms.get(name)!, scaler: scalers.get(name)! };
  });
  const target: TargetEncoding = classes
    ? { column: table.target, transform: { kind: 'none' }, scaler: { kind: 'none', columns: 1 } }
    : { column: table.target, transform: transforms.get(table.target)!, scaler: scalers.get(table.target)! };
  const encoded = encodeRows(table, features, target, classes ? new Map([...transformed, [table.target, targetT]]) : transformed, start);
  const framing: Framing = sequences ? { kind: 'sequence', layout: options.layout, lags: options.lagsGiven ? lags : null } : { kind: 'window', lags, horizon };
  const cut = (ends: readonly number[]) => (classes ? cutClassWindows(encoded, classes, ends, lags, horizon) : cutWindows(encoded, ends, lags, horizon));
  // rows read by held-out samples only (after the training rows): for the unseen-category and range warnings
  const testFrom = Math.max(to, (split.validation[0] ?? split.test[0]!) - lags + 1);
  warnings.push(...encoded.unseenWarnings(testFrom, rows), ...rangeWarnings(table, features, transformed, from, to, testFrom, rows));
  return {
    options: { ...options, lags, horizon, range },
    task: classes
      ? { kind: 'classify', framing, classes: classes.classes, labels: classes.labels, head: classes.head, targetColumns: classes.targetColumns }
      : { kind: 'regression', framing },
    table,
    values: classes ? targetT : (targetColumn.values as Float64Array),
    transformedTarget: targetT,
    start,
    features,
    target,
    train: cut(split.train),
    validation: cut(split.validation),
    test: cut(split.test),
    dropped: split.dropped,
    framed: ends.length,
    fitRows: { from, to },
    encoded,
    ...(classes ? { classes } : {}),
    warnings,
  };
}

/**
 * The min-max range: --range when given; else (-1, 1) for a network that reads one column (the
 * target alone, as in the published univariate set-up, or one other column such as the waves of
 * a wide layout), and (0, 1) for one that reads several, as one-hot inputs are 0 or 1. On the
 * Beijing air-quality set-up (8 columns) an LSTM(50) trained on inputs scaled to (-1, 1) stalls at
 * a test RMSE of about 100 against 26.8 with (0, 1), in PyTorch too (see the README).
 */
export function scaleRange(table: Pick<Table, 'features'>, options: Pick<PipelineOptions, 'range' | 'rangeGiven'>): [number, number] {
  if (options.rangeGiven) return options.range;
  return table.features.length === 1 ? options.range : [0, 1];
}

/**
 * Numeric inputs whose test values leave the training range by more than the range itself: the
 * network extrapolates there (the "absolute prices where changes were needed" failure).
 */
function rangeWarnings(table: Table, features: FeatureEncoding[], transformed: Map<string, Float64Array>, from: number, to: number, testFrom: number, rows: number): string[] {
  const out: string[] = [];
  for (const f of features) {
    if (f.kind !== 'numeric') continue;
    const values = transformed.get(f.column)!;
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = from; r < to; r++) {
      // NaN: the first rows of a sequence without a transformed value
      if (Number.isNaN(values[r]!)) continue;
      lo = Math.min(lo, values[r]!);
      hi = Math.max(hi, values[r]!);
    }
    const span = hi - lo;
    let count = 0;
    for (let r = testFrom; r < rows; r++) if (values[r]! > hi + span || values[r]! < lo - span) count++;
    if (count > 0) {
      out.push(
        `${count} test ${count === 1 ? 'value' : 'values'} of column "${f.column}" ${count === 1 ? 'lies' : 'lie'} outside its training range [${fmt(lo)}, ${fmt(hi)}] by more than the range itself: ` +
          'the network extrapolates there; consider --transform diff or pct for this column',
      );
    }
  }
  void table;
  return out;
}

const fmt = (v: number) => String(Number(v.toPrecision(6)));

/** The smallest number of observations the options need, for the error message. */
export function observationsNeeded(options: PipelineOptions, start: number): number {
  const h = options.horizon;
  const testSamples = samplesNeeded(options.test) - 1;
  return start + options.lags + h - 1 + testSamples + Math.max(0, h - 1) + 1;
}

function describeOptions(options: PipelineOptions): string {
  const parts = [`--diff ${options.diff}`, `--lags ${options.lags}`];
  if (options.horizon !== 1) parts.push(`--horizon ${options.horizon}`);
  parts.push(`--test ${describeTest(options.test)}`);
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The fewest samples that leave a training sample besides the test samples. A count needs
 * n + 1; a fraction f takes max(1, round(f * r)) of r samples, which leaves one when r > 0.5 / (1 - f).
 */
function samplesNeeded(test: TestSize): number {
  if (test.kind === 'count') return test.n + 1;
  let r = Math.max(2, Math.floor(0.5 / (1 - test.f)) + 1);
  // the closed form can be off by one in floating point: settle it against testRowCount itself
  // (a few steps at most, so that a fraction a hair below 1 cannot loop for ever)
  for (let k = 0; k < 4 && r > 2 && r - 1 - testRowCount(test, r - 1) >= 1; k++) r--;
  for (let k = 0; k < 4 && r - testRowCount(test, r) < 1; k++) r++;
  return r;
}

/**
 * Values near the largest double (about 1.8e308) are accepted by the loader, but their
 * differences, or the spread a scaler divides by, can overflow to Infinity; the network would
 * then see NaN and the run "diverge" for no reason a learning rate could fix.
 */
function checkRepresentable(table: Table, values: Float64Array, transformed: Float64Array, t: Transform, start: number, head: (row: number) => boolean): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < transformed.length; i++) {
    if (head(i)) continue;
    const d = transformed[i]!;
    if (!Number.isFinite(d)) {
      const lag = t.kind === 'diff' ? t.lag : 1;
      throw new DataError(
        `${table.file}: the ${t.kind === 'diff' ? 'difference' : `${t.kind} change`} at ${table.times[i]} (from ${values[i - lag]} to ${values[i]}) overflows a double; ` +
          'divide the column by a power of ten',
      );
    }
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (!Number.isFinite(hi - lo)) {
    throw new DataError(
      `${table.file}: the ${t.kind === 'diff' ? 'differences' : 'values'} range from ${lo} to ${hi}, a spread that overflows a double; ` +
        'divide the column by a power of ten',
    );
  }
}

function describeTest(test: TestSize): string {
  return test.kind === 'count' ? String(test.n) : `${Math.round(test.f * 1000) / 10}%`;
}

/** The target's scaled value of a transformed value (what the network is trained to output). */
export function scaleTarget(d: Dataset, transformed: number): number {
  return scaleValue(d.target.scaler, 0, transformed);
}

export type { TableColumn };

/** The file a row was read from: the --test-file for its rows, else the training file. */
export function fileOfRow(table: Table, row: number): string {
  return table.testFrom !== undefined && row >= table.testFrom && table.testFile !== undefined ? table.testFile : table.file;
}

/** How a row is named in outputs: its time label, or for whole sequences the sequence's id. */
export function rowLabel(table: Table, row: number): string {
  return table.sequences ? table.sequences[row]! : table.times[row]!;
}

/** The first row of each block framed on its own: every sequence, and the --test-file rows. */
export function segmentStarts(table: Table): number[] {
  const starts = [0];
  const ids = table.sequences;
  const rows = table.times.length;
  for (let r = 1; r < rows; r++) {
    if ((ids && ids[r] !== ids[r - 1]) || r === table.testFrom) starts.push(r);
  }
  return starts;
}

/**
 * Whole sequences as samples: each ends on its last row and reads all of its rows (every
 * sequence must have as many), or its last --lags rows.
 */
function sequenceEnds(table: Table, segments: number[], start: number, options: PipelineOptions): { ends: number[]; steps: number } {
  const rows = table.times.length;
  const ids = table.sequences!;
  const length = (k: number) => (segments[k + 1] ?? rows) - segments[k]! - start;
  const steps = options.lagsGiven ? options.lags : length(0);
  segments.forEach((a, k) => {
    const n = length(k);
    if (options.lagsGiven ? n < steps : n !== steps) {
      throw new DataError(
        options.lagsGiven
          ? `${fileOfRow(table, a)}:${table.lines[a]}: sequence "${ids[a]}" has ${n} rows, fewer than --lags ${steps}`
          : `${fileOfRow(table, a)}:${table.lines[a]}: sequence "${ids[a]}" has ${n} rows, but the first sequence ("${ids[0]}") has ${steps}; ` +
              'every sequence must have the same number of rows, or use --lags n to use the last n rows of each',
      );
    }
  });
  return { ends: segments.map((_, k) => (segments[k + 1] ?? rows) - 1), steps };
}
