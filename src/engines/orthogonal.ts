// Orthogonal matrices for recurrent kernels, as Keras draws them: the Q factor of the QR
// decomposition of a standard-normal matrix, its columns multiplied by the signs of diag(R) so
// that the result does not depend on the QR algorithm's sign convention.
//
// Small matrices (below SOLVE_FROM multiply-adds, m n^2: an LSTM below about 300 units) take
// Q from the Householder reflectors multiplied out (LAPACK's dorgqr), the numbers every figure
// of rnnfc was measured with. Larger ones solve Q = A R^-1 with R's diagonal positive: half the
// work of the reflectors, in rows independent of each other, which two threads share without
// waiting for each other. R comes from the Cholesky factorization of G = A'A where A has at
// least twice as many rows as columns (the kernels of LSTM and GRU: CholeskyQR, half the work of
// the Householder factorization, its accuracy that of a condition number squared, about 10 for
// such a normal matrix), and from the Householder factorization otherwise (square kernels, far
// less well conditioned). All agree to about 1e-15; stored as float32, 0 to 4 values of a kernel
// of up to 4,000,000 differ by one unit in the last place. A nearly singular R falls back on the
// next way.
//
// The QR is a blocked Householder factorization (LAPACK's dgeqrf / dorgqr with the compact WY
// form) on column-major float64 arrays: every inner loop runs down one contiguous column, and the
// trailing updates are matrix products that reuse each loaded column for four reflectors. Where
// the runtime has WebAssembly SIMD, the bulk runs in kernels that give the same bits, optionally
// with a helper thread (orthogonal-simd.ts); the TypeScript here is the reference and the fallback.
// Work comes in steps (a generator) so that a caller can yield to the event loop between them.

import { kernelModule } from './fused/simd-kernels.js';
import { fitsSimdMemory, simdWorkspace, type HelperOptions } from './orthogonal-simd.js';
import { fillNormals } from '../util/random.js';
import { BLOCK, COLUMNS_PER_STEP, GRAM_COLUMNS_PER_STEP, ROWS_PER_STEP, type MatrixSource, type Workspace } from './qr-workspace.js';

/**
 * Which code runs the bulk of the work, as for the fused engine's products: 'auto' WebAssembly
 * SIMD where the runtime has it (and the matrix fits its 4 GiB), 'simd' always (throws where
 * missing), 'plain' TypeScript only.
 * All give the same bits.
 */
export type QrKernels = 'auto' | 'simd' | 'plain';

/**
 * How Q is computed: 'reflectors' multiplies the Householder reflectors out; 'solve' solves
 * Q = A R^-1 with the Householder R; 'gram' with the Cholesky factor of A'A (needs m >= 2n);
 * 'auto' picks by size (see qFormFor).
 */
export type QForm = 'auto' | 'reflectors' | 'solve' | 'gram';

/** m n^2 from which 'auto' solves Q = A R^-1: an LSTM of about 300 units (1200 x 300). */
export const SOLVE_FROM = 1e8;

/** What 'auto' does for an m x n matrix. */
export function qFormFor(m: number, n: number): Exclude<QForm, 'auto'> {
  if (m * n * n < SOLVE_FROM) return 'reflectors';
  return m >= 2 * n ? 'gram' : 'solve';
}

export interface QrOptions extends Partial<HelperOptions> {
  kernels?: QrKernels;
  form?: QForm;
  /** Threads the SIMD path may use (a helper thread from 2 on); the same bits whatever the count. Default 1. */
  threads?: number;
}

/**
 * The orthogonal factor of an m x n matrix (column-major, m >= n), times sign(diag(R)): m x n
 * column-major with orthonormal columns (on the SIMD path, a view of the WebAssembly memory it
 * was built in). The matrix is `source`, whose values are used up, what `source` writes into
 * the array it is given (zeros to start with), which spares a copy and lets a helper thread start
 * meanwhile, or seeded normal numbers, which a helper thread helps draw. Yields between pieces of
 * work.
 */
