// Differencing makes a trending series stationary: d[t] = x[t] - x[t - lag].

/** The differenced series, `lag` values shorter; lag 0 returns a copy. */
export function difference(values: readonly number[], lag: number): number[] {
  if (!Number.isInteger(lag) || lag < 0) throw new RangeError(`lag must be a non-negative integer, got ${lag}`);
  if (lag === 0) return [...values];
  const out: number[] = [];
  for (let t = lag; t < values.length; t++) out.push(values[t]! - values[t - lag]!);
  return out;
}

/**
 * Undoes one difference: the value at t from its difference and the true observation `lag`
 * steps earlier, which the caller passes explicitly (never a prediction, unless forecasting
 * recursively past the end of the data). With lag 0 the value is the difference itself.
 */
export function undifference(diff: number, previous: number, lag: number): number {
  return lag === 0 ? diff : diff + previous;
}

/** Inverts a whole differenced series given the first `lag` original values. */
export function integrate(diffs: readonly number[], head: readonly number[], lag: number): number[] {
  if (lag === 0) return [...diffs];
  if (head.length !== lag) throw new RangeError(`need the first ${lag} values to undo differencing, got ${head.length}`);
  const out = [...head];
  for (const d of diffs) out.push(d + out[out.length - lag]!);
  return out;
}
