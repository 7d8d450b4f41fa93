// WebAssembly SIMD (f64x2) versions of the dense kernels in src/engines/fused/linear-algebra.ts,
// compiled with AssemblyScript (npm run build:wasm). Every output element sees exactly the same
// operations in the same order as in the TypeScript kernels, and wasm f64 arithmetic is IEEE
// without fused multiply-add, so both give the same bits: lanes run over output columns (or, for
// the dot products of addMatMulTransposeB, over output columns k), never along a sum.
// Pointers are byte addresses in the imported memory; strides and sizes count float64 elements.

export { gruUpdateResetGates, gruCandidate, gruUpdateCandidateGradients, gruResetGradients, lstmGates, lstmGateGradients } from './gates';
export { resetConstants } from './activations';
export { reflectorProducts, reflectorUpdate, loadReflectors, triangularMultiply, householderPanel, copyPanel, solveRows, gramColumns, choleskyUpper } from './qr';

// out[r, c] += Σ_k a[r, k] · b[k, c], each sum in k order (as the TypeScript: out += a·b per k).
export function addMatMul(
  out: usize, outStride: i32,
  a: usize, aStride: i32,
  b: usize, bStride: i32,
  rows: i32, inner: i32, cols: i32,
): void {
  product(out, outStride, a, aStride, b, bStride, rows, inner, cols, 0, 0, 0, 0, 0, 0, false);
}

// A gate block's pre-activations in one pass: out[r, c] = bias[c] + x[r, :]·w[:, c] + h[r, :]·u[:, c]
// with the sums in the order of broadcastRows, addMatMul(x, w), addMatMul(h, u) (m may be 0).
export function gatePreactivations(
  out: usize, outStride: i32,
  bias: usize,
  x: usize, xStride: i32, w: usize, wStride: i32, n: i32,
  h: usize, hStride: i32, u: usize, uStride: i32, m: i32,
  rows: i32, cols: i32,
): void {
  product(out, outStride, x, xStride, w, wStride, rows, n, cols, h, hStride, u, uStride, m, bias, true);
}

