// WebAssembly SIMD (f64x2) versions of the dense kernels in src/engines/fused/linear-algebra.ts,
// compiled with AssemblyScript (npm run build:wasm). Every output element sees exactly the same
// operations in the same order as in the TypeScript kernels, and wasm f64 arithmetic is IEEE
// without fused multiply-add, so both give the same bits: lanes run over output columns (or, for
// the dot products of addMatMulTransposeB, over output columns k), never along a sum.
// Pointers are byte addresses in the imported memory; strides and sizes count float64 elements.

export { gruUpdateResetGates, gruCandidate, gruUpdateCandidateGradients, gruResetGradients, lstmGates, lstmGateGradients } from './gates';
export { resetConstants } from './activations';

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

// The Householder QR behind the orthogonal initializer (src/engines/orthogonal.ts): the two halves
// of applying a panel's block reflector to trailing columns, with the TypeScript's operations per
// element in its order.

// w[k, j] = Σ_r vt[r, k] · c[r, j] for k < kCount (a multiple of 8) and j < cols: the products of
// a panel's reflectors with columns of c. vt holds the reflectors row by row (row r: v_0[r],
// v_1[r], ...) with zeros above each reflector's leading 1, so a sum may start at any row up to k
// without changing its bits (0 + 0 · x is +0): here at the first row of k's block of eight. Each
// sum runs down the rows in order from 0; lanes hold neighbouring k. c and w are column-major.
export function reflectorProducts(
  w: usize, wStride: i32,
  vt: usize, vtStride: i32,
  c: usize, cStride: i32,
  rows: i32, kCount: i32, cols: i32,
): void {
  const ws = <usize>wStride << 3;
  const vs = <usize>vtStride << 3;
  const cs = <usize>cStride << 3;
  let j = 0;
  for (; j + 1 < cols; j += 2) {
    const c0 = c + <usize>j * cs;
    const c1 = c0 + cs;
    const w0 = w + <usize>j * ws;
    for (let k = 0; k < kCount; k += 8) {
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      let a2 = f64x2.splat(0);
      let a3 = f64x2.splat(0);
      let b0 = f64x2.splat(0);
      let b1 = f64x2.splat(0);
      let b2 = f64x2.splat(0);
      let b3 = f64x2.splat(0);
      let vp = vt + <usize>k * vs + (<usize>k << 3);
      for (let r = k; r < rows; r++) {
        const x = v128.load64_splat(c0 + (<usize>r << 3));
        const y = v128.load64_splat(c1 + (<usize>r << 3));
        const p0 = v128.load(vp);
        const p1 = v128.load(vp, 16);
        const p2 = v128.load(vp, 32);
        const p3 = v128.load(vp, 48);
        a0 = f64x2.add(a0, f64x2.mul(p0, x));
        a1 = f64x2.add(a1, f64x2.mul(p1, x));
        a2 = f64x2.add(a2, f64x2.mul(p2, x));
        a3 = f64x2.add(a3, f64x2.mul(p3, x));
        b0 = f64x2.add(b0, f64x2.mul(p0, y));
        b1 = f64x2.add(b1, f64x2.mul(p1, y));
        b2 = f64x2.add(b2, f64x2.mul(p2, y));
        b3 = f64x2.add(b3, f64x2.mul(p3, y));
        vp += vs;
      }
      const wa = w0 + (<usize>k << 3);
      const wb = wa + ws;
      v128.store(wa, a0);
      v128.store(wa, a1, 16);
      v128.store(wa, a2, 32);
      v128.store(wa, a3, 48);
      v128.store(wb, b0);
      v128.store(wb, b1, 16);
      v128.store(wb, b2, 32);
      v128.store(wb, b3, 48);
    }
  }
  if (j < cols) {
    const c0 = c + <usize>j * cs;
    const w0 = w + <usize>j * ws;
    for (let k = 0; k < kCount; k += 8) {
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      let a2 = f64x2.splat(0);
      let a3 = f64x2.splat(0);
      let vp = vt + <usize>k * vs + (<usize>k << 3);
      for (let r = k; r < rows; r++) {
        const x = v128.load64_splat(c0 + (<usize>r << 3));
        a0 = f64x2.add(a0, f64x2.mul(v128.load(vp), x));
        a1 = f64x2.add(a1, f64x2.mul(v128.load(vp, 16), x));
        a2 = f64x2.add(a2, f64x2.mul(v128.load(vp, 32), x));
        a3 = f64x2.add(a3, f64x2.mul(v128.load(vp, 48), x));
        vp += vs;
      }
      const wa = w0 + (<usize>k << 3);
      v128.store(wa, a0);
      v128.store(wa, a1, 16);
      v128.store(wa, a2, 32);
      v128.store(wa, a3, 48);
    }
  }
}

