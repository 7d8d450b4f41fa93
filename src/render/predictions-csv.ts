// The walk-forward predictions as CSV, one row per origin and step: the origin's time, the step,
// the forecast row's time, actual, predicted, error (actual - predicted), and lower_L, upper_L
// for each interval level L (in percent). Whole sequences have one row each: its id, actual,
// predicted, error.
import type { Prediction } from '../commands/train.js';
import { boundsOf, type IntervalLevel } from '../evaluate/conformal.js';
import { csv } from './format.js';

export function predictionsCsv(predictions: readonly Prediction[], levels: readonly IntervalLevel[] = [], framing: 'window' | 'sequence' = 'window'): string {
  const boundHeads = levels.flatMap(({ level }) => [`lower_${levelName(level)}`, `upper_${levelName(level)}`]);
  const bounds = (p: Prediction) => boundsOf(p.predicted, levels).flatMap((b) => [b.lower, b.upper]);
  if (framing === 'sequence') {
    return csv(
      ['sequence', 'actual', 'predicted', 'error', ...boundHeads],
      predictions.map((p) => [p.origin, p.actual, p.predicted, p.actual - p.predicted, ...bounds(p)]),
    );
  }
  return csv(
    ['origin', 'step', 'time', 'actual', 'predicted', 'error', ...boundHeads],
    predictions.map((p) => [
      p.origin,
      p.step,
      p.time,
      p.actual,
      p.predicted,
      p.actual - p.predicted,
      ...bounds(p),
    ]),
  );
}

/** A level as a column-name suffix: 0.8 as "80", 0.975 as "97.5". */
export function levelName(level: number): string {
  return String(Number((level * 100).toFixed(1)));
}
