// A classifier's targets: the classes (first seen in the training targets), each row's label as a
// class index, and the labels cut per sample (the window's last row, the row `horizon` ahead, a
// sequence's last row) or per step (every input row's label), as the head's loss reads them:
// the index itself (0/1) under a sigmoid, one-hot rows under a softmax. Labels are never
// transformed or scaled.
import type { ClassLabels, LabelsPer, Table, Windows } from '../core/types.js';
import { classificationHead } from '../engines/heads.js';
import { classesOf, encodeLabels } from './class-labels.js';
import { DataError } from '../errors.js';

export interface ClassTargets extends ClassLabels {
  /** Outputs of the head per target: 1 under a sigmoid, one per class under a softmax. */
  outputs: number;
  /** Each row's class index; -1 before `from` (rows no sample reads). */
  rowLabels: Int32Array;
}

/** The table rows whose labels sample `end` is trained on: its own (or `horizon` ahead), or every step's. */
export function labelRows(end: number, steps: number, horizon: number, labels: LabelsPer): number[] {
  if (labels === 'per-sample') return [end + horizon];
  return Array.from({ length: steps }, (_, t) => end - steps + 1 + t + horizon);
}

/**
 * Fits the classes on the labels of the training samples' targets (in row order) and encodes
 * every row from `from` on; a label first seen after the training rows is a DataError naming it.
 */
export function fitClassTargets(table: Table, trainEnds: readonly number[], from: number, steps: number, horizon: number, labels: LabelsPer): ClassTargets {
  const column = table.columns.find((c) => c.name === table.target)!;
  if (column.type !== 'category') throw new RangeError('class labels must be a category column');
  const values = column.values;
  const trainingRows = [...new Set(trainEnds.flatMap((e) => labelRows(e, steps, horizon, labels)))].sort((a, b) => a - b);
  const classes = classesOf(trainingRows.map((r) => values[r]!));
  if (classes.length < 2) {
    throw new DataError(
      `${table.file}: the training rows hold one class only ("${classes[0]}" in ${table.target}): a classifier needs at least two classes to tell apart`,
    );
  }
  const rowLabels = new Int32Array(values.length).fill(-1);
  const testFrom = table.testFrom ?? values.length;
  // training-file rows and --test-file rows are encoded apart, so that messages name the right file
  for (const [a, b, file] of [[from, Math.min(testFrom, values.length), table.file], [Math.max(from, testFrom), values.length, table.testFile ?? table.file]] as const) {
    if (a >= b) continue;
    rowLabels.set(encodeLabels(values.slice(a, b), classes, { file, lines: table.lines.slice(a, b), column: table.target }), a);
  }
  const head = classificationHead(classes.length);
  return {
    classes,
    labels,
    head: head.head === 'softmax' ? 'softmax' : 'sigmoid',
    targetColumns: table.labels?.columns ?? [table.target],
    outputs: head.outputs,
    rowLabels,
  };
}

/** Samples ending at `ends`: `steps` rows of inputs each, and their labels as the loss reads them. */
export function cutClassWindows(
  inputs: { width: number; inputs: Float32Array },
  targets: ClassTargets,
  ends: readonly number[],
  steps: number,
  horizon: number,
): Windows {
  const { width } = inputs;
  const perSample = targets.labels === 'per-sample' ? 1 : steps;
  const samples = ends.length;
  const x = new Float32Array(samples * steps * width);
  const labels = new Int32Array(samples * perSample);
  ends.forEach((e, s) => {
    x.set(inputs.inputs.subarray((e - steps + 1) * width, (e + 1) * width), s * steps * width);
    labelRows(e, steps, horizon, targets.labels).forEach((r, t) => (labels[s * perSample + t] = targets.rowLabels[r]!));
  });
  return { samples, steps, features: width, outputs: targets.outputs, x, y: lossTargets(labels, targets.outputs), end: Int32Array.from(ends), labels };
}

/** Class indices as the loss reads them: as they are for one sigmoid output, one-hot for a softmax. */
export function lossTargets(labels: Int32Array, outputs: number): Float32Array {
  if (outputs === 1) return Float32Array.from(labels);
  const y = new Float32Array(labels.length * outputs);
  labels.forEach((c, i) => (y[i * outputs + c] = 1));
  return y;
}

/** Class probabilities from a head's outputs (one target's): [1 - p, p] for a sigmoid, the softmax row as it is. */
export function classProbabilities(outputs: ArrayLike<number>, classes: number): number[] {
  if (classes === 2 && outputs.length === 1) return [1 - outputs[0]!, outputs[0]!];
  return Array.from(outputs);
}
