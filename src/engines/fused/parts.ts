// How work is divided between threads: batch rows for everything row by row, and the rows of a
// gradient matrix (or the entries of a bias) for the sums over the batch. Each output element is
// computed by exactly one thread with the same operations in the same order, whatever the count.
// Plain numbers, no objects: these run inside every training step.
import type { GradientPart, RowRange } from './recurrent-cell.js';

/** Where share `index` of `shares` of `count` items starts (contiguous shares, sizes differ by ≤ 1). */
export function shareStart(count: number, index: number, shares: number): number {
  return Math.floor((count * index) / shares);
}

/** Rows [r0, r1) of `count`, for thread `index` of `threads`. */
export function rowRange(count: number, index: number, threads: number): RowRange {
  return { r0: shareStart(count, index, threads), r1: shareStart(count, index + 1, threads) };
}

/** The whole batch, for one thread. */
export const ALL_PARTS: GradientPart = { part: 0, parts: 1 };
