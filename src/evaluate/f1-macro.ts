// Macro F1: the unweighted mean over classes of F1 = 2·TP / (2·TP + FP + FN), over the classes
// that occur among the actual or the predicted labels, as scikit-learn's
// f1_score(average='macro') without a labels argument.
import { confusionMatrix } from './confusion-matrix.js';

export function f1Macro(actual: readonly number[], predicted: readonly number[], classes: number): number {
  const matrix = confusionMatrix(actual, predicted, classes);
  let sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    const tp = matrix[c]![c]!;
    const actualCount = matrix[c]!.reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((s, row) => s + row[c]!, 0);
    if (actualCount === 0 && predictedCount === 0) continue;
    // 2TP + FP + FN = predicted + actual
    sum += (2 * tp) / (actualCount + predictedCount);
    present++;
  }
  return sum / present;
}