// out[r, c] (+)= Σ_k a[r, k] · b[k, c], then Σ_k a2[r, k] · b2[k, c] (inner2 may be 0), each
// sum in k order onto what came before: out itself, or bias[c] with fromBias (out is then only
// written), which is the order of broadcastRows followed by one addMatMul per pair.
@inline
function product(
  out: usize, outStride: i32,
  a: usize, aStride: i32,
  b: usize, bStride: i32,
  rows: i32, inner: i32, cols: i32,
  a2: usize, a2Stride: i32,
  b2: usize, b2Stride: i32,
  inner2: i32, bias: usize, fromBias: bool,
): void {
  const os = <usize>outStride << 3;
  const as2 = <usize>a2Stride << 3;
  const bs2 = <usize>b2Stride << 3;
  const as = <usize>aStride << 3;
  const bs = <usize>bStride << 3;
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const o0 = out + <usize>r * os;
    const a0 = a + <usize>r * as;
    let c = 0;
    // 4 rows x 4 columns: each b[k, c..c+3] serves four rows, each a[r, k] four columns.
    for (; c + 3 < cols; c += 4) {
      const oc = o0 + (<usize>c << 3);
      let s00 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc);
      let s01 = fromBias ? v128.load(bias + (<usize>c << 3) + 16) : v128.load(oc, 16);
      let s10 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc + os);
      let s11 = fromBias ? v128.load(bias + (<usize>c << 3) + 16) : v128.load(oc + os, 16);
      let s20 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc + 2 * os);
      let s21 = fromBias ? v128.load(bias + (<usize>c << 3) + 16) : v128.load(oc + 2 * os, 16);
      let s30 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc + 3 * os);
      let s31 = fromBias ? v128.load(bias + (<usize>c << 3) + 16) : v128.load(oc + 3 * os, 16);
      let ap = a0;
      let bp = b + (<usize>c << 3);
      let aS = as;
      let bS = bs;
      let n = inner;
      // the products of (a, b), then of (a2, b2)
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < n; k++) {
          const v0 = v128.load(bp);
          const v1 = v128.load(bp, 16);
          const x0 = f64x2.splat(load<f64>(ap));
          const x1 = f64x2.splat(load<f64>(ap + aS));
          const x2 = f64x2.splat(load<f64>(ap + 2 * aS));
          const x3 = f64x2.splat(load<f64>(ap + 3 * aS));
          s00 = f64x2.add(s00, f64x2.mul(x0, v0));
          s01 = f64x2.add(s01, f64x2.mul(x0, v1));
          s10 = f64x2.add(s10, f64x2.mul(x1, v0));
          s11 = f64x2.add(s11, f64x2.mul(x1, v1));
          s20 = f64x2.add(s20, f64x2.mul(x2, v0));
          s21 = f64x2.add(s21, f64x2.mul(x2, v1));
          s30 = f64x2.add(s30, f64x2.mul(x3, v0));
          s31 = f64x2.add(s31, f64x2.mul(x3, v1));
          ap += 8;
          bp += bS;
        }
        ap = a2 + <usize>r * as2;
        bp = b2 + (<usize>c << 3);
        aS = as2;
        bS = bs2;
        n = inner2;
      }
      v128.store(oc, s00);
      v128.store(oc, s01, 16);
      v128.store(oc + os, s10);
      v128.store(oc + os, s11, 16);
      v128.store(oc + 2 * os, s20);
      v128.store(oc + 2 * os, s21, 16);
      v128.store(oc + 3 * os, s30);
      v128.store(oc + 3 * os, s31, 16);
    }
    for (; c + 1 < cols; c += 2) {
      const oc = o0 + (<usize>c << 3);
      let s0 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc);
      let s1 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc + os);
      let s2 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc + 2 * os);
      let s3 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc + 3 * os);
      let ap = a0;
      let bp = b + (<usize>c << 3);
      let aS = as;
      let bS = bs;
      let n = inner;
      // the products of (a, b), then of (a2, b2)
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < n; k++) {
          const v = v128.load(bp);
          s0 = f64x2.add(s0, f64x2.mul(f64x2.splat(load<f64>(ap)), v));
          s1 = f64x2.add(s1, f64x2.mul(f64x2.splat(load<f64>(ap + aS)), v));
          s2 = f64x2.add(s2, f64x2.mul(f64x2.splat(load<f64>(ap + 2 * aS)), v));
          s3 = f64x2.add(s3, f64x2.mul(f64x2.splat(load<f64>(ap + 3 * aS)), v));
          ap += 8;
          bp += bS;
        }
        ap = a2 + <usize>r * as2;
        bp = b2 + (<usize>c << 3);
        aS = as2;
        bS = bs2;
        n = inner2;
      }
      v128.store(oc, s0);
      v128.store(oc + os, s1);
      v128.store(oc + 2 * os, s2);
      v128.store(oc + 3 * os, s3);
    }
    if (c < cols) {
      const oc = o0 + (<usize>c << 3);
      let s0 = fromBias ? load<f64>(bias + (<usize>c << 3)) : load<f64>(oc);
      let s1 = fromBias ? load<f64>(bias + (<usize>c << 3)) : load<f64>(oc + os);
      let s2 = fromBias ? load<f64>(bias + (<usize>c << 3)) : load<f64>(oc + 2 * os);
      let s3 = fromBias ? load<f64>(bias + (<usize>c << 3)) : load<f64>(oc + 3 * os);
      let ap = a0;
      let bp = b + (<usize>c << 3);
      let aS = as;
      let bS = bs;
      let n = inner;
      // the products of (a, b), then of (a2, b2)
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < n; k++) {
          const v = load<f64>(bp);
          s0 += load<f64>(ap) * v;
          s1 += load<f64>(ap + aS) * v;
          s2 += load<f64>(ap + 2 * aS) * v;
          s3 += load<f64>(ap + 3 * aS) * v;
          ap += 8;
          bp += bS;
        }
        ap = a2 + <usize>r * as2;
        bp = b2 + (<usize>c << 3);
        aS = as2;
        bS = bs2;
        n = inner2;
      }
      store<f64>(oc, s0);
      store<f64>(oc + os, s1);
      store<f64>(oc + 2 * os, s2);
      store<f64>(oc + 3 * os, s3);
    }
  }
  for (; r < rows; r++) {
    const o0 = out + <usize>r * os;
    const a0 = a + <usize>r * as;
    let c = 0;
    for (; c + 7 < cols; c += 8) {
      const oc = o0 + (<usize>c << 3);
      let s0 = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc);
      let s1 = fromBias ? v128.load(bias + (<usize>c << 3) + 16) : v128.load(oc, 16);
      let s2 = fromBias ? v128.load(bias + (<usize>c << 3) + 32) : v128.load(oc, 32);
      let s3 = fromBias ? v128.load(bias + (<usize>c << 3) + 48) : v128.load(oc, 48);
      let ap = a0;
      let bp = b + (<usize>c << 3);
      let aS = as;
      let bS = bs;
      let n = inner;
      // the products of (a, b), then of (a2, b2)
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < n; k++) {
          const x = f64x2.splat(load<f64>(ap));
          s0 = f64x2.add(s0, f64x2.mul(x, v128.load(bp)));
          s1 = f64x2.add(s1, f64x2.mul(x, v128.load(bp, 16)));
          s2 = f64x2.add(s2, f64x2.mul(x, v128.load(bp, 32)));
          s3 = f64x2.add(s3, f64x2.mul(x, v128.load(bp, 48)));
          ap += 8;
          bp += bS;
        }
        ap = a2 + <usize>r * as2;
        bp = b2 + (<usize>c << 3);
        aS = as2;
        bS = bs2;
        n = inner2;
      }
      v128.store(oc, s0);
      v128.store(oc, s1, 16);
      v128.store(oc, s2, 32);
      v128.store(oc, s3, 48);
    }
    for (; c + 1 < cols; c += 2) {
      const oc = o0 + (<usize>c << 3);
      let s = fromBias ? v128.load(bias + (<usize>c << 3)) : v128.load(oc);
      let ap = a0;
      let bp = b + (<usize>c << 3);
      let aS = as;
      let bS = bs;
      let n = inner;
      // the products of (a, b), then of (a2, b2)
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < n; k++) {
          s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(ap)), v128.load(bp)));
          ap += 8;
          bp += bS;
        }
        ap = a2 + <usize>r * as2;
        bp = b2 + (<usize>c << 3);
        aS = as2;
        bS = bs2;
        n = inner2;
      }
      v128.store(oc, s);
    }
    if (c < cols) {
      const oc = o0 + (<usize>c << 3);
      let s = fromBias ? load<f64>(bias + (<usize>c << 3)) : load<f64>(oc);
      let ap = a0;
      let bp = b + (<usize>c << 3);
      let aS = as;
      let bS = bs;
      let n = inner;
      // the products of (a, b), then of (a2, b2)
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < n; k++) {
          s += load<f64>(ap) * load<f64>(bp);
          ap += 8;
          bp += bS;
        }
        ap = a2 + <usize>r * as2;
        bp = b2 + (<usize>c << 3);
        aS = as2;
        bS = bs2;
        n = inner2;
      }
      store<f64>(oc, s);
    }
  }

}

