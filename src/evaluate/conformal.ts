// Split-conformal prediction intervals: the half-width at level a is the ceil((n+1)a)-th smallest
// absolute one-step error on n calibration forecasts the model did not train on; a new forecast
// +/- that half-width covers the truth with probability at least a when errors are exchangeable.
import type { Prediction } from './walk-forward.js';

/** Absolute errors needed for a finite interval at `level`: the smallest n with ceil((n+1)·level) <= n. */
export function calibrationNeeded(level: number): number {
  checkLevel(level);
  let n = Math.max(1, Math.floor(level / (1 - level)) - 1);
  while (rank(n, level) > n) n++;
  return n;
}

/** 1-based rank of the conformal quantile among n sorted errors (a hair of slack for 0.8 * 5 = 4.000000000000001). */
function rank(n: number, level: number): number {
  return Math.ceil((n + 1) * level - 1e-9);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`an interval level must lie strictly between 0 and 1, got ${level}`);
}

/** The conformal half-width at `level` from absolute errors; RangeError when there are too few. */
export function conformalHalfWidth(absErrors: readonly number[], level: number): number {
  checkLevel(level);
  const n = absErrors.length;
  const k = rank(n, level);
  if (k > n) throw new RangeError(`a ${level * 100}% interval needs at least ${calibrationNeeded(level)} calibration forecasts, got ${n}`);
  const sorted = Float64Array.from(absErrors).sort();
  return sorted[k - 1]!;
}

export interface IntervalLevel {
  level: number;
  /** Half the width of the interval, on the series' scale. */
  halfWidth: number;
  /** Share of the test values inside the interval (NaN when there are none). */
  coverage: number;
}

/** Half-widths from the calibration forecasts, and each one's coverage of the test forecasts. */
export function predictionIntervals(calibration: readonly Prediction[], levels: readonly number[], test: readonly Prediction[]): IntervalLevel[] {
  const errors = calibration.map((p) => Math.abs(p.actual - p.predicted));
  return levels.map((level) => {
    const halfWidth = conformalHalfWidth(errors, level);
    const inside = test.filter((p) => Math.abs(p.actual - p.predicted) <= halfWidth).length;
    return { level, halfWidth, coverage: test.length > 0 ? inside / test.length : NaN };
  });
}

/**
 * True when a coverage is far below its level: more than two binomial standard errors under it
 * over `n` test values (chance alone does that about one time in forty). An 80% interval that
 * covers 55% of 20 values is far below; one that covers 70% of them is not.
 */
export function coverageFarBelow(coverage: number, level: number, n: number): boolean {
  if (!(n > 0)) return false;
  return coverage < level - 2 * Math.sqrt((level * (1 - level)) / n);
}

/** Intervals of a run: where they were calibrated, on how many forecasts, and each level. */
export interface IntervalSet {
  source: 'validation' | 'training';
  calibrationRows: number;
  levels: IntervalLevel[];
}

export interface Bound {
  level: number;
  lower: number;
  upper: number;
}

/** The bounds around one forecast at every level of `levels`. */
export function boundsOf(value: number, levels: readonly { level: number; halfWidth: number }[]): Bound[] {
  return levels.map(({ level, halfWidth }) => ({ level, lower: value - halfWidth, upper: value + halfWidth }));
}
