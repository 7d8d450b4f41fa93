// The WebAssembly SIMD (f64x2) kernels: the same operations as linear-algebra.ts and gates.ts in
// the same order, so the same bits, about 4-6x faster on the matrix products of a training step
// and 1.4-4x on its gates. They read and
// write an Arena's memory directly, which is why every array a cell hands them comes from it.
// Source: assembly/ (linear-algebra.ts, gates.ts, activations.ts); the bytes are committed in
// simd-kernels-binary.ts.
import { plainKernels, type Kernels } from './linear-algebra.js';
import { SIMD_KERNELS_WASM } from './simd-kernels-binary.js';

interface SimdExports {
  addMatMul(out: number, outStride: number, a: number, aStride: number, b: number, bStride: number, rows: number, inner: number, cols: number): void;
  gatePreactivations(out: number, outStride: number, bias: number, x: number, xStride: number, w: number, wStride: number, n: number, h: number, hStride: number, u: number, uStride: number, m: number, rows: number, cols: number): void;
  addMatMulTransposeA(out: number, outStride: number, a: number, aStride: number, b: number, bStride: number, rows: number, inner: number, cols: number): void;
  addMatMulTransposeB(out: number, outStride: number, a: number, aStride: number, b: number, bStride: number, rows: number, inner: number, cols: number): void;
  addMatMulTransposeBPacked(out: number, outStride: number, a: number, aStride: number, bT: number, bTStride: number, rows: number, inner: number, cols: number): void;
  addColumnSums(out: number, a: number, aStride: number, rows: number, cols: number): void;
  broadcastRows(out: number, outStride: number, v: number, rows: number, cols: number): void;
  gruUpdateResetGates(gates: number, hPrev: number, resetH: number, rows: number, u: number): void;
  gruCandidate(gates: number, hPrev: number, hNext: number, rows: number, u: number): void;
  gruUpdateCandidateGradients(gates: number, hPrev: number, dOut: number, dhNext: number, dGates: number, rows: number, u: number): void;
  gruResetGradients(gates: number, hPrev: number, dResetH: number, dhNext: number, dGates: number, rows: number, u: number): void;
  lstmGates(gates: number, cPrev: number, cNext: number, tanhC: number, hNext: number, rows: number, u: number): void;
  lstmGateGradients(gates: number, cPrev: number, tanhC: number, dOut: number, dhNext: number, dcNext: number, dGates: number, rows: number, u: number): void;
}

/** Below this many multiply-adds a call into WebAssembly costs more than it saves. */
const MIN_SIMD_WORK = 64;
/** Below this many units of a batch (rows x units) the gates run in TypeScript, for the same reason. */
const MIN_SIMD_GATES = 8;

// (module (func (result v128) v128.const i64x2 0 0)): valid only where WebAssembly SIMD is.
const SIMD_PROBE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
]);

let compiled: WebAssembly.Module | null | undefined;

/**
 * What the kernels' module imports: the memory, and Math.exp and Math.tanh for the arguments the
 * gates' own exp and tanh leave to them (NaN, infinities, near overflow); V8 calls its own
 * functions for these imports directly.
 */
export function kernelImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  return { env: { memory }, Math: { exp: Math.exp, tanh: Math.tanh } };
}

/** The compiled kernels, or null where this runtime has no WebAssembly SIMD. */
export function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE) ? new WebAssembly.Module(Buffer.from(SIMD_KERNELS_WASM, 'base64')) : null;
  }
  return compiled;
}

/** Whether this runtime runs WebAssembly SIMD. */
export function simdAvailable(): boolean {
  return kernelModule() !== null;
}

/**
 * Kernels running in WebAssembly on `memory`; every array they are given must be a view of it.
 * Products of fewer than `minWork` multiply-adds run the plain kernels (the same bits, sooner).
 * Throws where SIMD is missing (check simdAvailable first).
 */