// out[k, c] += Σ_r a[r, k] · b[r, c] (weight gradients). As in the TypeScript, rows are taken
// four at a time from r = 0, their four products summed left to right and then added to out,
// and the rows left over added one by one.
export function addMatMulTransposeA(
  out: usize, outStride: i32,
  a: usize, aStride: i32,
  b: usize, bStride: i32,
  rows: i32, inner: i32, cols: i32,
): void {
  const os = <usize>outStride << 3;
  const as = <usize>aStride << 3;
  const bs = <usize>bStride << 3;
  const blocked = rows & ~3;
  let k = 0;
  // Four output rows k..k + 3 at a time: each b[r, c..] loaded serves all four, and for each r
  // the four a[r, k..k + 3] are next to each other.
  for (; k + 3 < inner; k += 4) {
    const ok = out + <usize>k * os;
    const ak = a + (<usize>k << 3);
    let c = 0;
    for (; c + 3 < cols; c += 4) {
      const oc = ok + (<usize>c << 3);
      let s00 = v128.load(oc);
      let s01 = v128.load(oc, 16);
      let s10 = v128.load(oc + os);
      let s11 = v128.load(oc + os, 16);
      let s20 = v128.load(oc + 2 * os);
      let s21 = v128.load(oc + 2 * os, 16);
      let s30 = v128.load(oc + 3 * os);
      let s31 = v128.load(oc + 3 * os, 16);
      let ap = ak;
      let bp = b + (<usize>c << 3);
      let r = 0;
      for (; r < blocked; r += 4) {
        const b00 = v128.load(bp);
        const b01 = v128.load(bp, 16);
        const b10 = v128.load(bp + bs);
        const b11 = v128.load(bp + bs, 16);
        const b20 = v128.load(bp + 2 * bs);
        const b21 = v128.load(bp + 2 * bs, 16);
        const b30 = v128.load(bp + 3 * bs);
        const b31 = v128.load(bp + 3 * bs, 16);
        const a1 = ap + as;
        const a2 = ap + 2 * as;
        const a3 = ap + 3 * as;
        let x0 = f64x2.splat(load<f64>(ap));
        let x1 = f64x2.splat(load<f64>(a1));
        let x2 = f64x2.splat(load<f64>(a2));
        let x3 = f64x2.splat(load<f64>(a3));
        s00 = f64x2.add(s00, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b00), f64x2.mul(x1, b10)), f64x2.mul(x2, b20)), f64x2.mul(x3, b30)));
        s01 = f64x2.add(s01, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b01), f64x2.mul(x1, b11)), f64x2.mul(x2, b21)), f64x2.mul(x3, b31)));
        x0 = f64x2.splat(load<f64>(ap, 8));
        x1 = f64x2.splat(load<f64>(a1, 8));
        x2 = f64x2.splat(load<f64>(a2, 8));
        x3 = f64x2.splat(load<f64>(a3, 8));
        s10 = f64x2.add(s10, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b00), f64x2.mul(x1, b10)), f64x2.mul(x2, b20)), f64x2.mul(x3, b30)));
        s11 = f64x2.add(s11, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b01), f64x2.mul(x1, b11)), f64x2.mul(x2, b21)), f64x2.mul(x3, b31)));
        x0 = f64x2.splat(load<f64>(ap, 16));
        x1 = f64x2.splat(load<f64>(a1, 16));
        x2 = f64x2.splat(load<f64>(a2, 16));
        x3 = f64x2.splat(load<f64>(a3, 16));
        s20 = f64x2.add(s20, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b00), f64x2.mul(x1, b10)), f64x2.mul(x2, b20)), f64x2.mul(x3, b30)));
        s21 = f64x2.add(s21, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b01), f64x2.mul(x1, b11)), f64x2.mul(x2, b21)), f64x2.mul(x3, b31)));
        x0 = f64x2.splat(load<f64>(ap, 24));
        x1 = f64x2.splat(load<f64>(a1, 24));
        x2 = f64x2.splat(load<f64>(a2, 24));
        x3 = f64x2.splat(load<f64>(a3, 24));
        s30 = f64x2.add(s30, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b00), f64x2.mul(x1, b10)), f64x2.mul(x2, b20)), f64x2.mul(x3, b30)));
        s31 = f64x2.add(s31, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b01), f64x2.mul(x1, b11)), f64x2.mul(x2, b21)), f64x2.mul(x3, b31)));
        ap += 4 * as;
        bp += 4 * bs;
      }
      for (; r < rows; r++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        let x = f64x2.splat(load<f64>(ap));
        s00 = f64x2.add(s00, f64x2.mul(x, b0));
        s01 = f64x2.add(s01, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(ap, 8));
        s10 = f64x2.add(s10, f64x2.mul(x, b0));
        s11 = f64x2.add(s11, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(ap, 16));
        s20 = f64x2.add(s20, f64x2.mul(x, b0));
        s21 = f64x2.add(s21, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(ap, 24));
        s30 = f64x2.add(s30, f64x2.mul(x, b0));
        s31 = f64x2.add(s31, f64x2.mul(x, b1));
        ap += as;
        bp += bs;
      }
      v128.store(oc, s00);
      v128.store(oc, s01, 16);
      v128.store(oc + os, s10);
      v128.store(oc + os, s11, 16);
      v128.store(oc + 2 * os, s20);
      v128.store(oc + 2 * os, s21, 16);
      v128.store(oc + 3 * os, s30);
      v128.store(oc + 3 * os, s31, 16);
    }
    // The columns left over, two rows k at a time.
    for (let j = 0; j < 4; j += 2) transposeAPair(ok + <usize>j * os, os, ak + (<usize>j << 3), as, b, bs, rows, c, cols);
  }
  // Two output rows k, k + 1 at a time: each b[r, c..] serves both.
  for (; k + 1 < inner; k += 2) transposeAPair(out + <usize>k * os, os, a + (<usize>k << 3), as, b, bs, rows, 0, cols);
  if (k < inner) {
    const ok = out + <usize>k * os;
    const ak = a + (<usize>k << 3);
    let c = 0;
    for (; c + 1 < cols; c += 2) {
      const oc = ok + (<usize>c << 3);
      let s = v128.load(oc);
      let ap = ak;
      let bp = b + (<usize>c << 3);
      let r = 0;
      for (; r < blocked; r += 4) {
        s = f64x2.add(s, f64x2.add(f64x2.add(f64x2.add(
          f64x2.mul(f64x2.splat(load<f64>(ap)), v128.load(bp)), f64x2.mul(f64x2.splat(load<f64>(ap + as)), v128.load(bp + bs))),
          f64x2.mul(f64x2.splat(load<f64>(ap + 2 * as)), v128.load(bp + 2 * bs))), f64x2.mul(f64x2.splat(load<f64>(ap + 3 * as)), v128.load(bp + 3 * bs))));
        ap += 4 * as;
        bp += 4 * bs;
      }
      for (; r < rows; r++) {
        s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(ap)), v128.load(bp)));
        ap += as;
        bp += bs;
      }
      v128.store(oc, s);
    }
    if (c < cols) transposeAColumn(ok + (<usize>c << 3), ak, as, b + (<usize>c << 3), bs, rows);
  }
}

