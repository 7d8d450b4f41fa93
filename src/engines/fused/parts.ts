// How work is divided between threads: batch rows for everything row by row, and the rows of a
// gradient matrix (or the entries of a bias) for the sums over the batch. Each output element is
// computed by exactly one thread with the same operations in the same order, whatever the count.
import type { GradientPart, RowRange } from './recurrent-cell.js';

/** Rows [r0, r1) of `count`, for thread `index` of `threads` (contiguous, sizes differ by ≤ 1). */
export function rowRange(count: number, index: number, threads: number): RowRange {
  return { r0: Math.floor((count * index) / threads), r1: Math.floor((count * (index + 1)) / threads) };
}

/** The share [start, end) of `count` that part `part.part` of `part.parts` owns. */
export function partRange(count: number, part: GradientPart): { start: number; end: number } {
  const { r0, r1 } = rowRange(count, part.part, part.parts);
  return { start: r0, end: r1 };
}

/** The whole batch, for one thread. */
export const ALL_PARTS: GradientPart = { part: 0, parts: 1 };