export function* orthogonalFactorSteps(
  source: MatrixSource,
  m: number,
  n: number,
  options: QrOptions = {},
): Generator<void, Float64Array> {
  if (!Number.isInteger(m) || !Number.isInteger(n) || n < 1 || m < n) {
    throw new RangeError(`orthogonalFactor needs m >= n >= 1, got ${m} x ${n}`);
  }
  if (source instanceof Float64Array && source.length !== m * n) {
    throw new RangeError(`orthogonalFactor: expected ${m * n} values, got ${source.length}`);
  }
  const { kernels = 'auto', threads = 1, form = 'auto', ...helper } = options;
  if (form !== 'auto' && form !== 'reflectors' && form !== 'solve' && form !== 'gram') {
    throw new TypeError(`form must be auto, reflectors, solve or gram, got ${JSON.stringify(form)}`);
  }
  if (form === 'gram' && m < 2 * n) throw new RangeError(`form gram needs m >= 2n, got ${m} x ${n}`);
  if (kernels !== 'auto' && kernels !== 'simd' && kernels !== 'plain') {
    throw new TypeError(`kernels must be auto, simd or plain, got ${JSON.stringify(kernels)}`);
  }
  const module = kernels === 'plain' || (kernels === 'auto' && !fitsSimdMemory(m, n)) ? null : kernelModule();
  if (kernels === 'simd' && !module) throw new Error('this runtime has no WebAssembly SIMD');
  const fill: Exclude<MatrixSource, Float64Array> = source instanceof Float64Array ? (a: Float64Array) => a.set(source) : source;
  const work = module ? simdWorkspace(module, fill, m, n, { ...helper, threads }) : plainWorkspace(fill, m, n);
  try {
    return yield* factorSteps(work, m, n, form === 'auto' ? qFormFor(m, n) : form);
  } finally {
    work.close();
  }
}

function* factorSteps(work: Workspace, m: number, n: number, form: Exclude<QForm, 'auto'>): Generator<void, Float64Array> {
  const { a, q } = work;
  if (form === 'gram') {
    for (let j0 = 0; j0 < n; j0 += GRAM_COLUMNS_PER_STEP) {
      work.gram(j0, Math.min(n, j0 + GRAM_COLUMNS_PER_STEP));
      yield;
    }
    if (work.cholesky() < 0 && wellConditioned(work.g, n, n, 1e-3)) {
      // A is used up: Q takes its place, row after row.
      for (let r0 = 0; r0 < m; r0 += ROWS_PER_STEP) {
        work.solve(r0, Math.min(m, r0 + ROWS_PER_STEP), 'gram');
        yield;
      }
      return a;
    }
    // A is left as it was: on with the Householder R.
    form = 'solve';
  }
  const solve = form === 'solve';
  const blocks = Math.ceil(n / BLOCK);
  // Q = A R^-1 needs A, which the factorization overwrites.
  if (solve) q.set(a);

  // Factor: R in the upper triangle, reflector j below the diagonal of column j (v[j] = 1 implied).
  for (let block = 0; block < blocks; block++) {
    const j0 = block * BLOCK;
    const nb = Math.min(BLOCK, n - j0);
    work.factorPanel(j0, nb);
    work.loadBlock(block, nb, true);
    // Trailing columns: C = (I - V T V')' C = C - V T' (V' C).
    for (let c0 = j0 + nb; c0 < n; c0 += COLUMNS_PER_STEP) {
      work.apply(block, nb, true, a, j0, c0, Math.min(n, c0 + COLUMNS_PER_STEP));
      yield;
    }
    yield;
  }
  const signs = new Float64Array(n);
  for (let j = 0; j < n; j++) signs[j] = a[j + j * m]! < 0 ? -1 : 1;

  // R nearly singular (a matrix of rank below n, or close to it) would make A R^-1 inaccurate or
  // undefined: Q from the reflectors then. (A normal matrix is never close, unless tiny.)
  if (solve && wellConditioned(a, m, n, 1e-6)) {
    // Q sign(diag R) = A (sign(diag R) R)^-1: R's rows take the signs of its diagonal.
    for (let j = 0; j < n; j++) for (let k = 0; k <= j; k++) a[k + j * m] = signs[k]! * a[k + j * m]!;
    for (let r0 = 0; r0 < m; r0 += ROWS_PER_STEP) {
      work.solve(r0, Math.min(m, r0 + ROWS_PER_STEP), 'householder');
      yield;
    }
    return q;
  }
  if (solve) q.fill(0);

  // Q = H_0 H_1 ... H_{n-1} [I; 0], the blocks applied from the last to the first.
  for (let j = 0; j < n; j++) q[j + j * m] = 1;
  for (let block = blocks - 1; block >= 0; block--) {
    const j0 = block * BLOCK;
    const nb = Math.min(BLOCK, n - j0);
    work.loadBlock(block, nb, false);
    for (let c0 = j0; c0 < n; c0 += COLUMNS_PER_STEP) {
      work.apply(block, nb, false, q, j0, c0, Math.min(n, c0 + COLUMNS_PER_STEP));
      yield;
    }
  }
  for (let j = 0; j < n; j++) {
    if (signs[j] === 1) continue;
    const col = j * m;
    for (let i = 0; i < m; i++) q[col + i] = -q[col + i]!;
  }
  return q;
}

