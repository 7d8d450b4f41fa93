// Which head and loss a task trains with, decided once: a linear head with the chosen mse or mae
// for regression; for classification a sigmoid over one output with binary cross-entropy for two
// classes, a softmax over one output per class with categorical cross-entropy for more.
import type { HeadKind, LossName } from './types.js';

export interface HeadChoice {
  head: HeadKind;
  /** Outputs of the Dense head (per time step when per-step). */
  outputs: number;
  loss: LossName;
}

/** The head of a classifier over `classes` classes (at least 2). */
export function classificationHead(classes: number): HeadChoice {
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`a classifier needs at least 2 classes, got ${classes}`);
  return classes === 2
    ? { head: 'sigmoid', outputs: 1, loss: 'binary-crossentropy' }
    : { head: 'softmax', outputs: classes, loss: 'categorical-crossentropy' };
}

/** The loss that matches a head's output: cross-entropy for probabilities, else `regressionLoss`. */
export function lossForHead(head: HeadKind | undefined, regressionLoss: 'mse' | 'mae'): LossName {
  return head === 'sigmoid' ? 'binary-crossentropy' : head === 'softmax' ? 'categorical-crossentropy' : regressionLoss;
}
