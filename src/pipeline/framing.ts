// Frames a differenced series as supervised rows: `lags` previous differences in, the next out.

export interface SupervisedRow {
  /** Index in the original series of the observation this row forecasts. */
  index: number;
  /** Time label of that observation. */
  time: string;
  /** The `lags` previous differences, oldest first (unscaled). */
  inputs: number[];
  /** The difference to forecast (unscaled). */
  target: number;
}

/**
 * Rows for every difference that has `lags` differences before it. The differences start at
 * original index `diffLag`, so row j forecasts observation diffLag + lags + j.
 */
export function frameSupervised(diffs: readonly number[], times: readonly string[], diffLag: number, lags: number): SupervisedRow[] {
  if (!Number.isInteger(lags) || lags < 1) throw new RangeError(`lags must be a positive integer, got ${lags}`);
  const rows: SupervisedRow[] = [];
  for (let t = lags; t < diffs.length; t++) {
    const index = t + diffLag;
    rows.push({ index, time: times[index]!, inputs: diffs.slice(t - lags, t), target: diffs[t]! });
  }
  return rows;
}

/** How the test set is sized: `--test 12` or `--test 20%`. */
export type TestSize = { kind: 'count'; n: number } | { kind: 'fraction'; f: number };

/** Number of test rows out of `total` (a fraction rounds to the nearest row, at least one). */
export function testRowCount(size: TestSize, total: number): number {
  return size.kind === 'count' ? size.n : Math.max(1, Math.round(size.f * total));
}
