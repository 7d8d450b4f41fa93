// Forecast error measures on the original scale. Computed on errors divided by their largest
// magnitude first, so that series around 1e300 do not overflow to Infinity when squared.
import { largestMagnitude } from '../util/extent.js';

export interface Metrics {
  rmse: number;
  mae: number;
  /** Mean absolute percentage error, in percent, over the actual values that are not zero; NaN if all are. */
  mape: number;
}


export function rmse(actual: readonly number[], predicted: readonly number[]): number {
  const errors = actual.map((a, i) => a - predicted[i]!);
  const m = largestMagnitude(errors);
  if (m === 0) return 0;
  const meanSquare = errors.reduce((s, e) => s + (e / m) ** 2, 0) / errors.length;
  return m * Math.sqrt(meanSquare);
}

export function mae(actual: readonly number[], predicted: readonly number[]): number {
  const errors = actual.map((a, i) => Math.abs(a - predicted[i]!));
  const m = largestMagnitude(errors);
  if (m === 0) return 0;
  return m * (errors.reduce((s, e) => s + e / m, 0) / errors.length);
}

export function mape(actual: readonly number[], predicted: readonly number[]): number {
  let sum = 0;
  let n = 0;
  actual.forEach((a, i) => {
    if (a !== 0) {
      sum += Math.abs((a - predicted[i]!) / a);
      n++;
    }
  });
  return n === 0 ? NaN : (100 * sum) / n;
}

export function metrics(actual: readonly number[], predicted: readonly number[]): Metrics {
  if (actual.length !== predicted.length) throw new RangeError(`${actual.length} actual values but ${predicted.length} predictions`);
  if (actual.length === 0) throw new RangeError('no values to measure');
  return { rmse: rmse(actual, predicted), mae: mae(actual, predicted), mape: mape(actual, predicted) };
}

/**
 * The persistence forecast: each observation at `indices` forecast by the one before it.
 * Returns the forecasts (same order as indices).
 */
export function persistenceForecasts(values: readonly number[], indices: readonly number[]): number[] {
  return indices.map((i) => {
    if (i < 1) throw new RangeError(`persistence needs an earlier observation for index ${i}`);
    return values[i - 1]!;
  });
}

/** RMSE of the persistence forecast of the observations at `indices`. */
export function persistenceRmse(values: readonly number[], indices: readonly number[]): number {
  return rmse(indices.map((i) => values[i]!), persistenceForecasts(values, indices));
}

/** skill = 1 - rmse / persistence_rmse: above 0 the model beats the naive forecast. */
export function skill(modelRmse: number, persistenceRmse: number): number {
  return persistenceRmse === 0 ? (modelRmse === 0 ? 0 : -Infinity) : 1 - modelRmse / persistenceRmse;
}

/** The mean absolute error of the in-sample naive forecast (each value by the one `lag` before). */
export function naiveMae(values: ArrayLike<number>, from: number, to: number, lag = 1): number {
  const errors: number[] = [];
  for (let t = Math.max(from, lag); t < to; t++) errors.push(Math.abs(values[t]! - values[t - lag]!));
  if (errors.length === 0) return NaN;
  const m = largestMagnitude(errors);
  return m === 0 ? 0 : m * (errors.reduce((s, e) => s + e / m, 0) / errors.length);
}

export interface StepMetrics extends Metrics {
  /** Mean absolute scaled error: MAE over the in-sample naive forecast's MAE. */
  mase: number;
}

/**
 * Metrics of flat [origins, steps] forecasts: over all steps, and per horizon step. `scale` is
 * the in-sample naive MAE that MASE divides by.
 */
export function horizonMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>, steps: number, scale: number): { all: StepMetrics; byStep: StepMetrics[] } {
  const withMase = (a: number[], p: number[]): StepMetrics => {
    const m = metrics(a, p);
    return { ...m, mase: scale > 0 ? m.mae / scale : NaN };
  };
  const all = withMase(Array.from(actual), Array.from(predicted));
  const byStep: StepMetrics[] = [];
  for (let j = 0; j < steps; j++) {
    const a: number[] = [];
    const p: number[] = [];
    for (let k = j; k < actual.length; k += steps) {
      a.push(actual[k]!);
      p.push(predicted[k]!);
    }
    byStep.push(withMase(a, p));
  }
  return { all, byStep };
}
