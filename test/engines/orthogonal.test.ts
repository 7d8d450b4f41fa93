// The blocked Householder QR behind the orthogonal initializer: Q has orthonormal columns, Q'A is
// upper triangular with a positive diagonal (so Q is the one Keras' sign rule picks), and block
// edges (sizes around the 32-column panel) are handled, with Q formed from the reflectors or
// solved as A R^-1; the WebAssembly SIMD path gives the same bits as the TypeScript one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simdAvailable } from '../../src/engines/fused/simd-kernels.js';
import { orthogonalFactor, qFormFor, type QForm } from '../../src/engines/orthogonal.js';
import { seededNormal, seededRandom } from '../../src/util/random.js';

function normalMatrix(m: number, n: number, seed: number): Float64Array {
  const normal = seededNormal(seededRandom(seed));
  return Float64Array.from({ length: m * n }, () => normal());
}

/** Column-major A' B for m-row matrices. */
function gram(a: Float64Array, b: Float64Array, m: number, n: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += a[r + i * m]! * b[r + j * m]!;
      g[i + j * n] = s;
    }
  return g;
}

for (const form of ['reflectors', 'solve', 'gram'] as const)
for (const [m, n] of [[1, 1], [5, 3], [4, 4], [40, 10], [33, 33], [100, 31], [96, 32], [130, 65]] as const) {
  if (form === 'gram' && m < 2 * n) continue;
  test(`orthogonal factor of a ${m} x ${n} normal matrix, Q by ${form}: Q'Q = I and Q'A upper triangular with a positive diagonal`, () => {
    const a = normalMatrix(m, n, m * 100 + n);
    const q = orthogonalFactor(Float64Array.from(a), m, n, { form });
    assert.equal(q.length, m * n);
    const qtq = gram(q, q, m, n);
    let worst = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(qtq[i + j * n]! - (i === j ? 1 : 0)));
    assert.ok(worst < 1e-12, `||Q'Q - I||max = ${worst}`);
    // R = Q'A: zero below the diagonal (A = QR), positive on it (Keras' sign(diag(R)) rule).
    const r = gram(q, a, m, n);
    for (let j = 0; j < n; j++) {
      assert.ok(r[j + j * n]! > 0, `R[${j},${j}] = ${r[j + j * n]}`);
      for (let i = j + 1; i < n; i++) assert.ok(Math.abs(r[i + j * n]!) < 1e-10, `R[${i},${j}] = ${r[i + j * n]}`);
    }
  });
}

test('orthogonal factor: arguments are checked', () => {
  assert.throws(() => orthogonalFactor(new Float64Array(6), 2, 3), /m >= n >= 1, got 2 x 3/);
  assert.throws(() => orthogonalFactor(new Float64Array(5), 3, 2), /expected 6 values, got 5/);
});

test('orthogonal factor of a matrix with a zero column below the diagonal (H = I there)', () => {
  // Column 0 is already e1 * 2: its reflector is the identity, and the sign rule still holds.
  const a = Float64Array.from([2, 0, 0, 1, 3, 4]);
  const q = orthogonalFactor(Float64Array.from(a), 3, 2);
  assert.deepEqual(Array.from(q.subarray(0, 3)), [1, 0, 0]);
  assert.ok(Math.abs(q[3]!) < 1e-15 && Math.abs(q[4]! - 0.6) < 1e-15 && Math.abs(q[5]! - 0.8) < 1e-15, String(q));
});

const skip = simdAvailable() ? false : 'this runtime has no WebAssembly SIMD';
const bytesOf = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

test('orthogonal factor: the SIMD kernels give the same bits as the TypeScript ones', { skip }, () => {
  // Odd and even row counts, panels of 1 to 32 columns, odd column counts (a last column whose
  // reflectors are applied one by one), more columns than one step updates.
  for (const [m, n] of [[1, 1], [2, 1], [3, 3], [9, 4], [33, 33], [64, 63], [71, 37], [130, 65], [131, 67], [257, 100], [400, 133]] as const) {
    const a = normalMatrix(m, n, m * 7 + n);
    const plain = orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'plain' });
    const simd = orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'simd' });
    assert.ok(bytesOf(simd).equals(bytesOf(plain)), `${m} x ${n}`);
  }
  // Upper triangular but for a few columns: most reflectors are the identity (tau = 0).
  const [m, n] = [70, 45];
  const a = normalMatrix(m, n, 9);
  for (let j = 0; j < n; j++) if (j % 5 !== 3) for (let i = j + 1; i < m; i++) a[i + j * m] = 0;
  const plain = orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'plain' });
  assert.ok(bytesOf(orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'simd' })).equals(bytesOf(plain)), 'upper triangular');
});

