// Smallest and largest values by a loop: Math.min(...xs) overflows the call stack on long arrays.

export function extent(values: Iterable<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** The largest absolute value; 0 for no values. */
export function largestMagnitude(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}
