// The walk-forward predictions as CSV: one row per origin and step: the origin's time, the step,
// the forecast row's time, actual, predicted, error (actual - predicted).
import type { Prediction } from '../commands/train.js';
import { csv } from './format.js';

export function predictionsCsv(predictions: readonly Prediction[]): string {
  return csv(
    ['origin', 'step', 'time', 'actual', 'predicted', 'error'],
    predictions.map((p) => [p.origin, p.step, p.time, p.actual, p.predicted, p.actual - p.predicted]),
  );
}
