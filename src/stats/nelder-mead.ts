// Nelder-Mead simplex minimisation (Nelder & Mead 1965, with the usual coefficients: reflection
// 1, expansion 2, contraction 1/2, shrink 1/2). Deterministic: the same start gives the same
// path and the same result, bit for bit. Used to fit the smoothing parameters of Holt-Winters.

export interface NelderMeadOptions {
  /** Initial simplex: x0 and x0 + step along each axis. Default 0.5. */
  step?: number;
  /** Stop after this many iterations. Default 200 * dimensions. */
  maxIterations?: number;
  /** Stop when the values at the simplex's vertices differ by at most this (relative). Default 1e-10. */
  tolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
}

export function nelderMead(f: (x: ArrayLike<number>) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  if (n === 0) throw new RangeError('nelderMead needs at least one dimension');
  if (!x0.every(Number.isFinite)) throw new RangeError(`the start must be finite, got ${x0.join(', ')}`);
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 200 * n;
  const tolerance = options.tolerance ?? 1e-10;
  // A NaN value counts as +Infinity, so a bad region is left rather than chosen.
  const value = (x: ArrayLike<number>) => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  // Every point lives in a buffer allocated here: the fit of a Holt-Winters baseline runs this
  // thousands of times per forecast origin, and the garbage of fresh arrays cost more than the work.
  const simplex: Float64Array[] = [];
  for (let k = 0; k <= n; k++) {
    const x = Float64Array.from(x0);
    if (k > 0) x[k - 1]! += step;
    simplex.push(x);
  }
  const values = simplex.map(value);
  const centroid = new Float64Array(n);
  let reflected: Float64Array = new Float64Array(n);
  let spare: Float64Array = new Float64Array(n);
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const rows = simplex.slice();
  const sorted = values.slice();
  /** out = from + t (to - from), coordinate by coordinate. */
  const along = (out: Float64Array, from: Float64Array, to: Float64Array, t: number) => {
    for (let i = 0; i < n; i++) out[i] = from[i]! + t * (to[i]! - from[i]!);
    return out;
  };
  /** The worst vertex becomes `point` (whose buffer the simplex takes), valued v. */
  const replaceWorst = (point: Float64Array, v: number): Float64Array => {
    const old = simplex[n]!;
    simplex[n] = point;
    values[n] = v;
    return old;
  };
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // Order the vertices, best first; ties by position, so the path is deterministic.
    for (let i = 0; i <= n; i++) order[i] = i;
    for (let i = 1; i <= n; i++) {
      const o = order[i]!;
      let j = i - 1;
      while (j >= 0 && (values[order[j]!]! - values[o]! || order[j]! - o) > 0) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = o;
    }
    for (let i = 0; i <= n; i++) {
      rows[i] = simplex[order[i]!]!;
      sorted[i] = values[order[i]!]!;
    }
    for (let i = 0; i <= n; i++) {
      simplex[i] = rows[i]!;
      values[i] = sorted[i]!;
    }
    const best = values[0]!;
    const worst = values[n]!;
    if (Number.isFinite(worst) && Math.abs(worst - best) <= tolerance * (Math.abs(best) + tolerance)) break;
    centroid.fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i]! += simplex[k]![i]! / n;
    along(reflected, centroid, simplex[n]!, -1);
    const fr = value(reflected);
    if (fr < best) {
      const expanded = along(spare, centroid, simplex[n]!, -2);
      const fe = value(expanded);
      if (fe < fr) spare = replaceWorst(expanded, fe);
      else reflected = replaceWorst(reflected, fr);
      continue;
    }
    if (fr < values[n - 1]!) {
      reflected = replaceWorst(reflected, fr);
      continue;
    }
    // contract towards the better of the worst and its reflection
    const outside = fr < worst;
    const contracted = along(spare, centroid, outside ? reflected : simplex[n]!, 0.5);
    const fc = value(contracted);
    if (fc < (outside ? fr : worst)) {
      spare = replaceWorst(contracted, fc);
      continue;
    }
    // shrink every vertex towards the best
    for (let k = 1; k <= n; k++) {
      along(simplex[k]!, simplex[0]!, simplex[k]!, 0.5);
      values[k] = value(simplex[k]!);
    }
  }
  let bestIndex = 0;
  for (let k = 1; k <= n; k++) if (values[k]! < values[bestIndex]!) bestIndex = k;
  return { x: Array.from(simplex[bestIndex]!), value: values[bestIndex]!, iterations };
}