/**
 * Whether the diagonal of the triangular R (n x n, in a column-major array of stride ld) is
 * finite and nowhere below `ratio` times its largest magnitude: a lower bound of R's condition
 * number below 1 / ratio, the least that solving with R requires.
 */
function wellConditioned(r: Float64Array, ld: number, n: number, ratio: number): boolean {
  let largest = 0;
  for (let j = 0; j < n; j++) largest = Math.max(largest, Math.abs(r[j + j * ld]!));
  if (!Number.isFinite(largest)) return false;
  for (let j = 0; j < n; j++) if (!(Math.abs(r[j + j * ld]!) > ratio * largest)) return false;
  return true;
}

/** orthogonalFactorSteps run to the end at once. */
export function orthogonalFactor(source: MatrixSource, m: number, n: number, options: QrOptions = {}): Float64Array {
  const steps = orthogonalFactorSteps(source, m, n, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Everything in TypeScript arrays. */
function plainWorkspace(fill: Exclude<MatrixSource, Float64Array>, m: number, n: number): Workspace {
  const a = new Float64Array(m * n);
  if (typeof fill === 'function') fill(a);
  else fillNormals(a, fill.normals, 0);
  const q = new Float64Array(m * n);
  // G only for the Gram route: n^2 values a Householder QR does without.
  let g: Float64Array | undefined;
  const gram = () => (g ??= new Float64Array(n * n));
  const tau = new Float64Array(n);
  const v = new Float64Array(m * BLOCK);
  const w = new Float64Array(BLOCK * COLUMNS_PER_STEP);
  const ts: Float64Array[] = [];
  let loaded = -1;
  return {
    a,
    q,
    get g() {
      return gram();
    },
    factorPanel: (j0, nb) => factorPanel(a, m, j0, nb, tau),
    loadBlock(block, nb, first) {
      const j0 = block * BLOCK;
      copyReflectors(a, m, j0, nb, v);
      if (first) ts[block] = triangularFactor(v, m - j0, nb, tau, j0);
      loaded = block;
    },
    apply(block, nb, transposed, c, r0, c0, c1) {
      if (loaded !== block) throw new Error('applyBlockReflector: the block is not loaded');
      applyBlockReflector(v, m - r0, nb, ts[block]!, transposed, c, m, r0, c0, c1, w);
    },
    solve: (r0, r1, from) => (from === 'gram' ? solveRows(a, m, gram(), n, r0, r1, n) : solveRows(q, m, a, m, r0, r1, n)),
    gram: (j0, j1) => gramColumns(gram(), n, a, m, j0, j1),
    cholesky: () => choleskyUpper(gram(), n),
    close() {},
  };
}

/**
 * Rows r0 .. r1-1 of x (column-major, stride ldx, holding A) become those of X = A R^-1, R upper
 * triangular (n x n, column-major, stride ldr): for every element, in this order,
 * x[i, j] = (((a[i, j] - x[i, 0] r[0, j]) - x[i, 1] r[1, j]) - ... - x[i, j-1] r[j-1, j]) / r[j, j].
 */
function solveRows(x: Float64Array, ldx: number, r: Float64Array, ldr: number, r0: number, r1: number, n: number): void {
  for (let j = 0; j < n; j++) {
    const xj = j * ldx;
    const rj = j * ldr;
    let k = 0;
    // Four terms per pass over the rows, subtracted one after the other as above.
    for (; k + 4 <= j; k += 4) {
      const x0 = k * ldx;
      const x1 = x0 + ldx;
      const x2 = x1 + ldx;
      const x3 = x2 + ldx;
      const c0 = r[rj + k]!;
      const c1 = r[rj + k + 1]!;
      const c2 = r[rj + k + 2]!;
      const c3 = r[rj + k + 3]!;
      for (let i = r0; i < r1; i++) x[xj + i] = x[xj + i]! - x[x0 + i]! * c0 - x[x1 + i]! * c1 - x[x2 + i]! * c2 - x[x3 + i]! * c3;
    }
    for (; k < j; k++) {
      const xk = k * ldx;
      const rkj = r[rj + k]!;
      for (let i = r0; i < r1; i++) x[xj + i] = x[xj + i]! - x[xk + i]! * rkj;
    }
    const d = r[rj + j]!;
    for (let i = r0; i < r1; i++) x[xj + i] = x[xj + i]! / d;
  }
}

/**
 * Columns j0 .. j1-1 of the upper triangle of G = A'A (n x n, column-major), A m x n column-major:
 * G[k, j] is the sum of the products a[r, k] a[r, j] over the even rows (in row order) plus that
 * over the odd rows, the order of the SIMD kernel's two lanes.
 */
function gramColumns(g: Float64Array, n: number, a: Float64Array, m: number, j0: number, j1: number): void {
  for (let j = j0; j < j1; j++) {
    const cj = j * m;
    let k = 0;
    // Four columns k per pass over column j, each sum as laneDot takes it.
    for (; k + 3 <= j; k += 4) {
      const c0 = k * m;
      const c1 = c0 + m;
      const c2 = c1 + m;
      const c3 = c2 + m;
      let e0 = 0, e1 = 0, e2 = 0, e3 = 0, o0 = 0, o1 = 0, o2 = 0, o3 = 0;
      let r = 0;
      for (; r + 1 < m; r += 2) {
        const x = a[cj + r]!;
        const y = a[cj + r + 1]!;
        e0 += a[c0 + r]! * x;
        e1 += a[c1 + r]! * x;
        e2 += a[c2 + r]! * x;
        e3 += a[c3 + r]! * x;
        o0 += a[c0 + r + 1]! * y;
        o1 += a[c1 + r + 1]! * y;
        o2 += a[c2 + r + 1]! * y;
        o3 += a[c3 + r + 1]! * y;
      }
      if (r < m) {
        const x = a[cj + r]!;
        e0 += a[c0 + r]! * x;
        e1 += a[c1 + r]! * x;
        e2 += a[c2 + r]! * x;
        e3 += a[c3 + r]! * x;
      }
      g[k + j * n] = e0 + o0;
      g[k + 1 + j * n] = e1 + o1;
      g[k + 2 + j * n] = e2 + o2;
      g[k + 3 + j * n] = e3 + o3;
    }
    for (; k <= j; k++) g[k + j * n] = laneDot(a, k * m, a, cj, m);
  }
}

/**
 * Σ x[xi + r] y[yi + r] over r < length as the SIMD kernels' two lanes take it: the even r in
 * order, the odd r in order, then the two added.
 */
function laneDot(x: Float64Array, xi: number, y: Float64Array, yi: number, length: number): number {
  let even = 0;
  let odd = 0;
  let r = 0;
  for (; r + 1 < length; r += 2) {
    even += x[xi + r]! * y[yi + r]!;
    odd += x[xi + r + 1]! * y[yi + r + 1]!;
  }
  if (r < length) even += x[xi + r]! * y[yi + r]!;
  return even + odd;
}

/**
 * The Cholesky factor R (upper, R'R = G) in place of G's upper triangle (n x n, column-major),
 * column after column, each sum over k < i of R[k, i] R[k, j] taken as gramColumns takes its
 * sums (even k, then odd k, then the two added). Returns -1, or the first column whose pivot is
 * not positive.
 */
function choleskyUpper(g: Float64Array, n: number): number {
  for (let j = 0; j < n; j++) {
    const cj = j * n;
    for (let i = 0; i <= j; i++) {
      const ci = i * n;
      const sum = laneDot(g, ci, g, cj, i);
      if (i < j) {
        g[cj + i] = (g[cj + i]! - sum) / g[ci + i]!;
      } else {
        const d = g[cj + j]! - sum;
        if (!(d > 0)) return j;
        g[cj + j] = Math.sqrt(d);
      }
    }
  }
  return -1;
}

/** Unblocked Householder QR of columns j0 .. j0+nb-1, rows j0 .. m-1 (LAPACK's dgeqr2). */
function factorPanel(a: Float64Array, m: number, j0: number, nb: number, tau: Float64Array): void {
  for (let j = j0; j < j0 + nb; j++) {
    const col = j * m;
    const alpha = a[col + j]!;
    let sumSquares = 0;
    for (let i = j + 1; i < m; i++) sumSquares += a[col + i]! * a[col + i]!;
    if (sumSquares === 0) {
      // Already upper triangular here: H = I.
      tau[j] = 0;
      continue;
    }
    // H x = beta e1 with beta of the opposite sign to alpha, so that v = x - beta e1 does not cancel.
    const norm = Math.sqrt(alpha * alpha + sumSquares);
    const beta = alpha >= 0 ? -norm : norm;
    tau[j] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) a[col + i]! *= scale;
    a[col + j] = beta;
    // The panel's later columns: x -= tau v (v' x).
    const t = tau[j]!;
    for (let k = j + 1; k < j0 + nb; k++) {
      const ck = k * m;
      let dot = a[ck + j]!;
      for (let i = j + 1; i < m; i++) dot += a[col + i]! * a[ck + i]!;
      dot *= t;
      a[ck + j] = a[ck + j]! - dot;
      for (let i = j + 1; i < m; i++) a[ck + i] = a[ck + i]! - dot * a[col + i]!;
    }
  }
}

/** The panel's reflectors as a dense (m - j0) x nb column-major matrix V, unit diagonal, zeros above. */
function copyReflectors(a: Float64Array, m: number, j0: number, nb: number, v: Float64Array): void {
  const rows = m - j0;
  for (let k = 0; k < nb; k++) {
    const src = (j0 + k) * m + j0;
    const dst = k * rows;
    for (let i = 0; i < k; i++) v[dst + i] = 0;
    v[dst + k] = 1;
    for (let i = k + 1; i < rows; i++) v[dst + i] = a[src + i]!;
  }
}

/** Upper triangular T (nb x nb, column-major) with H_0 ... H_{nb-1} = I - V T V' (LAPACK's dlarft). */
function triangularFactor(v: Float64Array, rows: number, nb: number, tau: Float64Array, j0: number): Float64Array {
  const t = new Float64Array(nb * nb);
  const z = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    const taui = tau[j0 + i]!;
    // T[0:i, i] = -tau_i T[0:i, 0:i] (V[:, 0:i]' v_i)
    const vi = i * rows;
    for (let k = 0; k < i; k++) {
      const vk = k * rows;
      let dot = 0;
      for (let r = i; r < rows; r++) dot += v[vk + r]! * v[vi + r]!;
      z[k] = dot;
    }
    for (let k = 0; k < i; k++) {
      let sum = 0;
      for (let l = k; l < i; l++) sum += t[k + l * nb]! * z[l]!;
      t[k + i * nb] = -taui * sum;
    }
    t[i + i * nb] = taui;
  }
  return t;
}

