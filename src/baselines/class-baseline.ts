// What every classification baseline shares (as the forecasting baselines do, and as the
// network does): fitted once on the training labels, then asked at each test position for the
// class probabilities of the next labels, given every true label before that position. Labels
// are class indices 0..classes-1 in the model's class order.

export type ClassBaselineName = 'majority' | 'persistence';

export interface ClassBaseline {
  readonly name: ClassBaselineName;
  /** What it predicts, in a few words for messages. */
  readonly description: string;
  /** Learns what it needs from the training labels (in time order). Called once, before any predict. */
  fit(trainingLabels: readonly number[], classes: number): void;
  /**
   * The class probabilities of each of the h labels after the last one of `history` (the true
   * labels before the test position, in time order): h rows of `classes` values. `history`
   * is read, never kept or changed; a RangeError when it is shorter than minimumHistory.
   */
  predict(history: ArrayLike<number>, h: number): number[][];
  /** The fewest labels of history predict needs. */
  readonly minimumHistory: number;
}

export function checkClasses(classes: number): void {
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`classes must be an integer of at least 2, got ${classes}`);
}

export function checkSteps(h: number): void {
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`h must be a positive integer, got ${h}`);
}
