// WebAssembly SIMD (f64x2) kernels of the orthogonal initializer (src/engines/orthogonal.ts and
// orthogonal-simd.ts): the blocked Householder QR, and Q = A R^-1 with R from A'A's Cholesky
// factor. Compiled into the same module as the training kernels (linear-algebra.ts exports them);
// as there, every number sees the TypeScript's operations in its order. Pointers are byte
// addresses in the imported memory; strides and sizes count float64 elements.

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