// Output rows k, k + 1 of addMatMulTransposeA (at ok, with a[., k] at ak), columns c0 to cols.
@inline
function transposeAPair(ok: usize, os: usize, ak: usize, as: usize, b: usize, bs: usize, rows: i32, c0: i32, cols: i32): void {
  const blocked = rows & ~3;
  let c = c0;
  for (; c + 3 < cols; c += 4) {
    const oc = ok + (<usize>c << 3);
    let s00 = v128.load(oc);
    let s01 = v128.load(oc, 16);
    let s10 = v128.load(oc + os);
    let s11 = v128.load(oc + os, 16);
    let ap = ak;
    let bp = b + (<usize>c << 3);
    let r = 0;
    for (; r < blocked; r += 4) {
      const b00 = v128.load(bp);
      const b01 = v128.load(bp, 16);
      const b10 = v128.load(bp + bs);
      const b11 = v128.load(bp + bs, 16);
      const b20 = v128.load(bp + 2 * bs);
      const b21 = v128.load(bp + 2 * bs, 16);
      const b30 = v128.load(bp + 3 * bs);
      const b31 = v128.load(bp + 3 * bs, 16);
      const x0 = f64x2.splat(load<f64>(ap));
      const x1 = f64x2.splat(load<f64>(ap + as));
      const x2 = f64x2.splat(load<f64>(ap + 2 * as));
      const x3 = f64x2.splat(load<f64>(ap + 3 * as));
      const y0 = f64x2.splat(load<f64>(ap, 8));
      const y1 = f64x2.splat(load<f64>(ap + as, 8));
      const y2 = f64x2.splat(load<f64>(ap + 2 * as, 8));
      const y3 = f64x2.splat(load<f64>(ap + 3 * as, 8));
      s00 = f64x2.add(s00, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b00), f64x2.mul(x1, b10)), f64x2.mul(x2, b20)), f64x2.mul(x3, b30)));
      s01 = f64x2.add(s01, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(x0, b01), f64x2.mul(x1, b11)), f64x2.mul(x2, b21)), f64x2.mul(x3, b31)));
      s10 = f64x2.add(s10, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(y0, b00), f64x2.mul(y1, b10)), f64x2.mul(y2, b20)), f64x2.mul(y3, b30)));
      s11 = f64x2.add(s11, f64x2.add(f64x2.add(f64x2.add(f64x2.mul(y0, b01), f64x2.mul(y1, b11)), f64x2.mul(y2, b21)), f64x2.mul(y3, b31)));
      ap += 4 * as;
      bp += 4 * bs;
    }
    for (; r < rows; r++) {
      const b0 = v128.load(bp);
      const b1 = v128.load(bp, 16);
      const x = f64x2.splat(load<f64>(ap));
      const y = f64x2.splat(load<f64>(ap, 8));
      s00 = f64x2.add(s00, f64x2.mul(x, b0));
      s01 = f64x2.add(s01, f64x2.mul(x, b1));
      s10 = f64x2.add(s10, f64x2.mul(y, b0));
      s11 = f64x2.add(s11, f64x2.mul(y, b1));
      ap += as;
      bp += bs;
    }
    v128.store(oc, s00);
    v128.store(oc, s01, 16);
    v128.store(oc + os, s10);
    v128.store(oc + os, s11, 16);
  }
  for (; c + 1 < cols; c += 2) {
    const oc = ok + (<usize>c << 3);
    let s0 = v128.load(oc);
    let s1 = v128.load(oc + os);
    let ap = ak;
    let bp = b + (<usize>c << 3);
    let r = 0;
    for (; r < blocked; r += 4) {
      const b0 = v128.load(bp);
      const b1 = v128.load(bp + bs);
      const b2 = v128.load(bp + 2 * bs);
      const b3 = v128.load(bp + 3 * bs);
      s0 = f64x2.add(s0, f64x2.add(f64x2.add(f64x2.add(
        f64x2.mul(f64x2.splat(load<f64>(ap)), b0), f64x2.mul(f64x2.splat(load<f64>(ap + as)), b1)),
        f64x2.mul(f64x2.splat(load<f64>(ap + 2 * as)), b2)), f64x2.mul(f64x2.splat(load<f64>(ap + 3 * as)), b3)));
      s1 = f64x2.add(s1, f64x2.add(f64x2.add(f64x2.add(
        f64x2.mul(f64x2.splat(load<f64>(ap, 8)), b0), f64x2.mul(f64x2.splat(load<f64>(ap + as, 8)), b1)),
        f64x2.mul(f64x2.splat(load<f64>(ap + 2 * as, 8)), b2)), f64x2.mul(f64x2.splat(load<f64>(ap + 3 * as, 8)), b3)));
      ap += 4 * as;
      bp += 4 * bs;
    }
    for (; r < rows; r++) {
      const v = v128.load(bp);
      s0 = f64x2.add(s0, f64x2.mul(f64x2.splat(load<f64>(ap)), v));
      s1 = f64x2.add(s1, f64x2.mul(f64x2.splat(load<f64>(ap, 8)), v));
      ap += as;
      bp += bs;
    }
    v128.store(oc, s0);
    v128.store(oc + os, s1);
  }
  if (c < cols) {
    transposeAColumn(ok + (<usize>c << 3), ak, as, b + (<usize>c << 3), bs, rows);
    transposeAColumn(ok + os + (<usize>c << 3), ak + 8, as, b + (<usize>c << 3), bs, rows);
  }
}

