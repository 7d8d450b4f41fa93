// Every classification measure of one set of predictions, from class probabilities: the
// predicted class is the most probable one (the first on a tie, so the first-seen class).
import { accuracy } from './accuracy.js';
import { balancedAccuracy } from './balanced-accuracy.js';
import { confusionMatrix } from './confusion-matrix.js';
import { f1Macro } from './f1-macro.js';
import { logLoss } from './log-loss.js';
import { rocAuc } from './roc-auc.js';

export interface ClassificationMetrics {
  accuracy: number;
  balancedAccuracy: number;
  f1Macro: number;
  logLoss: number;
  /** Two classes only; null with more, or when the actual labels hold one class. */
  rocAuc: number | null;
  /** Rows actual, columns predicted, classes in their order. */
  confusion: number[][];
}

/** The index of the largest probability, the first on a tie. */
export function mostProbable(probabilities: readonly number[]): number {
  let best = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c]! > probabilities[best]!) best = c;
  return best;
}

/** actual: class indices; probabilities: one row per sample, one column per class. */
export function classificationMetrics(actual: readonly number[], probabilities: readonly (readonly number[])[], classes: number): ClassificationMetrics {
  const predicted = probabilities.map(mostProbable);
  return {
    accuracy: accuracy(actual, predicted, classes),
    balancedAccuracy: balancedAccuracy(actual, predicted, classes),
    f1Macro: f1Macro(actual, predicted, classes),
    logLoss: logLoss(actual, probabilities, classes),
    rocAuc: classes === 2 ? rocAuc(actual, probabilities.map((row) => row[1]!)) : null,
    confusion: confusionMatrix(actual, predicted, classes),
  };
}
