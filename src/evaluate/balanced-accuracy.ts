// Balanced accuracy: the mean over classes of the recall (the fraction of each class's samples
// predicted as that class), over the classes that occur among the actual labels, as
// scikit-learn's balanced_accuracy_score (adjusted=False). A majority-class predictor scores
// 1 / (classes present), however imbalanced the data.
import { confusionMatrix } from './confusion-matrix.js';

export function balancedAccuracy(actual: readonly number[], predicted: readonly number[], classes: number): number {
  const matrix = confusionMatrix(actual, predicted, classes);
  let sum = 0;
  let present = 0;
  matrix.forEach((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    if (total === 0) return;
    sum += row[c]! / total;
    present++;
  });
  return sum / present;
}