// One element out[k, c] of addMatMulTransposeA, in scalar f64: the same blocks of four rows.
@inline
function transposeAColumn(o: usize, ap: usize, as: usize, bp: usize, bs: usize, rows: i32): void {
  let s = load<f64>(o);
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    s += load<f64>(ap) * load<f64>(bp) + load<f64>(ap + as) * load<f64>(bp + bs) + load<f64>(ap + 2 * as) * load<f64>(bp + 2 * bs) + load<f64>(ap + 3 * as) * load<f64>(bp + 3 * bs);
    ap += 4 * as;
    bp += 4 * bs;
  }
  for (; r < rows; r++) {
    s += load<f64>(ap) * load<f64>(bp);
    ap += as;
    bp += bs;
  }
  store<f64>(o, s);
}

// out[r, k] += Σ_c a[r, c] · b[k, c] (input gradients). Each dot product runs in c order from 0
// and is then added to out, as in the TypeScript; the two lanes hold the sums of k and k + 1.
export function addMatMulTransposeB(
  out: usize, outStride: i32,
  a: usize, aStride: i32,
  b: usize, bStride: i32,
  rows: i32, inner: i32, cols: i32,
): void {
  transposeBProduct(out, outStride, a, aStride, b, bStride, rows, inner, cols, false);
}

