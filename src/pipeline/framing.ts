// Which samples a window task has and how they split: each sample is named by the table row of
// its last input step (its "end"); the test samples are the last ones, and training samples whose
// targets reach into the test targets are dropped, so no target is shared between the two.
import type { TestSize } from '../core/types.js';

export type { TestSize } from '../core/types.js';

/** Number of test samples out of `total` (a fraction rounds to the nearest sample, at least one). */
export function testRowCount(size: TestSize, total: number): number {
  return size.kind === 'count' ? size.n : Math.max(1, Math.round(size.f * total));
}

export interface WindowSplit {
  /** Ends of the training samples, in time order. */
  train: number[];
  test: number[];
  /** Training samples dropped because a target of theirs is a test target (h - 1 of them). */
  dropped: number;
}

/**
 * The ends of every window: `lags` rows from `start` (the first row with a transformed value)
 * on, and `horizon` target rows after the end (0: the end row itself). `rows` rows in all.
 */
export function windowEnds(rows: number, start: number, lags: number, horizon: number): number[] {
  const ends: number[] = [];
  for (let e = start + lags - 1; e + horizon < rows; e++) ends.push(e);
  return ends;
}

/** Splits the ends into training and test samples; `trainSize` keeps the last n training samples. */
export function splitWindows(ends: readonly number[], test: TestSize, horizon: number, trainSize?: number): WindowSplit {
  const nTest = Math.min(ends.length, testRowCount(test, ends.length));
  const testEnds = ends.slice(ends.length - nTest);
  const firstTest = testEnds[0] ?? Infinity;
  // a training sample's last target row (end + horizon) must come before the first test target
  // row (firstTest + horizon, or firstTest + 1 for horizon >= 1): end + horizon <= firstTest
  const candidates = ends.slice(0, ends.length - nTest);
  const limit = horizon === 0 ? firstTest - 1 : firstTest - horizon;
  let train = candidates.filter((e) => e <= limit);
  const dropped = candidates.length - train.length;
  if (trainSize !== undefined && trainSize < train.length) train = train.slice(train.length - trainSize);
  return { train, test: testEnds, dropped };
}