/**
 * C = (I - V op(T) V') C on rows r0 .. r0+rows-1 and columns c0 .. c1-1 of `c` (column-major,
 * `ld` rows), where op(T) is T' when `transposed` (applying Q') and T otherwise (applying Q).
 * `w` is scratch of at least nb * (c1 - c0) values.
 */
function applyBlockReflector(
  v: Float64Array,
  rows: number,
  nb: number,
  t: Float64Array,
  transposed: boolean,
  c: Float64Array,
  ld: number,
  r0: number,
  c0: number,
  c1: number,
  w: Float64Array,
): void {
  const cols = c1 - c0;
  // W = V' C: two columns of C against four reflectors per pass (8 multiply-adds per 6 loads).
  let j = 0;
  for (; j + 2 <= cols; j += 2) {
    const ca = (c0 + j) * ld + r0;
    const cb = ca + ld;
    const wa = j * nb;
    const wb = wa + nb;
    let k = 0;
    for (; k + 4 <= nb; k += 4) {
      const v0 = k * rows;
      const v1 = v0 + rows;
      const v2 = v1 + rows;
      const v3 = v2 + rows;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      // v_k is zero above row k.
      for (let r = k; r < rows; r++) {
        const x = c[ca + r]!;
        const y = c[cb + r]!;
        const p0 = v[v0 + r]!;
        const p1 = v[v1 + r]!;
        const p2 = v[v2 + r]!;
        const p3 = v[v3 + r]!;
        a0 += p0 * x;
        a1 += p1 * x;
        a2 += p2 * x;
        a3 += p3 * x;
        b0 += p0 * y;
        b1 += p1 * y;
        b2 += p2 * y;
        b3 += p3 * y;
      }
      w[wa + k] = a0;
      w[wa + k + 1] = a1;
      w[wa + k + 2] = a2;
      w[wa + k + 3] = a3;
      w[wb + k] = b0;
      w[wb + k + 1] = b1;
      w[wb + k + 2] = b2;
      w[wb + k + 3] = b3;
    }
    for (; k < nb; k++) {
      const vk = k * rows;
      let sa = 0;
      let sb = 0;
      for (let r = k; r < rows; r++) {
        sa += v[vk + r]! * c[ca + r]!;
        sb += v[vk + r]! * c[cb + r]!;
      }
      w[wa + k] = sa;
      w[wb + k] = sb;
    }
  }
  for (; j < cols; j++) {
    const cj = (c0 + j) * ld + r0;
    const wj = j * nb;
    for (let k = 0; k < nb; k++) {
      const vk = k * rows;
      let s = 0;
      for (let r = k; r < rows; r++) s += v[vk + r]! * c[cj + r]!;
      w[wj + k] = s;
    }
  }
  triangularMultiply(t, nb, transposed, w, nb, cols);
  // C -= V W: two columns of C and four reflectors per pass.
  j = 0;
  for (; j + 2 <= cols; j += 2) {
    const ca = (c0 + j) * ld + r0;
    const cb = ca + ld;
    const wa = j * nb;
    const wb = wa + nb;
    let k = 0;
    for (; k + 4 <= nb; k += 4) {
      const v0 = k * rows;
      const v1 = v0 + rows;
      const v2 = v1 + rows;
      const v3 = v2 + rows;
      const a0 = w[wa + k]!, a1 = w[wa + k + 1]!, a2 = w[wa + k + 2]!, a3 = w[wa + k + 3]!;
      const b0 = w[wb + k]!, b1 = w[wb + k + 1]!, b2 = w[wb + k + 2]!, b3 = w[wb + k + 3]!;
      for (let r = k; r < rows; r++) {
        const p0 = v[v0 + r]!;
        const p1 = v[v1 + r]!;
        const p2 = v[v2 + r]!;
        const p3 = v[v3 + r]!;
        c[ca + r] = c[ca + r]! - (p0 * a0 + p1 * a1 + p2 * a2 + p3 * a3);
        c[cb + r] = c[cb + r]! - (p0 * b0 + p1 * b1 + p2 * b2 + p3 * b3);
      }
    }
    for (; k < nb; k++) {
      const vk = k * rows;
      const a0 = w[wa + k]!;
      const b0 = w[wb + k]!;
      for (let r = k; r < rows; r++) {
        c[ca + r] = c[ca + r]! - v[vk + r]! * a0;
        c[cb + r] = c[cb + r]! - v[vk + r]! * b0;
      }
    }
  }
  for (; j < cols; j++) {
    const cj = (c0 + j) * ld + r0;
    const wj = j * nb;
    for (let k = 0; k < nb; k++) {
      const vk = k * rows;
      const wk = w[wj + k]!;
      for (let r = k; r < rows; r++) c[cj + r] = c[cj + r]! - v[vk + r]! * wk;
    }
  }
}

/** W = op(T) W for the first `cols` columns of W (nb rows, column stride `stride`), T upper triangular. */
function triangularMultiply(t: Float64Array, nb: number, transposed: boolean, w: Float64Array, stride: number, cols: number): void {
  const tmp = new Float64Array(nb);
  for (let jj = 0; jj < cols; jj++) {
    const wj = jj * stride;
    for (let i = 0; i < nb; i++) {
      let sum = 0;
      if (transposed) for (let l = 0; l <= i; l++) sum += t[l + i * nb]! * w[wj + l]!;
      else for (let l = i; l < nb; l++) sum += t[i + l * nb]! * w[wj + l]!;
      tmp[i] = sum;
    }
    w.set(tmp, wj);
  }
}
