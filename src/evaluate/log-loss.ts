// Log loss (cross-entropy): the mean over samples of -ln p(true class), each row of
// probabilities first divided by its sum and then clipped to [1e-15, 1 - 1e-15] so that a
// confident mistake costs a large but finite amount (scikit-learn's log_loss, which clipped at
// 1e-15 before version 1.5).
import { checkLabels } from './class-labels.js';

export const LOG_LOSS_EPSILON = 1e-15;

/** probabilities: one row per sample, one column per class. */
export function logLoss(actual: readonly number[], probabilities: readonly (readonly number[])[], classes: number): number {
  checkLabels(actual, actual, classes);
  if (probabilities.length !== actual.length) {
    throw new RangeError(`actual and probabilities must have the same length, got ${actual.length} and ${probabilities.length}`);
  }
  let sum = 0;
  actual.forEach((a, i) => {
    const row = probabilities[i]!;
    if (row.length !== classes) throw new RangeError(`probability row ${i} must hold ${classes} values, got ${row.length}`);
    const total = row.reduce((s, p) => s + p, 0);
    if (!(total > 0) || row.some((p) => !(p >= 0))) throw new RangeError(`probability row ${i} must be non-negative with a positive sum, got [${row.join(', ')}]`);
    const p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, row[a]! / total));
    sum -= Math.log(p);
  });
  return sum / actual.length;
}
