// Walk-forward evaluation: from each test origin (a test sample's last input row) the model
// forecasts the next h target values at once, from the true earlier rows, with the trained model
// fixed. Forecasts are un-scaled, then their transform is un-done with the true earlier values.
// Baselines forecast the same origins and steps through the same loop, so they can never be
// evaluated on other rows than the model.
import type { ForecastReset, Transform, Windows } from '../core/types.js';
import type { Dataset } from '../pipeline/dataset.js';
import { sampleInputs } from '../pipeline/windows.js';
import { applyTransform, invertTransform, transformLag } from '../transforms/transform.js';
import { unscaleValue } from '../transforms/scaler.js';
import type { Stepper } from '../engines/types.js';
import type { Baseline } from '../baselines/baseline.js';

export type { ForecastReset } from '../core/types.js';

export interface WalkForwardOptions {
  /**
   * Reset the state after every forecast (priming steps included, so that priming then leaves
   * the state at zero, as in the published study), or never.
   */
  forecastReset: ForecastReset;
  /** Run the training samples through the model first, so the test starts from the state they leave. */
  prime: boolean;
  /**
   * The state a stateful network starts the test (and the priming) from: its final training
   * state (see engines/carried-state.ts). Zero when absent.
   */
  startStates?: readonly Float32Array[];
}

/** h forecasts per test origin, flat: [origins, steps]. */
export interface Forecasts {
  /** Forecast steps per origin (1 for horizon 0). */
  steps: number;
  /** The test origins' end rows. */
  ends: Int32Array;
  /** Table row of the target of origin i, step j: targetRow(i, j). */
  rows: Int32Array;
  actual: Float64Array;
  predicted: Float64Array;
  /** The model's own outputs, un-scaled but still transformed (a change, for diff); the forecasts for baselines. */
  outputs: Float64Array;
}

/** The table row each origin's step j forecasts, for the samples `w` (the test's by default). */
export function targetRows(d: Dataset, w: Windows = d.test): Int32Array {
  const { horizon } = d.options;
  const steps = w.outputs;
  const rows = new Int32Array(w.samples * steps);
  for (let i = 0; i < w.samples; i++) {
    for (let j = 0; j < steps; j++) rows[i * steps + j] = horizon === 0 ? w.end[i]! : w.end[i]! + 1 + j;
  }
  return rows;
}

export function forecastsOf(d: Dataset, predict: (i: number) => number[], w: Windows = d.test): Forecasts {
  const steps = w.outputs;
  const rows = targetRows(d, w);
  const predicted = new Float64Array(rows.length);
  for (let i = 0; i < w.samples; i++) predicted.set(predict(i), i * steps);
  return { steps, ends: w.end, rows, actual: Float64Array.from(rows, (r) => d.values[r]!), predicted, outputs: predicted };
}

/** One origin's scaled outputs on the original scale: un-scaled, then the transform un-done with the true earlier values. */
export function originalScale(d: Dataset, w: Windows, i: number, scaled: ArrayLike<number>): { transformed: number[]; values: number[] } {
  const first = d.options.horizon === 0 ? w.end[i]! : w.end[i]! + 1;
  const transformed = Array.from(scaled, (v) => unscaleValue(d.target.scaler, 0, v));
  return { transformed, values: invertTransform(d.target.transform, transformed, first, (row) => d.values[row]!) };
}

/** One origin's forecast: the values of the target rows, with the network's own outputs. */
export interface Prediction {
  time: string;
  actual: number;
  predicted: number;
}

/** Puts the stepper in the state the walk after the training samples starts from: start states, then priming. */
export function startWalk(stepper: Stepper, d: Dataset, options: WalkForwardOptions): void {
  stepper.resetStates();
  if (options.startStates) stepper.setStates(options.startStates);
  if (options.prime) {
    for (let s = 0; s < d.train.samples; s++) {
      stepper.predict(sampleInputs(d.train, s));
      if (options.forecastReset === 'step') stepper.resetStates();
    }
  }
}

/** The network's forecasts of every test origin, on the original scale. */
export function walkForward(stepper: Stepper, d: Dataset, options: WalkForwardOptions): Forecasts {
  startWalk(stepper, d, options);
  // samples held out for validation lie between the training and the test samples: the test goes
  // through them first, so it starts where the validation walk did and continues from there
  for (let s = 0; s < d.validation.samples; s++) {
    stepper.predict(sampleInputs(d.validation, s));
    if (options.forecastReset === 'step') stepper.resetStates();
  }
  const outputs = new Float64Array(d.test.samples * d.test.outputs);
  const forecasts = forecastsOf(d, (i) => {
    const scaled = stepper.predict(sampleInputs(d.test, i));
    if (options.forecastReset === 'step') stepper.resetStates();
    const { transformed, values } = originalScale(d, d.test, i, scaled);
    outputs.set(transformed, i * d.test.outputs);
    return values;
  });
  return { ...forecasts, outputs };
}

/** A baseline's forecasts of the same origins and steps, from the true target values before each target. */
export function baselineForecasts(predictor: Pick<Baseline, 'predict'>, d: Dataset): Forecasts {
  const { horizon } = d.options;
  return forecastsOf(d, (i) => {
    const end = d.test.end[i]!;
    // horizon 0: the target of the end row itself, from the rows before it
    return horizon === 0 ? predictor.predict(d.values.subarray(0, end), 1) : predictor.predict(d.values.subarray(0, end + 1), horizon);
  });
}

export interface RecursiveOptions {
  transform: Transform;
  lags: number;
  /** Scales the transformed value at input step k (0 = oldest). */
  scaleInput: (k: number, v: number) => number;
  /** Un-scales an output. */
  unscaleOutput: (v: number) => number;
  /** Run the whole history through the model first (stateful models). */
  prime: boolean;
  forecastReset: ForecastReset;
}

/**
 * Forecasts `horizon` values past the end of `history` with a model whose only input is the
 * target: each call forecasts the model's h outputs at once, which are fed back as inputs for
 * the next call until `horizon` values are known.
 */
export function forecastRecursive(stepper: Stepper, history: readonly number[], horizon: number, options: RecursiveOptions): number[] {
  const { transform, lags, scaleInput, unscaleOutput } = options;
  const start = transformLag(transform);
  if (history.length < start + lags) {
    throw new RangeError(`forecasting needs at least ${start + lags} observations of history, got ${history.length}`);
  }
  const values = [...history];
  const transformed = () => applyTransform(values, transform, (r) => `row ${r + 1}`);
  const input = (t: Float64Array, end: number) => Float32Array.from(t.subarray(end - lags + 1, end + 1), (v, k) => scaleInput(k, v));
  stepper.resetStates();
  if (options.prime) {
    const t = transformed();
    for (let end = start + lags - 1; end < values.length - 1; end++) {
      stepper.predict(input(t, end));
      if (options.forecastReset === 'step') stepper.resetStates();
    }
  }
  const out: number[] = [];
  while (out.length < horizon) {
    const t = transformed();
    const scaled = stepper.predict(input(t, values.length - 1));
    if (options.forecastReset === 'step') stepper.resetStates();
    const next = invertTransform(transform, Array.from(scaled, unscaleOutput), values.length, (row) => values[row]!);
    for (const v of next) {
      if (out.length < horizon) out.push(v);
      values.push(v);
    }
  }
  return out;
}
