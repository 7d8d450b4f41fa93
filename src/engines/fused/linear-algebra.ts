// The few dense kernels the fused cells need, on row-major Float64Arrays addressed by
// (array, offset, row stride) so a time step or a gate block is reached without a view.
// All of them accumulate into `out`: callers zero it first where they want a plain product.
// The inner loops run over contiguous memory (axpy or dot), which is what V8 compiles best.

/** out[r, c] += Σ_k a[r, k] · b[k, c] for r < rows, k < inner, c < cols (a · b). */
export function addMatMul(
  out: Float64Array, outOff: number, outStride: number,
  a: Float64Array, aOff: number, aStride: number,
  b: Float64Array, bOff: number, bStride: number,
  rows: number, inner: number, cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const outRow = outOff + r * outStride;
    const aRow = aOff + r * aStride;
    for (let k = 0; k < inner; k++) {
      const aRK = a[aRow + k];
      const bRow = bOff + k * bStride;
      for (let c = 0; c < cols; c++) out[outRow + c] += aRK * b[bRow + c];
    }
  }
}

/** out[k, c] += Σ_r a[r, k] · b[r, c] for r < rows, k < inner, c < cols (aᵀ · b: weight gradients). */
export function addMatMulTransposeA(
  out: Float64Array, outOff: number, outStride: number,
  a: Float64Array, aOff: number, aStride: number,
  b: Float64Array, bOff: number, bStride: number,
  rows: number, inner: number, cols: number,
): void {
  for (let r = 0; r < rows; r++) {
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
    for (let k = 0; k < inner; k++) {
      const bRow = bOff + k * bStride;
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += a[aRow + c] * b[bRow + c];
      out[outRow + k] += sum;
    }
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

/** The logistic function, as tfjs' 'sigmoid' activation: 1 / (1 + e^-x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
