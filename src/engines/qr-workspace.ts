// What the blocked Householder QR of orthogonal.ts hands to the code that holds its buffers: the
// TypeScript arrays there, or one WebAssembly memory and the SIMD kernels (orthogonal-simd.ts).

/** Columns per Householder panel. */
export const BLOCK = 32;
/** Trailing columns updated between two yields (even: a step's last column is its only odd one). */
export const COLUMNS_PER_STEP = 128;
/** Rows of Q = A R^-1 computed between two yields. */
export const ROWS_PER_STEP = 256;
/** Columns of G = A'A computed between two yields. */
export const GRAM_COLUMNS_PER_STEP = 32;

/**
 * The matrix to factor: values (used up), a function that writes them into the zeros it is given,
 * or `normals`: the standard normal numbers of seededNormal(seededRandom(normals)) in column-major
 * order, which threads can draw in parts.
 */
export type MatrixSource = Float64Array | ((a: Float64Array) => void) | { normals: number };

/** The buffers of one factorization and the steps of the algorithm that touch them in bulk. */
export interface Workspace {
  /** The matrix being factored (m x n, column-major). */
  readonly a: Float64Array;
  /** Where Q is built (m x n, column-major), zeros to start with. */
  readonly q: Float64Array;
  /** G = A'A (n x n, column-major; its upper triangle), then its Cholesky factor R in place. */
  readonly g: Float64Array;
  /** Householder QR of the panel at column j0 (nb columns) in place in a: R and the reflectors. */
  factorPanel(j0: number, nb: number): void;
  /** Makes panel `block`'s reflectors the current ones; with `first`, also computes its T (once). */
  loadBlock(block: number, nb: number, first: boolean): void;
  /** C = (I - V op(T) V') C with the current block on rows r0.. and columns c0 .. c1-1 of `c` (a or q). */
  apply(block: number, nb: number, transposed: boolean, c: Float64Array, r0: number, c0: number, c1: number): void;
  /**
   * Rows r0 .. r1-1 of Q = A R^-1. From 'householder': in q, which holds A, with R the upper
   * triangle of a (its rows' signs made those of a positive diagonal). From 'gram': in a, with R
   * the Cholesky factor in g.
   */
  solve(r0: number, r1: number, from: 'householder' | 'gram'): void;
  /** Columns j0 .. j1-1 of G = A'A (the upper triangle), A in a. */
  gram(j0: number, j1: number): void;
  /** The Cholesky factor of G in place (R'R = G, R upper): -1, or the first column whose pivot is not positive. */
  cholesky(): number;
  /** Frees what outlives the work (a helper thread). */
  close(): void;
}
