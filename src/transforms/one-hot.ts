// One-hot encoding of a category column, fitted on training rows: one input per category seen
// there (in sorted order); a category first seen later is encoded as all zeros.

/** The categories of values[from .. to), sorted. */
export function fitCategories(values: readonly string[], from: number, to: number): string[] {
  const seen = new Set<string>();
  for (let r = from; r < to; r++) seen.add(values[r]!);
  return [...seen].sort();
}

/**
 * Writes the one-hot code of `value` into out[offset .. offset + categories.length). Returns false
 * (leaving zeros) for a category not among `categories`.
 */
export function encodeOneHot(categories: readonly string[], value: string, out: Float32Array, offset: number): boolean {
  for (let k = 0; k < categories.length; k++) out[offset + k] = 0;
  const k = categories.indexOf(value);
  if (k < 0) return false;
  out[offset + k] = 1;
  return true;
}