// c[r, j] -= Σ_k v[r, k] · w[k, j] over nb reflectors, row r from reflector k's row on: when
// `grouped`, four reflectors at a time, c - (((v_k w_k + v_k+1 w_k+1) + v_k+2 w_k+2) + v_k+3 w_k+3)
// from the group's first row, then the reflectors left over one by one; otherwise every reflector
// alone. v and c are column-major, w column-major nb x cols; lanes hold neighbouring rows.
export function reflectorUpdate(
  c: usize, cStride: i32,
  v: usize, vStride: i32,
  w: usize, wStride: i32,
  rows: i32, nb: i32, cols: i32, grouped: bool,
): void {
  const cs = <usize>cStride << 3;
  const vs = <usize>vStride << 3;
  const ws = <usize>wStride << 3;
  let j = 0;
  for (; j + 1 < cols; j += 2) {
    const ca = c + <usize>j * cs;
    const cb = ca + cs;
    const wa = w + <usize>j * ws;
    const wb = wa + ws;
    let k = 0;
    if (grouped) {
      for (; k + 3 < nb; k += 4) {
        const ko = <usize>k << 3;
        const a0 = v128.load64_splat(wa + ko);
        const a1 = v128.load64_splat(wa + ko + 8);
        const a2 = v128.load64_splat(wa + ko + 16);
        const a3 = v128.load64_splat(wa + ko + 24);
        const b0 = v128.load64_splat(wb + ko);
        const b1 = v128.load64_splat(wb + ko + 8);
        const b2 = v128.load64_splat(wb + ko + 16);
        const b3 = v128.load64_splat(wb + ko + 24);
        const v0 = v + <usize>k * vs;
        const v1 = v0 + vs;
        const v2 = v1 + vs;
        const v3 = v2 + vs;
        let r = k;
        for (; r + 1 < rows; r += 2) {
          const ro = <usize>r << 3;
          const p0 = v128.load(v0 + ro);
          const p1 = v128.load(v1 + ro);
          const p2 = v128.load(v2 + ro);
          const p3 = v128.load(v3 + ro);
          const sa = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(p0, a0), f64x2.mul(p1, a1)), f64x2.mul(p2, a2)), f64x2.mul(p3, a3));
          const sb = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(p0, b0), f64x2.mul(p1, b1)), f64x2.mul(p2, b2)), f64x2.mul(p3, b3));
          v128.store(ca + ro, f64x2.sub(v128.load(ca + ro), sa));
          v128.store(cb + ro, f64x2.sub(v128.load(cb + ro), sb));
        }
        if (r < rows) {
          const ro = <usize>r << 3;
          const p0 = load<f64>(v0 + ro);
          const p1 = load<f64>(v1 + ro);
          const p2 = load<f64>(v2 + ro);
          const p3 = load<f64>(v3 + ro);
          store<f64>(ca + ro, load<f64>(ca + ro) - (p0 * load<f64>(wa + ko) + p1 * load<f64>(wa + ko + 8) + p2 * load<f64>(wa + ko + 16) + p3 * load<f64>(wa + ko + 24)));
          store<f64>(cb + ro, load<f64>(cb + ro) - (p0 * load<f64>(wb + ko) + p1 * load<f64>(wb + ko + 8) + p2 * load<f64>(wb + ko + 16) + p3 * load<f64>(wb + ko + 24)));
        }
      }
    }
    for (; k < nb; k++) {
      reflectorUpdateOne(ca, v + <usize>k * vs, load<f64>(wa + (<usize>k << 3)), k, rows);
      reflectorUpdateOne(cb, v + <usize>k * vs, load<f64>(wb + (<usize>k << 3)), k, rows);
    }
  }
  if (j < cols) {
    const ca = c + <usize>j * cs;
    const wa = w + <usize>j * ws;
    let k = 0;
    if (grouped) {
      for (; k + 3 < nb; k += 4) {
        const ko = <usize>k << 3;
        const a0 = v128.load64_splat(wa + ko);
        const a1 = v128.load64_splat(wa + ko + 8);
        const a2 = v128.load64_splat(wa + ko + 16);
        const a3 = v128.load64_splat(wa + ko + 24);
        const v0 = v + <usize>k * vs;
        const v1 = v0 + vs;
        const v2 = v1 + vs;
        const v3 = v2 + vs;
        let r = k;
        for (; r + 1 < rows; r += 2) {
          const ro = <usize>r << 3;
          const sa = f64x2.add(f64x2.add(f64x2.add(
            f64x2.mul(v128.load(v0 + ro), a0), f64x2.mul(v128.load(v1 + ro), a1)),
            f64x2.mul(v128.load(v2 + ro), a2)), f64x2.mul(v128.load(v3 + ro), a3));
          v128.store(ca + ro, f64x2.sub(v128.load(ca + ro), sa));
        }
        if (r < rows) {
          const ro = <usize>r << 3;
          store<f64>(ca + ro, load<f64>(ca + ro) - (load<f64>(v0 + ro) * load<f64>(wa + ko) + load<f64>(v1 + ro) * load<f64>(wa + ko + 8) +
            load<f64>(v2 + ro) * load<f64>(wa + ko + 16) + load<f64>(v3 + ro) * load<f64>(wa + ko + 24)));
        }
      }
    }
    for (; k < nb; k++) reflectorUpdateOne(ca, v + <usize>k * vs, load<f64>(wa + (<usize>k << 3)), k, rows);
  }
}

