// The whole pipeline from a series to what the network sees: difference, frame, split, scale.
// The scaler is fitted inside this function on the training rows alone and nothing else can
// reach it before the split, so test rows cannot leak into the fitted parameters.
import { DataError } from '../errors.js';
import { difference } from '../transforms/difference.js';
import { fitScaler, scaleRows, scaleValue, type ScaleKind, type ScalerParams } from '../transforms/scaler.js';
import { frameSupervised, testRowCount, type SupervisedRow, type TestSize } from './framing.js';

export interface PipelineOptions {
  diff: number;
  lags: number;
  test: TestSize;
  /** Rows held out for validation: the last training rows before the test set. */
  validation?: TestSize;
  /** Keep only the last n training rows. */
  trainSize?: number;
  scale: ScaleKind;
  range: [number, number];
}

export const DEFAULT_PIPELINE: PipelineOptions = {
  diff: 1,
  lags: 1,
  test: { kind: 'count', n: 12 },
  scale: 'minmax',
  range: [-1, 1],
};

export interface Dataset {
  options: PipelineOptions;
  values: readonly number[];
  times: readonly string[];
  diffs: number[];
  train: SupervisedRow[];
  test: SupervisedRow[];
  /** The held-out rows between `train` and `test` (empty without --validation). */
  validation: SupervisedRow[];
  /** Fitted on `train` only (never on validation or test rows); columns are the lags (oldest first) then the target. */
  scaler: ScalerParams;
  /** Scaled rows, [inputs..., target]. */
  trainScaled: number[][];
  testScaled: number[][];
  validationScaled: number[][];
  warnings: string[];
}

export interface SeriesLike {
  file: string;
  times: readonly string[];
  values: readonly number[];
}

/** The smallest number of observations the options need, for the error message. */
export function observationsNeeded(options: PipelineOptions, testRows: number): number {
  return options.diff + options.lags + testRows + 1;
}

/**
 * The fewest supervised rows that leave a training row besides the test rows. A count needs
 * n + 1; a fraction f takes max(1, round(f * r)) of r rows, which leaves one when r > 0.5 / (1 - f).
 */
function rowsNeeded(test: TestSize): number {
  if (test.kind === 'count') return test.n + 1;
  let r = Math.max(2, Math.floor(0.5 / (1 - test.f)) + 1);
  // the closed form can be off by one in floating point: settle it against testRowCount itself
  // (a few steps at most, so that a fraction a hair below 1 cannot loop for ever)
  for (let k = 0; k < 4 && r > 2 && r - 1 - testRowCount(test, r - 1) >= 1; k++) r--;
  for (let k = 0; k < 4 && r - testRowCount(test, r) < 1; k++) r++;
  return r;
}

export function buildDataset(series: SeriesLike, options: PipelineOptions): Dataset {
  const { values, times } = series;
  const diffs = difference(values, options.diff);
  const rows = frameSupervised(diffs, times, options.diff, options.lags);
  const nTest = testRowCount(options.test, rows.length);
  if (rows.length - nTest < 1) {
    throw new DataError(
      `${series.file}: too few rows: --diff ${options.diff}, --lags ${options.lags} and --test ${describeTest(options.test)} ` +
        `need at least ${observationsNeeded(options, rowsNeeded(options.test) - 1)} observations, found ${values.length}`,
    );
  }
  checkRepresentable(series, diffs, options.diff);
  let train = rows.slice(0, rows.length - nTest);
  const test = rows.slice(rows.length - nTest);
  let validation: SupervisedRow[] = [];
  if (options.validation) {
    const nValidation = testRowCount(options.validation, train.length);
    if (train.length - nValidation < 1) {
      throw new DataError(
        `${series.file}: --validation ${describeTest(options.validation)} leaves no training rows: ` +
          `there are ${train.length} rows before the test set`,
      );
    }
    validation = train.slice(train.length - nValidation);
    train = train.slice(0, train.length - nValidation);
  }
  if (options.trainSize !== undefined) {
    if (options.trainSize > train.length) {
      throw new DataError(`${series.file}: --train-size ${options.trainSize} is more than the ${train.length} training rows available`);
    }
    train = train.slice(train.length - options.trainSize);
  }
  const matrix = (r: SupervisedRow) => [...r.inputs, r.target];
  // built once and scaled in place after fitting (it is ours alone): at a million rows every
  // extra copy of the training rows costs a hundred megabytes
  const trainMatrix = train.map(matrix);
  const { params, constantColumns } = fitScaler(trainMatrix, { kind: options.scale, range: options.range });
  const warnings: string[] = [];
  if (constantColumns.length > 0 && options.scale !== 'none') {
    warnings.push(
      `the training rows are constant${options.diff > 0 ? ' after differencing' : ''}: scaling uses a unit scale and the model has nothing to learn`,
    );
  }
  return {
    options,
    values,
    times,
    diffs,
    train,
    test,
    validation,
    scaler: params,
    trainScaled: scaleInPlace(params, trainMatrix),
    testScaled: scaleRows(params, test.map(matrix)),
    validationScaled: scaleRows(params, validation.map(matrix)),
    warnings,
  };
}

/**
 * Values near the largest double (about 1.8e308) are accepted by the loader, but their
 * differences, or the spread a scaler divides by, can overflow to Infinity; the network would
 * then see NaN and the run "diverge" for no reason a learning rate could fix.
 */
function checkRepresentable(series: SeriesLike, diffs: readonly number[], diff: number): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < diffs.length; t++) {
    const d = diffs[t]!;
    if (!Number.isFinite(d)) {
      const i = t + diff;
      throw new DataError(
        `${series.file}: the difference at ${series.times[i]} (from ${series.values[i - diff]} to ${series.values[i]}) overflows a double; ` +
          'divide the column by a power of ten',
      );
    }
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (!Number.isFinite(hi - lo)) {
    throw new DataError(
      `${series.file}: the ${diff > 0 ? 'differences' : 'values'} range from ${lo} to ${hi}, a spread that overflows a double; ` +
        'divide the column by a power of ten',
    );
  }
}

/** scaleRows without the copy: the same values, written over `rows`, which is returned. */
function scaleInPlace(params: ScalerParams, rows: number[][]): number[][] {
  for (const row of rows) for (let c = 0; c < row.length; c++) row[c] = scaleValue(params, c, row[c]!);
  return rows;
}

function describeTest(test: TestSize): string {
  return test.kind === 'count' ? String(test.n) : `${Math.round(test.f * 1000) / 10}%`;
}

/** Row-major [rows, lags, 1] inputs and [rows, 1] targets for the network. */
export function toTensors(scaled: readonly number[][], lags: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(scaled.length * lags);
  const y = new Float32Array(scaled.length);
  scaled.forEach((row, i) => {
    for (let k = 0; k < lags; k++) x[i * lags + k] = row[k]!;
    y[i] = row[lags]!;
  });
  return { x, y };
}
