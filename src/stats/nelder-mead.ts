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

export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  if (n === 0) throw new RangeError('nelderMead needs at least one dimension');
  if (!x0.every(Number.isFinite)) throw new RangeError(`the start must be finite, got ${x0.join(', ')}`);
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 200 * n;
  const tolerance = options.tolerance ?? 1e-10;
  // A NaN value counts as +Infinity, so a bad region is left rather than chosen.
  const value = (x: readonly number[]) => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let simplex = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i]! += step;
    simplex.push(x);
  }
  let values = simplex.map(value);
  let iterations = 0;
  const along = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i]! - v));
  for (; iterations < maxIterations; iterations++) {
    // order the vertices, best first (a stable order keeps the path deterministic)
    const order = values.map((v, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    const best = values[0]!;
    const worst = values[n]!;
    if (Number.isFinite(worst) && Math.abs(worst - best) <= tolerance * (Math.abs(best) + tolerance)) break;
    const centroid = Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i]! += simplex[k]![i]! / n;
    const reflected = along(centroid, simplex[n]!, -1);
    const fr = value(reflected);
    if (fr < best) {
      const expanded = along(centroid, simplex[n]!, -2);
      const fe = value(expanded);
      if (fe < fr) {
        simplex[n] = expanded;
        values[n] = fe;
      } else {
        simplex[n] = reflected;
        values[n] = fr;
      }
      continue;
    }
    if (fr < values[n - 1]!) {
      simplex[n] = reflected;
      values[n] = fr;
      continue;
    }
    // contract towards the better of the worst and its reflection
    const outside = fr < worst;
    const contracted = along(centroid, outside ? reflected : simplex[n]!, 0.5);
    const fc = value(contracted);
    if (fc < (outside ? fr : worst)) {
      simplex[n] = contracted;
      values[n] = fc;
      continue;
    }
    // shrink every vertex towards the best
    for (let k = 1; k <= n; k++) {
      simplex[k] = along(simplex[0]!, simplex[k]!, 0.5);
      values[k] = value(simplex[k]!);
    }
  }
  let bestIndex = 0;
  for (let k = 1; k <= n; k++) if (values[k]! < values[bestIndex]!) bestIndex = k;
  return { x: simplex[bestIndex]!, value: values[bestIndex]!, iterations };
}
