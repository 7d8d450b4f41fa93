// Accuracy: the fraction of samples whose predicted class is the true one.
import { checkLabels } from './class-labels.js';

export function accuracy(actual: readonly number[], predicted: readonly number[], classes: number): number {
  checkLabels(actual, predicted, classes);
  let right = 0;
  actual.forEach((a, i) => {
    if (a === predicted[i]) right++;
  });
  return right / actual.length;
}
