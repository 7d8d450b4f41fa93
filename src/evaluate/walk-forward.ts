// Walk-forward evaluation: one-step forecasts over the test rows, each from the true previous
// values, with the trained model fixed; predictions are un-scaled, then un-differenced with the
// true previous observation.
import type { Dataset } from '../pipeline/dataset.js';
import { difference, undifference } from '../transforms/difference.js';
import { scaleValue, unscaleValue, type ScalerParams } from '../transforms/scaler.js';
import type { Stepper } from '../engines/types.js';

export type ForecastReset = 'never' | 'step';

export interface WalkForwardOptions {
  /**
   * Reset the state after every one-step forecast (priming steps included, so that priming
   * then leaves the state at zero, as in the published study), or never.
   */
  forecastReset: ForecastReset;
  /** Run the training rows through the model first, so the test starts from the state they leave. */
  prime: boolean;
  /**
   * The state a stateful network starts the test (and the priming) from: its final training
   * state (see engines/carried-state.ts). Zero when absent.
   */
  startStates?: readonly Float32Array[];
}

export interface Prediction {
  time: string;
  actual: number;
  predicted: number;
}

function inputOf(scaledRow: readonly number[], lags: number): Float32Array {
  return Float32Array.from(scaledRow.slice(0, lags));
}

/** Puts the stepper in the state the walk after the training rows starts from: start states, then priming. */
export function startWalk(stepper: Stepper, dataset: Dataset, options: WalkForwardOptions): void {
  const { lags } = dataset.options;
  stepper.resetStates();
  if (options.startStates) stepper.setStates(options.startStates);
  if (options.prime) {
    for (const row of dataset.trainScaled) {
      stepper.predict(inputOf(row, lags));
      if (options.forecastReset === 'step') stepper.resetStates();
    }
  }
}

/** Runs a forecast for each test row in order and returns them on the original scale. */
export function walkForward(stepper: Stepper, dataset: Dataset, options: WalkForwardOptions): Prediction[] {
  const { lags, diff } = dataset.options;
  startWalk(stepper, dataset, options);
  // rows held out for validation lie between the training and the test rows: the test goes
  // through them first, so it starts where the validation walk did and continues from there
  for (const row of dataset.validationScaled) {
    stepper.predict(inputOf(row, lags));
    if (options.forecastReset === 'step') stepper.resetStates();
  }
  return dataset.test.map((row, i) => {
    const scaled = stepper.predict(inputOf(dataset.testScaled[i]!, lags))[0]!;
    if (options.forecastReset === 'step') stepper.resetStates();
    const predictedDiff = unscaleValue(dataset.scaler, lags, scaled);
    const previous = dataset.values[row.index - diff]!;
    return { time: row.time, actual: dataset.values[row.index]!, predicted: undifference(predictedDiff, previous, diff) };
  });
}

export interface RecursiveOptions {
  diff: number;
  lags: number;
  scaler: ScalerParams;
  /** Run the whole history through the model first (stateful models). */
  prime: boolean;
  forecastReset: ForecastReset;
}

/**
 * Forecasts `horizon` values past the end of `history`, each step feeding the previous
 * forecasts back as inputs.
 */
export function forecastRecursive(stepper: Stepper, history: readonly number[], horizon: number, options: RecursiveOptions): number[] {
  const { diff, lags, scaler } = options;
  if (history.length < diff + lags) {
    throw new RangeError(`forecasting needs at least ${diff + lags} observations of history, got ${history.length}`);
  }
  const values = [...history];
  const diffs = difference(values, diff);
  const input = (end: number) => Float32Array.from(diffs.slice(end - lags, end).map((d, k) => scaleValue(scaler, k, d)));
  stepper.resetStates();
  if (options.prime) {
    // Each history row: the `lags` differences before t forecast the difference at t.
    for (let t = lags; t < diffs.length; t++) {
      stepper.predict(input(t));
      if (options.forecastReset === 'step') stepper.resetStates();
    }
  }
  const out: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const scaled = stepper.predict(input(diffs.length))[0]!;
    if (options.forecastReset === 'step') stepper.resetStates();
    const d = unscaleValue(scaler, lags, scaled);
    const value = undifference(d, values[values.length - diff]!, diff);
    values.push(value);
    diffs.push(d);
    out.push(value);
  }
  return out;
}
