// Summary statistics of a sample, with the same meaning as pandas' Series.describe(), so that the
// numbers `rnnfc compare` prints can be checked against a notebook.

export interface Describe {
  count: number;
  mean: number;
  /** Sample standard deviation (divides by n - 1, like pandas); NaN when count is 1. */
  std: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
}

/**
 * Checks that `values` is a non-empty array of finite numbers and returns it.
 * `what` names the argument in the error message (`a`, `values`, `groups[2].values`).
 */
export function requireFiniteSample(values: unknown, what: string): readonly number[] {
  if (!Array.isArray(values)) {
    throw new TypeError(`${what} must be an array of numbers, got ${describeKind(values)}`);
  }
  if (values.length === 0) {
    throw new RangeError(`${what} must contain at least one value, got an empty array`);
  }
  values.forEach((v: unknown, i: number) => {
    if (typeof v !== 'number') {
      throw new TypeError(`${what}[${i}] must be a number, got ${describeKind(v)}`);
    }
    // A diverged run has a NaN or infinite RMSE; it has to be reported, not averaged in.
    if (!Number.isFinite(v)) {
      throw new RangeError(`${what}[${i}] must be a finite number, got ${v}`);
    }
  });
  return values as number[];
}

function describeKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeof v;
}

/**
 * The p-quantile of an ascending sample by linear interpolation between the two nearest ranks,
 * at position (n - 1) * p: numpy's default ('linear', Hyndman & Fan type 7), which is also what
 * pandas' describe() and matplotlib's boxplot use.
 */
export function quantile(sorted: readonly number[], p: number): number {
  requireFiniteSample(sorted, 'sorted');
  if (typeof p !== 'number') throw new TypeError(`p must be a number, got ${describeKind(p)}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be between 0 and 1, got ${p}`);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] < sorted[i - 1]) {
      throw new RangeError(
        `sorted must be in ascending order, but sorted[${i}] = ${sorted[i]} < sorted[${i - 1}] = ${sorted[i - 1]}`,
      );
    }
  }
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const t = position - below;
  const lo = sorted[below];
  const hi = sorted[above];
  // numpy's _lerp: interpolating from the nearer end keeps the result exact at both ends and
  // gives back exactly lo when lo === hi, so results agree with numpy to the last bit.
  return t >= 0.5 ? hi - (hi - lo) * (1 - t) : lo + (hi - lo) * t;
}

/** count, mean, sample std, min, quartiles and max of `values` (pandas describe() semantics). */
export function describe(values: readonly number[]): Describe {
  requireFiniteSample(values, 'values');
  const sorted = [...values].sort((x, y) => x - y);
  const count = sorted.length;
  const min = sorted[0];
  const max = sorted[count - 1];
  // A constant sample must report std 0 exactly, not the rounding noise of sum / n.
  const mean = min === max ? min : sorted.reduce((sum, v) => sum + v, 0) / count;
  // Two passes (mean first, then squared deviations) avoid the cancellation of sum(x^2) - n*mean^2
  // when the spread is tiny compared with the level, which is typical of RMSEs of repeated runs.
  const sumSquaredDeviations = sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  const std = count > 1 ? Math.sqrt(sumSquaredDeviations / (count - 1)) : Number.NaN;
  return {
    count,
    mean,
    std,
    min,
    q25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q75: quantile(sorted, 0.75),
    max,
  };
}
