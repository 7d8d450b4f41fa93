// The few dense kernels the fused cells need, on row-major Float64Arrays addressed by
// (array, offset, row stride) so a time step or a gate block is reached without a view.
// All of them accumulate into `out`: callers zero it first where they want a plain product.
// The inner loops run over contiguous memory (axpy or dot), which is what V8 compiles best.
// These are the reference: simd-kernels.ts runs the same operations in WebAssembly SIMD and must
// give the same bits (the tests compare them), so change the summation order in both or neither.

import * as gates from './gates.js';

/** The matrix kernels and gate functions (gates.ts) a cell runs; every array it is given must come from the cell's Arena. */
export interface Kernels {
  readonly name: 'plain' | 'simd';
  /**
   * Batch rows x units from which the gate functions leave TypeScript: below, cells call
   * plainKernels' directly (gateKernelsFor), a call less in every step of the smallest networks.
   */
  readonly gatesFrom: number;
  addMatMul: typeof addMatMul;
  gatePreactivations: typeof gatePreactivations;
  addMatMulTransposeA: typeof addMatMulTransposeA;
  addMatMulTransposeB: typeof addMatMulTransposeB;
  addMatMulTransposeBPacked: typeof addMatMulTransposeBPacked;
  addColumnSums: typeof addColumnSums;
  broadcastRows: typeof broadcastRows;
  gruUpdateResetGates: typeof gates.gruUpdateResetGates;
  gruCandidate: typeof gates.gruCandidate;
  gruUpdateCandidateGradients: typeof gates.gruUpdateCandidateGradients;
  gruResetGradients: typeof gates.gruResetGradients;
  lstmGates: typeof gates.lstmGates;
  lstmGateGradients: typeof gates.lstmGateGradients;
}

/** out[r, c] += Σ_k a[r, k] · b[k, c] for r < rows, k < inner, c < cols (a · b). */
export function addMatMul(
  out: Float64Array, outOff: number, outStride: number,
  a: Float64Array, aOff: number, aStride: number,
  b: Float64Array, bOff: number, bStride: number,
  rows: number, inner: number, cols: number,
): void {
  let r = 0;
  // Four rows at a time: each b[k, c] loaded once serves four outputs.
  for (; r + 3 < rows; r += 4) {
    const o0 = outOff + r * outStride;
    const o1 = o0 + outStride;
    const o2 = o1 + outStride;
    const o3 = o2 + outStride;
    const a0 = aOff + r * aStride;
    for (let k = 0; k < inner; k++) {
      const x0 = a[a0 + k];
      const x1 = a[a0 + aStride + k];
      const x2 = a[a0 + 2 * aStride + k];
      const x3 = a[a0 + 3 * aStride + k];
      const bRow = bOff + k * bStride;
      for (let c = 0; c < cols; c++) {
        const v = b[bRow + c];
        out[o0 + c] += x0 * v;
        out[o1 + c] += x1 * v;
        out[o2 + c] += x2 * v;
        out[o3 + c] += x3 * v;
      }
    }
  }
  for (; r < rows; r++) {
    const outRow = outOff + r * outStride;
    const aRow = aOff + r * aStride;
    for (let k = 0; k < inner; k++) {
      const aRK = a[aRow + k];
      const bRow = bOff + k * bStride;
      for (let c = 0; c < cols; c++) out[outRow + c] += aRK * b[bRow + c];
    }
  }
}

/**
 * A gate block's pre-activations: out[r, c] = bias[c] + Σ_k x[r, k]·w[k, c] + Σ_k h[r, k]·u[k, c]
 * for r < rows, c < cols (k < n, then k < m; m may be 0), as broadcastRows and one addMatMul per
 * product compute them. The SIMD kernels do it in one pass over out.
 */
export function gatePreactivations(
  out: Float64Array, outOff: number, outStride: number,
  bias: Float64Array, biasOff: number,
  x: Float64Array, xOff: number, xStride: number, w: Float64Array, wOff: number, wStride: number, n: number,
  h: Float64Array, hOff: number, hStride: number, u: Float64Array, uOff: number, uStride: number, m: number,
  rows: number, cols: number,
): void {
  broadcastRows(out, outOff, outStride, bias, biasOff, rows, cols);
  addMatMul(out, outOff, outStride, x, xOff, xStride, w, wOff, wStride, rows, n, cols);
  if (m > 0) addMatMul(out, outOff, outStride, h, hOff, hStride, u, uOff, uStride, rows, m, cols);
}

