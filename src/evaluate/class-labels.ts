// Checks shared by the classification metrics: labels are class indices 0..classes-1, actual and
// predicted of the same non-zero length.

export function checkLabels(actual: readonly number[], predicted: readonly number[], classes: number): void {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes must be a positive integer, got ${classes}`);
  if (actual.length === 0) throw new RangeError('there are no labels to score');
  if (predicted.length !== actual.length) {
    throw new RangeError(`actual and predicted must have the same length, got ${actual.length} and ${predicted.length}`);
  }
  for (const list of [actual, predicted]) {
    for (const label of list) {
      if (!Number.isInteger(label) || label < 0 || label >= classes) {
        throw new RangeError(`labels must be class indices from 0 to ${classes - 1}, got ${label}`);
      }
    }
  }
}