// addMatMulTransposeB with b given transposed (bT[c, k] = b[k, c], as the cells keep their
// recurrent kernels for it): the same sums in the same order, but the two lanes' b[k, c] and
// b[k + 1, c] are next to each other, one load instead of two loads and a lane insert.
export function addMatMulTransposeBPacked(
  out: usize, outStride: i32,
  a: usize, aStride: i32,
  bT: usize, bTStride: i32,
  rows: i32, inner: i32, cols: i32,
): void {
  transposeBProduct(out, outStride, a, aStride, bT, bTStride, rows, inner, cols, true);
}

// The body of both: b[k, c] is at b + k·stride + c (packed false) or b + c·stride + k (packed
// true, b then being bT), in float64s.
@inline
function transposeBProduct(
  out: usize, outStride: i32,
  a: usize, aStride: i32,
  b: usize, bStride: i32,
  rows: i32, inner: i32, cols: i32,
  packed: bool,
): void {
  const os = <usize>outStride << 3;
  const as = <usize>aStride << 3;
  const bs = <usize>bStride << 3;
  // bytes from b[k, c] to b[k + 1, c] and to b[k, c + 1]
  const kStep: usize = packed ? 8 : bs;
  const cStep: usize = packed ? bs : 8;
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const or = out + <usize>r * os;
    const ar = a + <usize>r * as;
    let k = 0;
    for (; k + 3 < inner; k += 4) {
      let s00 = f64x2.splat(0);
      let s01 = f64x2.splat(0);
      let s10 = f64x2.splat(0);
      let s11 = f64x2.splat(0);
      let s20 = f64x2.splat(0);
      let s21 = f64x2.splat(0);
      let s30 = f64x2.splat(0);
      let s31 = f64x2.splat(0);
      let ap = ar;
      let bp = b + <usize>k * kStep;
      for (let c = 0; c < cols; c++) {
        const v0 = packed ? v128.load(bp) : f64x2.replace_lane(f64x2.splat(load<f64>(bp)), 1, load<f64>(bp + kStep));
        const v1 = packed ? v128.load(bp, 16) : f64x2.replace_lane(f64x2.splat(load<f64>(bp + 2 * kStep)), 1, load<f64>(bp + 3 * kStep));
        const x0 = f64x2.splat(load<f64>(ap));
        const x1 = f64x2.splat(load<f64>(ap + as));
        const x2 = f64x2.splat(load<f64>(ap + 2 * as));
        const x3 = f64x2.splat(load<f64>(ap + 3 * as));
        s00 = f64x2.add(s00, f64x2.mul(x0, v0));
        s01 = f64x2.add(s01, f64x2.mul(x0, v1));
        s10 = f64x2.add(s10, f64x2.mul(x1, v0));
        s11 = f64x2.add(s11, f64x2.mul(x1, v1));
        s20 = f64x2.add(s20, f64x2.mul(x2, v0));
        s21 = f64x2.add(s21, f64x2.mul(x2, v1));
        s30 = f64x2.add(s30, f64x2.mul(x3, v0));
        s31 = f64x2.add(s31, f64x2.mul(x3, v1));
        ap += 8;
        bp += cStep;
      }
      const ok = or + (<usize>k << 3);
      v128.store(ok, f64x2.add(v128.load(ok), s00));
      v128.store(ok, f64x2.add(v128.load(ok, 16), s01), 16);
      v128.store(ok + os, f64x2.add(v128.load(ok + os), s10));
      v128.store(ok + os, f64x2.add(v128.load(ok + os, 16), s11), 16);
      v128.store(ok + 2 * os, f64x2.add(v128.load(ok + 2 * os), s20));
      v128.store(ok + 2 * os, f64x2.add(v128.load(ok + 2 * os, 16), s21), 16);
      v128.store(ok + 3 * os, f64x2.add(v128.load(ok + 3 * os), s30));
      v128.store(ok + 3 * os, f64x2.add(v128.load(ok + 3 * os, 16), s31), 16);
    }
    for (; k < inner; k++) {
      for (let i = 0; i < 4; i++) dot(or + <usize>i * os + (<usize>k << 3), ar + <usize>i * as, b + <usize>k * kStep, cStep, cols);
    }
  }
  for (; r < rows; r++) {
    const or = out + <usize>r * os;
    const ar = a + <usize>r * as;
    let k = 0;
    for (; k + 1 < inner; k += 2) {
      let s = f64x2.splat(0);
      let ap = ar;
      let bp = b + <usize>k * kStep;
      for (let c = 0; c < cols; c++) {
        const v = packed ? v128.load(bp) : f64x2.replace_lane(f64x2.splat(load<f64>(bp)), 1, load<f64>(bp + kStep));
        s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(ap)), v));
        ap += 8;
        bp += cStep;
      }
      const ok = or + (<usize>k << 3);
      v128.store(ok, f64x2.add(v128.load(ok), s));
    }
    if (k < inner) dot(or + (<usize>k << 3), ar, b + <usize>k * kStep, cStep, cols);
  }
}