/** out[k, c] += Σ_r a[r, k] · b[r, c] for r < rows, k < inner, c < cols (aᵀ · b: weight gradients). */
export function addMatMulTransposeA(
  out: Float64Array, outOff: number, outStride: number,
  a: Float64Array, aOff: number, aStride: number,
  b: Float64Array, bOff: number, bStride: number,
  rows: number, inner: number, cols: number,
): void {
  let r = 0;
  // Four rows at a time: each out[k, c] is read and written once for four products.
  for (; r + 3 < rows; r += 4) {
    const a0 = aOff + r * aStride;
    const b0 = bOff + r * bStride;
    const b1 = b0 + bStride;
    const b2 = b1 + bStride;
    const b3 = b2 + bStride;
    for (let k = 0; k < inner; k++) {
      const x0 = a[a0 + k];
      const x1 = a[a0 + aStride + k];
      const x2 = a[a0 + 2 * aStride + k];
      const x3 = a[a0 + 3 * aStride + k];
      const outRow = outOff + k * outStride;
      for (let c = 0; c < cols; c++) {
        out[outRow + c] += x0 * b[b0 + c] + x1 * b[b1 + c] + x2 * b[b2 + c] + x3 * b[b3 + c];
      }
    }
  }
  for (; r < rows; r++) {
    const aRow = aOff + r * aStride;
    const bRow = bOff + r * bStride;
    for (let k = 0; k < inner; k++) {
      const aRK = a[aRow + k];
      const outRow = outOff + k * outStride;
      for (let c = 0; c < cols; c++) out[outRow + c] += aRK * b[bRow + c];
    }
  }
}

/** out[r, k] += Σ_c a[r, c] · b[k, c] for r < rows, k < inner, c < cols (a · bᵀ: input gradients). */
export function addMatMulTransposeB(
  out: Float64Array, outOff: number, outStride: number,
  a: Float64Array, aOff: number, aStride: number,
  b: Float64Array, bOff: number, bStride: number,
  rows: number, inner: number, cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const aRow = aOff + r * aStride;
    const outRow = outOff + r * outStride;
    let k = 0;
    // Four dot products at a time share each load of a[r, c].
    for (; k + 3 < inner; k += 4) {
      const b0 = bOff + k * bStride;
      const b1 = b0 + bStride;
      const b2 = b1 + bStride;
      const b3 = b2 + bStride;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < cols; c++) {
        const v = a[aRow + c];
        s0 += v * b[b0 + c];
        s1 += v * b[b1 + c];
        s2 += v * b[b2 + c];
        s3 += v * b[b3 + c];
      }
      out[outRow + k] += s0;
      out[outRow + k + 1] += s1;
      out[outRow + k + 2] += s2;
      out[outRow + k + 3] += s3;
    }
    for (; k < inner; k++) {
      const bRow = bOff + k * bStride;
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += a[aRow + c] * b[bRow + c];
      out[outRow + k] += sum;
    }
  }
}

/**
 * addMatMulTransposeB, given b also as bT (bT[c, k] = b[k, c], row stride bTStride) where the
 * caller keeps such a copy, else null: the same sums. The SIMD kernels read bT, where two k sit
 * side by side; these read b, as ever.
 */
export function addMatMulTransposeBPacked(
  out: Float64Array, outOff: number, outStride: number,
  a: Float64Array, aOff: number, aStride: number,
  b: Float64Array, bOff: number, bStride: number,
  _bT: Float64Array | null, _bTOff: number, _bTStride: number,
  rows: number, inner: number, cols: number,
): void {
  addMatMulTransposeB(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, rows, inner, cols);
}

/** out = aᵀ for a of rows x cols (out: cols x rows). */
export function transposeInto(out: Float64Array, a: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c]!;
  }
}

/** out[c] += Σ_r a[r, c] for r < rows, c < cols (bias gradients). */
export function addColumnSums(
  out: Float64Array, outOff: number,
  a: Float64Array, aOff: number, aStride: number,
  rows: number, cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const aRow = aOff + r * aStride;
    for (let c = 0; c < cols; c++) out[outOff + c] += a[aRow + c];
  }
}

/** out[r, c] = v[c] for r < rows, c < cols (start pre-activations from the bias). */
export function broadcastRows(
  out: Float64Array, outOff: number, outStride: number,
  v: Float64Array, vOff: number,
  rows: number, cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const outRow = outOff + r * outStride;
    for (let c = 0; c < cols; c++) out[outRow + c] = v[vOff + c];
  }
}

/**
 * The kernels whose gate functions a cell calls for `rows` batch rows of `units` units: `kernels`,
 * or below their gatesFrom the TypeScript ones, called directly (the same bits).
 */
export function gateKernelsFor(kernels: Kernels, rows: number, units: number): Kernels {
  return rows * units < kernels.gatesFrom ? plainKernels : kernels;
}

/** The TypeScript kernels, on any Float64Arrays. */
export const plainKernels: Kernels = {
  name: 'plain', gatesFrom: Infinity, addMatMul, gatePreactivations, addMatMulTransposeA, addMatMulTransposeB, addMatMulTransposeBPacked, addColumnSums, broadcastRows,
  gruUpdateResetGates: gates.gruUpdateResetGates,
  gruCandidate: gates.gruCandidate,
  gruUpdateCandidateGradients: gates.gruUpdateCandidateGradients,
  gruResetGradients: gates.gruResetGradients,
  lstmGates: gates.lstmGates,
  lstmGateGradients: gates.lstmGateGradients,
};