// c[r] -= v[r] · x for rows r from `from` on.
@inline
function reflectorUpdateOne(c: usize, v: usize, x: f64, from: i32, rows: i32): void {
  const xs = f64x2.splat(x);
  let r = from;
  for (; r + 1 < rows; r += 2) {
    const ro = <usize>r << 3;
    v128.store(c + ro, f64x2.sub(v128.load(c + ro), f64x2.mul(v128.load(v + ro), xs)));
  }
  if (r < rows) {
    const ro = <usize>r << 3;
    store<f64>(c + ro, load<f64>(c + ro) - load<f64>(v + ro) * x);
  }
}

// The panel's reflectors as the two matrices the products above read: v, rows x nb column-major
// (stride rows), and vt, row-major with stride vtStride, columns nb .. padded-1 zero; both with a
// unit diagonal and zeros above it, the entries below the diagonal copied from a (stride lda).
export function loadReflectors(v: usize, vt: usize, vtStride: i32, a: usize, lda: i32, rows: i32, nb: i32, padded: i32): void {
  const ls = <usize>lda << 3;
  const vs = <usize>vtStride << 3;
  for (let k = 0; k < nb; k++) {
    const src = a + <usize>k * ls;
    const dst = v + ((<usize>k * <usize>rows) << 3);
    let tp = vt + (<usize>k << 3);
    for (let i = 0; i < rows; i++) {
      const x: f64 = i < k ? 0 : i == k ? 1 : load<f64>(src + (<usize>i << 3));
      store<f64>(dst + (<usize>i << 3), x);
      store<f64>(tp, x);
      tp += vs;
    }
  }
  for (let i = 0; i < rows; i++) {
    const row = vt + <usize>i * vs;
    for (let k = nb; k < padded; k++) store<f64>(row + (<usize>k << 3), 0);
  }
}