test('orthogonal factor through the SIMD kernels: Q of a 1201 x 300 normal matrix has orthonormal columns', { skip }, () => {
  const [m, n] = [1201, 300];
  const a = normalMatrix(m, n, 4);
  const q = orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'simd' });
  const qtq = gram(q, q, m, n);
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(qtq[i + j * n]! - (i === j ? 1 : 0)));
  assert.ok(worst < 1e-12, `||Q'Q - I||max = ${worst}`);
  // Keras' sign rule: the diagonal of R = Q'A is positive.
  for (let j = 0; j < n; j++) {
    let r = 0;
    for (let i = 0; i < m; i++) r += q[i + j * m]! * a[i + j * m]!;
    assert.ok(r > 0, `R[${j},${j}] = ${r}`);
  }
});

test('orthogonal factor with a helper thread: the same bits as the TypeScript alone, the helper taking part', { skip }, () => {
  // 401 x 133: an odd last column in every step, which the helper's last chunk holds at times.
  for (const [m, n] of [[600, 150], [401, 133]] as const) {
    const a = normalMatrix(m, n, m + n);
    const plain = orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'plain' });
    let helped = 0;
    const shared = orthogonalFactor(Float64Array.from(a), m, n, {
      kernels: 'simd',
      threads: 2,
      helperFirst: true,
      onHelperColumns: (columns) => (helped = columns),
    });
    assert.ok(bytesOf(shared).equals(bytesOf(plain)), `${m} x ${n}`);
    assert.ok(helped > 0, `the helper updated ${helped} columns`);
  }
});

test('orthogonal factor: the kernel choice and the form of Q are checked', () => {
  assert.throws(() => orthogonalFactor(new Float64Array(1), 1, 1, { kernels: 'fast' as 'plain' }), /kernels must be auto, simd or plain, got "fast"/);
  assert.throws(() => orthogonalFactor(new Float64Array(1), 1, 1, { form: 'qr' as QForm }), /form must be auto, reflectors, solve or gram, got "qr"/);
  assert.throws(() => orthogonalFactor(new Float64Array(15), 5, 3, { form: 'gram' }), /form gram needs m >= 2n, got 5 x 3/);
});

test('Q = A R^-1 agrees with Q from the reflectors, and auto picks the form by size and shape', () => {
  const same = (x: Float64Array, y: Float64Array) => bytesOf(x).equals(bytesOf(y));
  // [m, n, what auto does]: from m n^2 = 1e8 on, R from A'A where m >= 2n, else from the Householder QR.
  for (const [m, n, auto] of [[1200, 300, 'gram'], [1000, 250, 'reflectors'], [400, 400, 'reflectors'], [500, 500, 'solve'], [1000, 316, 'reflectors'], [1000, 317, 'gram'], [600, 409, 'solve']] as const) {
    assert.equal(qFormFor(m, n), auto, `${m} x ${n}`);
    // The threshold itself (m n^2 just below and above 1e8) is only checked.
    if ((m === 1000 && n > 300) || m === 600) continue;
    const a = normalMatrix(m, n, n);
    const reflected = orthogonalFactor(Float64Array.from(a), m, n, { form: 'reflectors', kernels: 'plain' });
    for (const form of ['solve', ...(m >= 2 * n ? ['gram' as const] : [])] as const) {
      const solved = orthogonalFactor(Float64Array.from(a), m, n, { form, kernels: 'plain' });
      let worst = 0;
      for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(solved[i]! - reflected[i]!));
      // A square normal matrix is far less well conditioned than a tall one.
      assert.ok(worst < (m >= 2 * n ? 1e-14 : 1e-11), `${m} x ${n}, ${form}: max |difference| ${worst}`);
      assert.ok(!same(solved, reflected), `${m} x ${n}, ${form}: computed differently`);
    }
    const expected = orthogonalFactor(Float64Array.from(a), m, n, { form: auto, kernels: 'plain' });
    assert.ok(same(orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'plain' }), expected), `${m} x ${n}: auto`);
  }
});

