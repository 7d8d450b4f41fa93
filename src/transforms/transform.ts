// Transforms applied to a numeric column before framing, each with its exact inverse: diff at a
// lag, percentage change, log, or none. Forecasts are un-done with the true earlier values, and
// with earlier forecasts only where the true value lies in the future.
import { DataError } from '../errors.js';
import type { Transform, TransformKind } from '../core/types.js';

/** Rows at the start of a column that have no transformed value. */
export function transformLag(t: Transform): number {
  return t.kind === 'diff' ? t.lag : t.kind === 'pct' ? 1 : 0;
}

/** The transform a kind names, `diff` at lag `diffLag`. */
export function transformOf(kind: TransformKind, diffLag: number): Transform {
  return kind === 'diff' ? { kind, lag: Math.max(1, diffLag) } : { kind };
}

export function describeTransform(t: Transform): string {
  return t.kind === 'diff' ? `diff (lag ${t.lag})` : t.kind;
}

/**
 * The transformed column: NaN in the first transformLag(t) rows. `where(r)` names row r
 * ("file:line: column \"x\"") in the DataError for a log of a value <= 0 or a pct change from 0.
 */
export function applyTransform(values: ArrayLike<number>, t: Transform, where: (r: number) => string): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  switch (t.kind) {
    case 'none':
      for (let r = 0; r < n; r++) out[r] = values[r]!;
      return out;
    case 'diff':
      for (let r = 0; r < n; r++) out[r] = r < t.lag ? NaN : values[r]! - values[r - t.lag]!;
      return out;
    case 'pct':
      out[0] = NaN;
      for (let r = 1; r < n; r++) {
        const previous = values[r - 1]!;
        if (previous === 0) throw new DataError(`${where(r)}: the percentage change from 0 (the row before) is undefined; use --transform diff or none for this column`);
        out[r] = values[r]! / previous - 1;
      }
      return out;
    case 'log':
      for (let r = 0; r < n; r++) {
        const v = values[r]!;
        if (!(v > 0)) throw new DataError(`${where(r)}: log of ${v} is undefined (the log transform needs values above 0); use --transform diff or none for this column`);
        out[r] = Math.log(v);
      }
      return out;
  }
}

/**
 * Undoes the transform of consecutive values at rows first, first + 1, ...: `transformed[j]` is
 * the transformed value of row first + j, `original(i)` the true value of row i < first.
 * Later rows needing an earlier row at or after `first` use the value just un-done (exact for
 * true inputs, the direct multi-step forecast otherwise).
 */
export function invertTransform(t: Transform, transformed: readonly number[], first: number, original: (row: number) => number): number[] {
  const out: number[] = [];
  const value = (row: number) => (row < first ? original(row) : out[row - first]!);
  transformed.forEach((v, j) => {
    const row = first + j;
    switch (t.kind) {
      case 'none':
        out.push(v);
        break;
      case 'diff':
        out.push(v + value(row - t.lag));
        break;
      case 'pct':
        out.push(value(row - 1) * (1 + v));
        break;
      case 'log':
        out.push(Math.exp(v));
        break;
    }
  });
  return out;
}