// w[:, j] = op(T) w[:, j] for j < cols, T upper triangular nb x nb: out[i] = Σ_l m[i + l nb] w[l]
// with m = T (column-major) over l = i .. nb-1 when `upper`, m = T' over l = 0 .. i otherwise,
// each sum in l order from 0. Lanes hold i and i + 1; the one term a lane adds beyond its own range
// is 0 · w (T is zero below its diagonal) at the start of an upper sum or the end of a lower one,
// which leaves the sum's bits alone. tmp is scratch for nb values.
export function triangularMultiply(w: usize, wStride: i32, m: usize, nb: i32, upper: bool, cols: i32, tmp: usize): void {
  const ws = <usize>wStride << 3;
  const ms = <usize>nb << 3;
  for (let j = 0; j < cols; j++) {
    const wj = w + <usize>j * ws;
    let i = 0;
    for (; i + 1 < nb; i += 2) {
      let s = f64x2.splat(0);
      const from = upper ? i : 0;
      const to = upper ? nb : i + 2;
      let mp = m + (<usize>i << 3) + <usize>from * ms;
      for (let l = from; l < to; l++) {
        s = f64x2.add(s, f64x2.mul(v128.load(mp), v128.load64_splat(wj + (<usize>l << 3))));
        mp += ms;
      }
      v128.store(tmp + (<usize>i << 3), s);
    }
    if (i < nb) {
      let s: f64 = 0;
      const from = upper ? i : 0;
      const to = upper ? nb : i + 1;
      for (let l = from; l < to; l++) s += load<f64>(m + (<usize>i << 3) + <usize>l * ms) * load<f64>(wj + (<usize>l << 3));
      store<f64>(tmp + (<usize>i << 3), s);
    }
    memory.copy(wj, tmp, <usize>nb << 3);
  }
}

