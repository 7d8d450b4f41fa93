// The walk-forward predictions as CSV: time, actual, predicted, error (actual - predicted).
import type { Prediction } from '../evaluate/walk-forward.js';
import { csv } from './format.js';

export function predictionsCsv(predictions: readonly Prediction[]): string {
  return csv(['time', 'actual', 'predicted', 'error'], predictions.map((p) => [p.time, p.actual, p.predicted, p.actual - p.predicted]));
}