test('Q = A R^-1 of a matrix of lower rank (R singular) falls back on the reflectors', () => {
  // Columns 1 and 2 equal: R[2, 2] is rounding noise (from A'A, a pivot that is not positive or
  // tiny), so Q is formed from the reflectors, which leave no column undefined; likewise with a
  // zero column, where R[3, 3] is 0.
  const [m, n] = [12, 4];
  for (const zero of [false, true]) {
    const a = normalMatrix(m, n, 3);
    for (let i = 0; i < m; i++) a[i + 2 * m] = a[i + m]!;
    if (zero) a.fill(0, 3 * m, 4 * m);
    const reflected = orthogonalFactor(Float64Array.from(a), m, n, { form: 'reflectors', kernels: 'plain' });
    for (const form of ['solve', 'gram'] as const) {
      const solved = orthogonalFactor(Float64Array.from(a), m, n, { form, kernels: 'plain' });
      assert.ok(solved.every(Number.isFinite));
      assert.ok(bytesOf(solved).equals(bytesOf(reflected)), `${form}, zero column: ${zero}`);
    }
  }
});

test('Q = A R^-1 from A\'A where A is well conditioned but for one column: the Householder R instead', () => {
  // Column 3 nearly a copy of column 1: A'A's pivot there is about 1e-16 of the largest, too small
  // for the Gram route (whose error goes with the square of the condition number), not for the
  // Householder one.
  const [m, n] = [40, 6];
  const a = normalMatrix(m, n, 5);
  for (let i = 0; i < m; i++) a[i + 3 * m] = a[i + m]! + 1e-5 * a[i + 3 * m]!;
  const viaHouseholder = orthogonalFactor(Float64Array.from(a), m, n, { form: 'solve', kernels: 'plain' });
  const viaGram = orthogonalFactor(Float64Array.from(a), m, n, { form: 'gram', kernels: 'plain' });
  assert.ok(bytesOf(viaGram).equals(bytesOf(viaHouseholder)));
  assert.ok(!bytesOf(viaGram).equals(bytesOf(orthogonalFactor(Float64Array.from(a), m, n, { form: 'reflectors', kernels: 'plain' }))));
});

test('Q = A R^-1: the SIMD kernels give the same bits as the TypeScript ones, on one thread and two', { skip }, () => {
  // Row counts below, at and past the kernel's 8 rows, a thread's 32, a step's 256 and A'A's row
  // tile of 256 (odd ones: a last row in lane 0); odd column counts (a last column solved alone,
  // a last column of A'A alone) and counts around A'A's chunks of 8 and steps of 32 columns.
  const shapes = [[1, 1], [2, 1], [3, 3], [8, 4], [9, 4], [17, 5], [33, 33], [64, 63], [71, 37], [130, 65], [300, 7], [531, 100], [400, 133], [803, 201]] as const;
  for (const [m, n] of shapes) {
    for (const form of m >= 2 * n ? (['solve', 'gram'] as const) : (['solve'] as const)) {
      const a = normalMatrix(m, n, m * 3 + n);
      const plain = orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'plain', form });
      assert.ok(bytesOf(orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'simd', form })).equals(bytesOf(plain)), `${m} x ${n}, ${form}`);
      const shared = orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'simd', form, threads: 2, helperFirst: true });
      assert.ok(bytesOf(shared).equals(bytesOf(plain)), `${m} x ${n}, ${form}, two threads`);
    }
  }
});

test('seeded normal numbers as the source: the same bits as the matrix drawn in order, on one thread and two', () => {
  for (const [m, n, seed] of [[7, 3, 1], [130, 65, 2], [1201, 300, 4]] as const) {
    const a = normalMatrix(m, n, seed);
    const given = orthogonalFactor(Float64Array.from(a), m, n, { kernels: 'plain' });
    const kernels = simdAvailable() ? (['plain', 'simd'] as const) : (['plain'] as const);
    for (const k of kernels) {
      for (const threads of k === 'simd' ? [1, 2] : [1]) {
        const drawn = orthogonalFactor({ normals: seed }, m, n, { kernels: k, threads, helperFirst: threads > 1 });
        assert.ok(bytesOf(drawn).equals(bytesOf(given)), `${m} x ${n}, ${k}, ${threads} thread(s)`);
      }
    }
  }
});
