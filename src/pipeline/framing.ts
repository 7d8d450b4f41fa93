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
  /** Ends of the samples held out for validation, between train and test. */
  validation: number[];
  test: number[];
  /** Samples dropped because a target of theirs is a later set's target (h - 1 before each held-out set). */
  dropped: number;
  /** Training samples left out by --train-size. */
  trimmed: number;
  /** Samples before the test set (training and validation). */
  beforeTest: number;
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

/**
 * Splits the ends into training, validation and test samples: the test samples are the last,
 * the validation samples (a count or a fraction of those before the test) the ones before them;
 * `trainSize` keeps the last n training samples.
 */
export function splitWindows(ends: readonly number[], test: TestSize, horizon: number, trainSize?: number, validation?: TestSize, testFrom?: number): WindowSplit {
  // with --test-file, the test samples are those of its rows
  const nTest = testFrom !== undefined ? ends.filter((e) => e >= testFrom).length : Math.min(ends.length, testRowCount(test, ends.length));
  const testEnds = ends.slice(ends.length - nTest);
  let { kept: before, dropped } = before_(ends.slice(0, ends.length - nTest), testEnds[0], horizon);
  const beforeTest = before.length;
  let validationEnds: number[] = [];
  if (validation) {
    const nValidation = Math.min(before.length, testRowCount(validation, before.length));
    validationEnds = before.slice(before.length - nValidation);
    const cut = before_(before.slice(0, before.length - nValidation), validationEnds[0], horizon);
    before = cut.kept;
    dropped += cut.dropped;
  }
  let train = before;
  const trimmed = trainSize !== undefined && trainSize < train.length ? train.length - trainSize : 0;
  train = train.slice(trimmed);
  return { train, validation: validationEnds, test: testEnds, dropped, trimmed, beforeTest };
}

/**
 * The samples before a held-out set starting at end `first` whose targets are none of its targets:
 * a sample's last target row (end + horizon) must come before the held-out set's first target row
 * (first + 1, or first itself for horizon 0).
 */
function before_(candidates: number[], first: number | undefined, horizon: number): { kept: number[]; dropped: number } {
  if (first === undefined) return { kept: candidates, dropped: 0 };
  const limit = horizon === 0 ? first - 1 : first - horizon;
  const kept = candidates.filter((e) => e <= limit);
  return { kept, dropped: candidates.length - kept.length };
}
