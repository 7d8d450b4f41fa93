// The whole pipeline from a series to what the network sees: difference, frame, split, scale.
// The scaler is fitted inside this function on the training rows alone and nothing else can
// reach it before the split, so test rows cannot leak into the fitted parameters.
import { DataError } from '../errors.js';
import { difference } from '../transforms/difference.js';
import { fitScaler, scaleRows, type ScaleKind, type ScalerParams } from '../transforms/scaler.js';
import { frameSupervised, testRowCount, type SupervisedRow, type TestSize } from './framing.js';

export interface PipelineOptions {
  diff: number;
  lags: number;
  test: TestSize;
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
  /** Fitted on `train` only; columns are the lags (oldest first) then the target. */
  scaler: ScalerParams;
  /** Scaled rows, [inputs..., target]. */
  trainScaled: number[][];
  testScaled: number[][];
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

export function buildDataset(series: SeriesLike, options: PipelineOptions): Dataset {
  const { values, times } = series;
  const diffs = difference(values, options.diff);
  const rows = frameSupervised(diffs, times, options.diff, options.lags);
  const nTest = testRowCount(options.test, rows.length);
  if (rows.length - nTest < 1) {
    const fixedTest = options.test.kind === 'count' ? nTest : 1;
    throw new DataError(
      `${series.file}: too few rows: --diff ${options.diff}, --lags ${options.lags} and --test ${describeTest(options.test)} ` +
        `need at least ${observationsNeeded(options, fixedTest)} observations, found ${values.length}`,
    );
  }
  let train = rows.slice(0, rows.length - nTest);
  const test = rows.slice(rows.length - nTest);
  if (options.trainSize !== undefined) {
    if (options.trainSize > train.length) {
      throw new DataError(`${series.file}: --train-size ${options.trainSize} is more than the ${train.length} training rows available`);
    }
    train = train.slice(train.length - options.trainSize);
  }
  const matrix = (r: SupervisedRow) => [...r.inputs, r.target];
  const { params, constantColumns } = fitScaler(train.map(matrix), { kind: options.scale, range: options.range });
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
    scaler: params,
    trainScaled: scaleRows(params, train.map(matrix)),
    testScaled: scaleRows(params, test.map(matrix)),
    warnings,
  };
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
