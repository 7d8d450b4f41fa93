// The walk-forward predictions as CSV: time, actual, predicted, error (actual - predicted).
import type { Prediction } from '../evaluate/walk-forward.js';

export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function predictionsCsv(predictions: readonly Prediction[]): string {
  const lines = ['time,actual,predicted,error'];
  for (const p of predictions) lines.push([csvField(p.time), p.actual, p.predicted, p.actual - p.predicted].join(','));
  return lines.join('\n') + '\n';
}