// Unblocked Householder QR (LAPACK's dgeqr2) of a panel p: rows x nb, row-major with stride
// pStride, the panel's diagonal at p[j, j]. Scalar per column for the norm and the scaling, then
// each later column k updated with lanes over neighbouring k: dot = p[j, k] + Σ_i>j p[i, j] p[i, k]
// in i order, dot *= tau, p[j, k] -= dot, p[i, k] -= dot p[i, j]. tau[j] for each column.
export function householderPanel(p: usize, pStride: i32, rows: i32, nb: i32, tau: usize): void {
  const ps = <usize>pStride << 3;
  for (let j = 0; j < nb; j++) {
    const jo = <usize>j << 3;
    const diag = p + <usize>j * ps + jo;
    const alpha = load<f64>(diag);
    let sumSquares: f64 = 0;
    let q = diag + ps;
    for (let i = j + 1; i < rows; i++) {
      const x = load<f64>(q);
      sumSquares += x * x;
      q += ps;
    }
    if (sumSquares == 0) {
      store<f64>(tau + jo, 0);
      continue;
    }
    const norm = Math.sqrt(alpha * alpha + sumSquares);
    const beta = alpha >= 0 ? -norm : norm;
    const t = (beta - alpha) / beta;
    store<f64>(tau + jo, t);
    const scale = 1 / (alpha - beta);
    q = diag + ps;
    for (let i = j + 1; i < rows; i++) {
      store<f64>(q, load<f64>(q) * scale);
      q += ps;
    }
    store<f64>(diag, beta);
    let k = j + 1;
    if (k < nb && (k & 1)) {
      panelColumn(p + <usize>j * ps, ps, jo, <usize>k << 3, j, rows, t);
      k++;
    }
    const ts = f64x2.splat(t);
    for (; k + 7 < nb; k += 8) {
      const top = p + <usize>j * ps + (<usize>k << 3);
      let d0 = v128.load(top);
      let d1 = v128.load(top, 16);
      let d2 = v128.load(top, 32);
      let d3 = v128.load(top, 48);
      let row = top + ps;
      let col = diag + ps;
      for (let i = j + 1; i < rows; i++) {
        const x = v128.load64_splat(col);
        d0 = f64x2.add(d0, f64x2.mul(x, v128.load(row)));
        d1 = f64x2.add(d1, f64x2.mul(x, v128.load(row, 16)));
        d2 = f64x2.add(d2, f64x2.mul(x, v128.load(row, 32)));
        d3 = f64x2.add(d3, f64x2.mul(x, v128.load(row, 48)));
        row += ps;
        col += ps;
      }
      d0 = f64x2.mul(d0, ts);
      d1 = f64x2.mul(d1, ts);
      d2 = f64x2.mul(d2, ts);
      d3 = f64x2.mul(d3, ts);
      v128.store(top, f64x2.sub(v128.load(top), d0));
      v128.store(top, f64x2.sub(v128.load(top, 16), d1), 16);
      v128.store(top, f64x2.sub(v128.load(top, 32), d2), 32);
      v128.store(top, f64x2.sub(v128.load(top, 48), d3), 48);
      row = top + ps;
      col = diag + ps;
      for (let i = j + 1; i < rows; i++) {
        const x = v128.load64_splat(col);
        v128.store(row, f64x2.sub(v128.load(row), f64x2.mul(d0, x)));
        v128.store(row, f64x2.sub(v128.load(row, 16), f64x2.mul(d1, x)), 16);
        v128.store(row, f64x2.sub(v128.load(row, 32), f64x2.mul(d2, x)), 32);
        v128.store(row, f64x2.sub(v128.load(row, 48), f64x2.mul(d3, x)), 48);
        row += ps;
        col += ps;
      }
    }
    for (; k + 1 < nb; k += 2) {
      const top = p + <usize>j * ps + (<usize>k << 3);
      let d = v128.load(top);
      let row = top + ps;
      let col = diag + ps;
      for (let i = j + 1; i < rows; i++) {
        d = f64x2.add(d, f64x2.mul(v128.load64_splat(col), v128.load(row)));
        row += ps;
        col += ps;
      }
      d = f64x2.mul(d, ts);
      v128.store(top, f64x2.sub(v128.load(top), d));
      row = top + ps;
      col = diag + ps;
      for (let i = j + 1; i < rows; i++) {
        v128.store(row, f64x2.sub(v128.load(row), f64x2.mul(d, v128.load64_splat(col))));
        row += ps;
        col += ps;
      }
    }
    if (k < nb) panelColumn(p + <usize>j * ps, ps, jo, <usize>k << 3, j, rows, t);
  }
}

// One later column k of householderPanel in scalar f64: pj is row j of the panel.
@inline
function panelColumn(pj: usize, ps: usize, jo: usize, ko: usize, j: i32, rows: i32, t: f64): void {
  let dot = load<f64>(pj + ko);
  let row = pj + ps;
  for (let i = j + 1; i < rows; i++) {
    dot += load<f64>(row + jo) * load<f64>(row + ko);
    row += ps;
  }
  dot *= t;
  store<f64>(pj + ko, load<f64>(pj + ko) - dot);
  row = pj + ps;
  for (let i = j + 1; i < rows; i++) {
    store<f64>(row + ko, load<f64>(row + ko) - dot * load<f64>(row + jo));
    row += ps;
  }
}

// Copies a panel between a (column-major, stride lda) and p (row-major, stride pStride): rows x nb,
// into p when `toPanel`, back into a otherwise.
export function copyPanel(p: usize, pStride: i32, a: usize, lda: i32, rows: i32, nb: i32, toPanel: bool): void {
  const ls = <usize>lda << 3;
  const ps = <usize>pStride << 3;
  for (let k = 0; k < nb; k++) {
    let ap = a + <usize>k * ls;
    let pp = p + (<usize>k << 3);
    if (toPanel) {
      for (let i = 0; i < rows; i++) {
        store<f64>(pp, load<f64>(ap));
        ap += 8;
        pp += ps;
      }
    } else {
      for (let i = 0; i < rows; i++) {
        store<f64>(ap, load<f64>(pp));
        ap += 8;
        pp += ps;
      }
    }
  }
}