// o += Σ_c a[c] · b[c], the sum in c order from 0, with b's elements bStep bytes apart.
@inline
function dot(o: usize, ap: usize, bp: usize, bStep: usize, cols: i32): void {
  let s: f64 = 0;
  for (let c = 0; c < cols; c++) {
    s += load<f64>(ap) * load<f64>(bp);
    ap += 8;
    bp += bStep;
  }
  store<f64>(o, load<f64>(o) + s);
}

// out[c] += Σ_r a[r, c] (bias gradients), each sum in r order.
export function addColumnSums(out: usize, a: usize, aStride: i32, rows: i32, cols: i32): void {
  const as = <usize>aStride << 3;
  let c = 0;
  for (; c + 1 < cols; c += 2) {
    const oc = out + (<usize>c << 3);
    let s = v128.load(oc);
    let ap = a + (<usize>c << 3);
    for (let r = 0; r < rows; r++) {
      s = f64x2.add(s, v128.load(ap));
      ap += as;
    }
    v128.store(oc, s);
  }
  if (c < cols) {
    const oc = out + (<usize>c << 3);
    let s = load<f64>(oc);
    let ap = a + (<usize>c << 3);
    for (let r = 0; r < rows; r++) {
      s += load<f64>(ap);
      ap += as;
    }
    store<f64>(oc, s);
  }
}

// out[r, c] = v[c] (pre-activations start from the bias).
export function broadcastRows(out: usize, outStride: i32, v: usize, rows: i32, cols: i32): void {
  const os = <usize>outStride << 3;
  const bytes = <usize>cols << 3;
  for (let r = 0; r < rows; r++) memory.copy(out + <usize>r * os, v, bytes);
}
