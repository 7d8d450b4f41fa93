// The blocked Householder QR behind the orthogonal initializer: Q has orthonormal columns, Q'A is
// upper triangular with a positive diagonal (so Q is the one Keras' sign rule picks), and block
// edges (sizes around the 32-column panel) are handled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orthogonalFactor } from '../../src/engines/orthogonal.js';
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

for (const [m, n] of [[1, 1], [5, 3], [4, 4], [40, 10], [33, 33], [100, 31], [96, 32], [130, 65]] as const) {
  test(`orthogonal factor of a ${m} x ${n} normal matrix: Q'Q = I and Q'A upper triangular with a positive diagonal`, () => {
    const a = normalMatrix(m, n, m * 100 + n);
    const q = orthogonalFactor(Float64Array.from(a), m, n);
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
