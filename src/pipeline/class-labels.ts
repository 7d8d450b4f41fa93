// Class labels: the classes are the distinct labels of the training rows in the order first seen
// there (so "0, 1" for occupancy data that starts unoccupied, and a stable order run after run);
// every label, training or test, becomes the index of its class. A label first seen outside the
// training rows is an error, not a new class the network was never trained on.
import { DataError } from '../errors.js';

/** Where a run's labels come from, for messages: the file, its 1-based line per row, the column(s). */
export interface LabelSource {
  file: string;
  lines: readonly number[];
  column: string;
}

/** The distinct labels in the order first seen. */
export function classesOf(trainingLabels: readonly string[]): string[] {
  return [...new Set(trainingLabels)];
}

/** The class index of each label; a label that is not a class is a DataError naming it and its row. */
export function encodeLabels(labels: readonly string[], classes: readonly string[], source: LabelSource): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  const encoded = new Int32Array(labels.length);
  labels.forEach((label, row) => {
    const c = index.get(label);
    if (c === undefined) {
      throw new DataError(
        `${source.file}:${source.lines[row]}: column "${source.column}": label "${label}" was not seen in the training rows ` +
          `(classes: ${classes.join(', ')})`,
      );
    }
    encoded[row] = c;
  });
  return encoded;
}
