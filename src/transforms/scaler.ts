// Column scalers with fit / transform / inverse, as scikit-learn's: each column (every feature
// and the target) gets its own parameters, fitted on training rows only. Fitted parameters are plain
// data, saved with the model.
import { largestMagnitude } from '../util/extent.js';

import type { ScaleKind, ScalerParams } from '../core/types.js';
export type { ScaleKind, ScalerParams } from '../core/types.js';

export interface ScaleOptions {
  kind: ScaleKind;
  /** Target range of minmax scaling, [-1, 1] by default. */
  range?: [number, number];
}

/**
 * Fits one scaler per column of `rows` ([row][column]). A constant column gets a unit scale
 * (as scikit-learn does), so nothing divides by zero; `constantColumns` lists them for a warning.
 */
export function fitScaler(rows: readonly (readonly number[])[], options: ScaleOptions): { params: ScalerParams; constantColumns: number[] } {
  if (rows.length === 0) throw new RangeError('cannot fit a scaler on zero rows');
  const columns = rows[0]!.length;
  const constantColumns: number[] = [];
  const column = (c: number) => rows.map((r) => r[c]!);
  switch (options.kind) {
    case 'none':
      return { params: { kind: 'none', columns }, constantColumns };
    case 'minmax': {
      const [a, b] = options.range ?? [-1, 1];
      if (!(a < b)) throw new RangeError(`range must be increasing, got ${a},${b}`);
      const min: number[] = [];
      const max: number[] = [];
      for (let c = 0; c < columns; c++) {
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of column(c)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (lo === hi) constantColumns.push(c);
        min.push(lo);
        max.push(hi);
      }
      return { params: { kind: 'minmax', range: [a, b], min, max }, constantColumns };
    }
    case 'standard': {
      const mean: number[] = [];
      const std: number[] = [];
      for (let c = 0; c < columns; c++) {
        const values = column(c);
        // Mean and spread computed on values divided by their largest magnitude, so that
        // series around 1e300 do not overflow when squared.
        const m = largestMagnitude(values) || 1;
        const mu = values.reduce((s, v) => s + v / m, 0) / values.length;
        const variance = values.reduce((s, v) => s + (v / m - mu) ** 2, 0) / values.length;
        const sd = Math.sqrt(variance) * m;
        if (sd === 0) constantColumns.push(c);
        mean.push(mu * m);
        std.push(sd);
      }
      return { params: { kind: 'standard', mean, std }, constantColumns };
    }
  }
}

/** Scales one value of column `c`. */
export function scaleValue(params: ScalerParams, c: number, v: number): number {
  switch (params.kind) {
    case 'none':
      return v;
    case 'minmax': {
      const [a, b] = params.range;
      const lo = params.min[c]!;
      const span = params.max[c]! - lo;
      // (v - lo) / span, written to stay finite for spans near the largest double.
      return span === 0 ? a : a + (b - a) * ((v / span) - (lo / span));
    }
    case 'standard': {
      const sd = params.std[c]!;
      return sd === 0 ? 0 : v / sd - params.mean[c]! / sd;
    }
  }
}

/** Inverse of scaleValue. */
export function unscaleValue(params: ScalerParams, c: number, s: number): number {
  switch (params.kind) {
    case 'none':
      return s;
    case 'minmax': {
      const [a, b] = params.range;
      const lo = params.min[c]!;
      const span = params.max[c]! - lo;
      return span === 0 ? lo : lo + ((s - a) / (b - a)) * span;
    }
    case 'standard':
      return params.mean[c]! + s * (params.std[c]! === 0 ? 1 : params.std[c]!);
  }
}

/** Scales every row; returns new arrays. */
export function scaleRows(params: ScalerParams, rows: readonly (readonly number[])[]): number[][] {
  return rows.map((r) => r.map((v, c) => scaleValue(params, c, v)));
}

export function scalerColumns(params: ScalerParams): number {
  return params.kind === 'none' ? params.columns : params.kind === 'minmax' ? params.min.length : params.mean.length;
}

/**
 * Fits a one-column scaler on values[from .. to) (the rows training samples read). A constant
 * column gets a unit scale, as in fitScaler, and is reported in `constant`.
 */
export function fitColumnScaler(values: ArrayLike<number>, from: number, to: number, options: ScaleOptions): { params: ScalerParams; constant: boolean } {
  if (to <= from) throw new RangeError('cannot fit a scaler on zero rows');
  switch (options.kind) {
    case 'none':
      return { params: { kind: 'none', columns: 1 }, constant: false };
    case 'minmax': {
      const [a, b] = options.range ?? [-1, 1];
      if (!(a < b)) throw new RangeError(`range must be increasing, got ${a},${b}`);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = from; i < to; i++) {
        const v = values[i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return { params: { kind: 'minmax', range: [a, b], min: [lo], max: [hi] }, constant: lo === hi };
    }
    case 'standard': {
      // NaN marks rows without a transformed value (the first rows of a differenced sequence)
      let m = 0;
      let n = 0;
      for (let i = from; i < to; i++) {
        if (Number.isNaN(values[i]!)) continue;
        m = Math.max(m, Math.abs(values[i]!));
        n++;
      }
      m ||= 1;
      let sum = 0;
      for (let i = from; i < to; i++) if (!Number.isNaN(values[i]!)) sum += values[i]! / m;
      const mu = sum / Math.max(1, n);
      let sq = 0;
      for (let i = from; i < to; i++) if (!Number.isNaN(values[i]!)) sq += (values[i]! / m - mu) ** 2;
      const sd = Math.sqrt(sq / Math.max(1, n)) * m;
      return { params: { kind: 'standard', mean: [mu * m], std: [sd] }, constant: sd === 0 };
    }
  }
}