// Rows of X = A R^-1 in place, R upper triangular (n x n, column-major, stride ldr), X the
// rows .. rows-1 of a column-major matrix (stride ldx) holding A: for every element, in this
// order, x[i, j] = (((a[i, j] - x[i, 0] r[0, j]) - x[i, 1] r[1, j]) - ... - x[i, j-1] r[j-1, j]) / r[j, j].
// Lanes hold neighbouring rows, which do not depend on each other, so every lane does the
// scalar operations of the TypeScript solve. Two columns at a time over eight rows (a cache
// line of each column), the two columns of R read from L1 across the rows.
export function solveRows(x: usize, ldx: i32, r: usize, ldr: i32, rows: i32, n: i32): void {
  const xs = <usize>ldx << 3;
  const rs = <usize>ldr << 3;
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const rj = r + <usize>j * rs;
    const rk = rj + rs;
    const xj = x + <usize>j * xs;
    const xk = xj + xs;
    const djj = load<f64>(rj + (<usize>j << 3));
    const djk = load<f64>(rk + (<usize>j << 3));
    const dkk = load<f64>(rk + (<usize>(j + 1) << 3));
    let i = 0;
    for (; i + 7 < rows; i += 8) {
      const io = <usize>i << 3;
      let a0 = v128.load(xj + io);
      let a1 = v128.load(xj + io, 16);
      let a2 = v128.load(xj + io, 32);
      let a3 = v128.load(xj + io, 48);
      let b0 = v128.load(xk + io);
      let b1 = v128.load(xk + io, 16);
      let b2 = v128.load(xk + io, 32);
      let b3 = v128.load(xk + io, 48);
      let xp = x + io;
      for (let k = 0; k < j; k++) {
        const ko = <usize>k << 3;
        const s = v128.load64_splat(rj + ko);
        const t = v128.load64_splat(rk + ko);
        const p0 = v128.load(xp);
        const p1 = v128.load(xp, 16);
        const p2 = v128.load(xp, 32);
        const p3 = v128.load(xp, 48);
        a0 = f64x2.sub(a0, f64x2.mul(p0, s));
        a1 = f64x2.sub(a1, f64x2.mul(p1, s));
        a2 = f64x2.sub(a2, f64x2.mul(p2, s));
        a3 = f64x2.sub(a3, f64x2.mul(p3, s));
        b0 = f64x2.sub(b0, f64x2.mul(p0, t));
        b1 = f64x2.sub(b1, f64x2.mul(p1, t));
        b2 = f64x2.sub(b2, f64x2.mul(p2, t));
        b3 = f64x2.sub(b3, f64x2.mul(p3, t));
        xp += xs;
      }
      const d = f64x2.splat(djj);
      a0 = f64x2.div(a0, d);
      a1 = f64x2.div(a1, d);
      a2 = f64x2.div(a2, d);
      a3 = f64x2.div(a3, d);
      v128.store(xj + io, a0);
      v128.store(xj + io, a1, 16);
      v128.store(xj + io, a2, 32);
      v128.store(xj + io, a3, 48);
      const t = f64x2.splat(djk);
      const e = f64x2.splat(dkk);
      v128.store(xk + io, f64x2.div(f64x2.sub(b0, f64x2.mul(a0, t)), e));
      v128.store(xk + io, f64x2.div(f64x2.sub(b1, f64x2.mul(a1, t)), e), 16);
      v128.store(xk + io, f64x2.div(f64x2.sub(b2, f64x2.mul(a2, t)), e), 32);
      v128.store(xk + io, f64x2.div(f64x2.sub(b3, f64x2.mul(a3, t)), e), 48);
    }
    for (; i < rows; i++) {
      const io = <usize>i << 3;
      let a = load<f64>(xj + io);
      let b = load<f64>(xk + io);
      let xp = x + io;
      for (let k = 0; k < j; k++) {
        const p = load<f64>(xp);
        a -= p * load<f64>(rj + (<usize>k << 3));
        b -= p * load<f64>(rk + (<usize>k << 3));
        xp += xs;
      }
      a /= djj;
      store<f64>(xj + io, a);
      store<f64>(xk + io, (b - a * djk) / dkk);
    }
  }
  if (j < n) {
    const rj = r + <usize>j * rs;
    const xj = x + <usize>j * xs;
    const djj = load<f64>(rj + (<usize>j << 3));
    for (let i = 0; i < rows; i++) {
      const io = <usize>i << 3;
      let a = load<f64>(xj + io);
      let xp = x + io;
      for (let k = 0; k < j; k++) {
        a -= load<f64>(xp) * load<f64>(rj + (<usize>k << 3));
        xp += xs;
      }
      store<f64>(xj + io, a / djj);
    }
  }
}

