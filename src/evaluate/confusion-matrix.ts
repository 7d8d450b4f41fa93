// The confusion matrix: matrix[i][j] counts the samples of true class i predicted as class j
// (rows actual, columns predicted, as scikit-learn's confusion_matrix).
import { checkLabels } from './class-labels.js';

export function confusionMatrix(actual: readonly number[], predicted: readonly number[], classes: number): number[][] {
  checkLabels(actual, predicted, classes);
  const matrix = Array.from({ length: classes }, () => Array<number>(classes).fill(0));
  actual.forEach((a, i) => matrix[a]![predicted[i]!]!++);
  return matrix;
}