export function createSimdKernels(memory: WebAssembly.Memory, minWork = MIN_SIMD_WORK): Kernels {
  const module = kernelModule();
  if (!module) throw new Error('this runtime has no WebAssembly SIMD');
  const wasm = new WebAssembly.Instance(module, kernelImports(memory)).exports as unknown as SimdExports;
  const gatesFrom = Math.min(minWork, MIN_SIMD_GATES);
  const at = (array: Float64Array, offset: number) => array.byteOffset + offset * 8;
  return {
    name: 'simd',
    gatesFrom,
    addMatMul(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, rows, inner, cols) {
      if (rows * inner * cols < minWork) return plainKernels.addMatMul(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, rows, inner, cols);
      wasm.addMatMul(at(out, outOff), outStride, at(a, aOff), aStride, at(b, bOff), bStride, rows, inner, cols);
    },
    gatePreactivations(out, outOff, outStride, bias, biasOff, x, xOff, xStride, w, wOff, wStride, n, h, hOff, hStride, u, uOff, uStride, m, rows, cols) {
      if (rows * (n + m) * cols < minWork) return plainKernels.gatePreactivations(out, outOff, outStride, bias, biasOff, x, xOff, xStride, w, wOff, wStride, n, h, hOff, hStride, u, uOff, uStride, m, rows, cols);
      wasm.gatePreactivations(at(out, outOff), outStride, at(bias, biasOff), at(x, xOff), xStride, at(w, wOff), wStride, n, at(h, hOff), hStride, at(u, uOff), uStride, m, rows, cols);
    },
    addMatMulTransposeA(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, rows, inner, cols) {
      if (rows * inner * cols < minWork) return plainKernels.addMatMulTransposeA(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, rows, inner, cols);
      wasm.addMatMulTransposeA(at(out, outOff), outStride, at(a, aOff), aStride, at(b, bOff), bStride, rows, inner, cols);
    },
    addMatMulTransposeB(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, rows, inner, cols) {
      if (rows * inner * cols < minWork) return plainKernels.addMatMulTransposeB(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, rows, inner, cols);
      wasm.addMatMulTransposeB(at(out, outOff), outStride, at(a, aOff), aStride, at(b, bOff), bStride, rows, inner, cols);
    },
    addMatMulTransposeBPacked(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, bT, bTOff, bTStride, rows, inner, cols) {
      if (rows * inner * cols < minWork) return plainKernels.addMatMulTransposeB(out, outOff, outStride, a, aOff, aStride, b, bOff, bStride, rows, inner, cols);
      if (!bT) return wasm.addMatMulTransposeB(at(out, outOff), outStride, at(a, aOff), aStride, at(b, bOff), bStride, rows, inner, cols);
      wasm.addMatMulTransposeBPacked(at(out, outOff), outStride, at(a, aOff), aStride, at(bT, bTOff), bTStride, rows, inner, cols);
    },
    addColumnSums(out, outOff, a, aOff, aStride, rows, cols) {
      if (rows * cols < minWork) return plainKernels.addColumnSums(out, outOff, a, aOff, aStride, rows, cols);
      wasm.addColumnSums(at(out, outOff), at(a, aOff), aStride, rows, cols);
    },
    broadcastRows(out, outOff, outStride, v, vOff, rows, cols) {
      if (rows * cols < minWork) return plainKernels.broadcastRows(out, outOff, outStride, v, vOff, rows, cols);
      wasm.broadcastRows(at(out, outOff), outStride, at(v, vOff), rows, cols);
    },
    gruUpdateResetGates(gates, gOff, hPrev, hOff, resetH, rOff, rows, u) {
      wasm.gruUpdateResetGates(at(gates, gOff), at(hPrev, hOff), at(resetH, rOff), rows, u);
    },
    gruCandidate(gates, gOff, hPrev, hOff, hNext, nOff, rows, u) {
      wasm.gruCandidate(at(gates, gOff), at(hPrev, hOff), at(hNext, nOff), rows, u);
    },
    gruUpdateCandidateGradients(gates, gOff, hPrev, hOff, dOut, dOff, dhNext, sOff, dGates, rows, u) {
      wasm.gruUpdateCandidateGradients(at(gates, gOff), at(hPrev, hOff), at(dOut, dOff), at(dhNext, sOff), at(dGates, gOff), rows, u);
    },
    gruResetGradients(gates, gOff, hPrev, hOff, dResetH, dhNext, sOff, dGates, rows, u) {
      wasm.gruResetGradients(at(gates, gOff), at(hPrev, hOff), at(dResetH, sOff), at(dhNext, sOff), at(dGates, gOff), rows, u);
    },
    lstmGates(gates, gOff, cs, pOff, nOff, tanhCs, tOff, hs, rows, u) {
      wasm.lstmGates(at(gates, gOff), at(cs, pOff), at(cs, nOff), at(tanhCs, tOff), at(hs, nOff), rows, u);
    },
    lstmGateGradients(gates, gOff, cs, tanhCs, pOff, dOut, dhNext, dcNext, sOff, dGates, rows, u) {
      wasm.lstmGateGradients(at(gates, gOff), at(cs, pOff), at(tanhCs, pOff), at(dOut, pOff), at(dhNext, sOff), at(dcNext, sOff), at(dGates, gOff), rows, u);
    },
  };
}