// Columns j0 .. j1-1 of the upper triangle of G = A'A (n x n, column-major, stride n): every
// G[k, j] (k <= j) is the sum of the even rows' products a[r, k] a[r, j] (in row order) plus
// that of the odd rows', the two kept as the lanes of one vector. A is m x n column-major (stride
// lda). The rows go in tiles of GRAM_ROWS, so that the tile of every column stays in L2 across
// the columns; the lanes' sums wait in p (2 n (j1 - j0) values) between tiles. Two columns of G
// at a time against four of A.
const GRAM_ROWS = 256;

export function gramColumns(g: usize, n: i32, a: usize, lda: i32, m: i32, j0: i32, j1: i32, p: usize): void {
  const as = <usize>lda << 3;
  const count = j1 - j0;
  memory.fill(p, 0, <usize>count * <usize>n << 4);
  for (let t = 0; t < m; t += GRAM_ROWS) {
    const t1 = min(m, t + GRAM_ROWS);
    const pairs = t + ((t1 - t) & ~1);
    let j = j0;
    for (; j + 1 < j1; j += 2) {
      const xj = a + <usize>j * as;
      const xl = xj + as;
      const pj = p + ((<usize>(j - j0) * <usize>n) << 4);
      const pl = pj + (<usize>n << 4);
      let k = 0;
      for (; k + 3 <= j; k += 4) {
        const ko = <usize>k << 4;
        let a0 = v128.load(pj + ko);
        let a1 = v128.load(pj + ko, 16);
        let a2 = v128.load(pj + ko, 32);
        let a3 = v128.load(pj + ko, 48);
        let b0 = v128.load(pl + ko);
        let b1 = v128.load(pl + ko, 16);
        let b2 = v128.load(pl + ko, 32);
        let b3 = v128.load(pl + ko, 48);
        const c0 = a + <usize>k * as;
        const c1 = c0 + as;
        const c2 = c1 + as;
        const c3 = c2 + as;
        for (let r = t; r < pairs; r += 2) {
          const ro = <usize>r << 3;
          const x = v128.load(xj + ro);
          const y = v128.load(xl + ro);
          const q0 = v128.load(c0 + ro);
          const q1 = v128.load(c1 + ro);
          const q2 = v128.load(c2 + ro);
          const q3 = v128.load(c3 + ro);
          a0 = f64x2.add(a0, f64x2.mul(q0, x));
          a1 = f64x2.add(a1, f64x2.mul(q1, x));
          a2 = f64x2.add(a2, f64x2.mul(q2, x));
          a3 = f64x2.add(a3, f64x2.mul(q3, x));
          b0 = f64x2.add(b0, f64x2.mul(q0, y));
          b1 = f64x2.add(b1, f64x2.mul(q1, y));
          b2 = f64x2.add(b2, f64x2.mul(q2, y));
          b3 = f64x2.add(b3, f64x2.mul(q3, y));
        }
        v128.store(pj + ko, a0);
        v128.store(pj + ko, a1, 16);
        v128.store(pj + ko, a2, 32);
        v128.store(pj + ko, a3, 48);
        v128.store(pl + ko, b0);
        v128.store(pl + ko, b1, 16);
        v128.store(pl + ko, b2, 32);
        v128.store(pl + ko, b3, 48);
      }
      for (; k <= j + 1; k++) {
        const c = a + <usize>k * as;
        const ko = <usize>k << 4;
        if (k <= j) gramLanes(pj + ko, c, xj, t, pairs);
        gramLanes(pl + ko, c, xl, t, pairs);
      }
    }
    if (j < j1) {
      const xj = a + <usize>j * as;
      const pj = p + ((<usize>(j - j0) * <usize>n) << 4);
      for (let k = 0; k <= j; k++) gramLanes(pj + (<usize>k << 4), a + <usize>k * as, xj, t, pairs);
    }
    // An odd last row (only the last tile can have one): an even row, so lane 0.
    if (pairs < t1) {
      const ro = <usize>pairs << 3;
      for (let jj = j0; jj < j1; jj++) {
        const xj = load<f64>(a + <usize>jj * as + ro);
        const pj = p + ((<usize>(jj - j0) * <usize>n) << 4);
        for (let k = 0; k <= jj; k++) {
          const at = pj + (<usize>k << 4);
          store<f64>(at, load<f64>(at) + load<f64>(a + <usize>k * as + ro) * xj);
        }
      }
    }
  }
  for (let jj = j0; jj < j1; jj++) {
    const pj = p + ((<usize>(jj - j0) * <usize>n) << 4);
    const gj = g + ((<usize>jj * <usize>n) << 3);
    for (let k = 0; k <= jj; k++) {
      const at = pj + (<usize>k << 4);
      store<f64>(gj + (<usize>k << 3), load<f64>(at) + load<f64>(at, 8));
    }
  }
}

// The lanes' sums of one G[k, j] over the row pairs from..to-1 of columns c and x.
@inline
function gramLanes(at: usize, c: usize, x: usize, from: i32, to: i32): void {
  let s = v128.load(at);
  for (let r = from; r < to; r += 2) {
    const ro = <usize>r << 3;
    s = f64x2.add(s, f64x2.mul(v128.load(c + ro), v128.load(x + ro)));
  }
  v128.store(at, s);
}

// The Cholesky factor R (upper, R'R = G) in place of G's upper triangle (n x n, column-major,
// stride n), column after column: R[i, j] = (G[i, j] - s) / R[i, i] and R[j, j] = sqrt(G[j, j] - s),
// s the sum over k < i of R[k, i] R[k, j] taken as gramColumns does (even k in one lane, odd k in
// the other, then the two added). Columns j0 .. j1-1, those before them done. Returns -1, or the
// first column whose pivot is not positive.
export function choleskyUpper(g: usize, n: i32, j0: i32, j1: i32): i32 {
  const gs = <usize>n << 3;
  for (let j = j0; j < j1; j++) {
    const cj = g + <usize>j * gs;
    for (let i = 0; i <= j; i++) {
      const ci = g + <usize>i * gs;
      let s = f64x2.splat(0);
      const pairs = i & ~1;
      for (let k = 0; k < pairs; k += 2) {
        const ko = <usize>k << 3;
        s = f64x2.add(s, f64x2.mul(v128.load(ci + ko), v128.load(cj + ko)));
      }
      let even = f64x2.extract_lane(s, 0);
      if (pairs < i) even += load<f64>(ci + (<usize>pairs << 3)) * load<f64>(cj + (<usize>pairs << 3));
      const sum = even + f64x2.extract_lane(s, 1);
      const at = cj + (<usize>i << 3);
      if (i < j) {
        store<f64>(at, (load<f64>(at) - sum) / load<f64>(ci + (<usize>i << 3)));
      } else {
        const d = load<f64>(at) - sum;
        if (!(d > 0)) return j;
        store<f64>(at, Math.sqrt(d));
      }
    }
  }
  return -1;
}
