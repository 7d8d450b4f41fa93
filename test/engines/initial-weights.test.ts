// rnnfc's own initializers: shapes in tfjs-layers' order, orthonormal recurrent kernels,
// Glorot-uniform bounds, zero biases, unit forget bias, and the same numbers for the same seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { glorotUniform, initialWeights, orthogonal, orthogonalThreads, seededInitialWeights } from '../../src/engines/initial-weights.js';
import { weightLayout } from '../../src/engines/fused/parameters.js';
import type { NetworkSpec } from '../../src/engines/types.js';
import { InterruptedError } from '../../src/errors.js';

const spec = (over: Partial<NetworkSpec> = {}): NetworkSpec => ({
  cell: 'lstm',
  units: [5, 3],
  timeSteps: 4,
  features: 2,
  outputs: 2,
  dropout: 0,
  stateful: false,
  batchSize: 1,
  ...over,
});

/** Largest |R R' - I| of a row-major [rows, cols] matrix. */
function rowOrthonormality(values: Float32Array, rows: number, cols: number): number {
  let worst = 0;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += values[i * cols + k]! * values[j * cols + k]!;
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  return worst;
}

for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  test(`initial weights of a 2-layer ${cell}: tfjs-layers' names and shapes, orthonormal recurrent kernels, zero biases`, () => {
    const s = spec({ cell });
    const g = { lstm: 4, gru: 3, rnn: 1 }[cell];
    const weights = initialWeights(s, 1);
    assert.deepEqual(
      weights.map((w) => [w.name, w.shape]),
      weightLayout(s).map((slot) => [slot.name, slot.shape]),
    );
    for (const w of weights) assert.equal(w.values.length, w.shape.reduce((a, b) => a * b, 1), w.name);
    s.units.forEach((units, layer) => {
      const recurrent = weights[layer * 3 + 1]!;
      assert.ok(rowOrthonormality(recurrent.values, units, g * units) < 1e-6, recurrent.name);
      const bias = weights[layer * 3 + 2]!.values;
      bias.forEach((b, i) => assert.equal(b, cell === 'lstm' && i >= units && i < 2 * units ? 1 : 0, `${cell} bias[${i}]`));
    });
    assert.deepEqual(Array.from(weights[weights.length - 1]!.values), [0, 0]);
  });
}

test('initial weights: the same seed gives the same numbers, another seed others', () => {
  const a = initialWeights(spec(), 7);
  const b = initialWeights(spec(), 7);
  const c = initialWeights(spec(), 8);
  assert.deepEqual(a, b);
  a.forEach((w, i) => {
    if (w.name.endsWith('/bias')) return;
    assert.notDeepEqual(w.values, c[i]!.values, w.name);
  });
  // Every tensor has its own stream: the two layers' recurrent kernels are not copies.
  assert.notDeepEqual(a[1]!.values.subarray(0, 9), a[4]!.values.subarray(0, 9));
});

test('Glorot uniform stays within sqrt(6 / (fanIn + fanOut)) and fills it evenly', () => {
  const values = glorotUniform(40, 60, 3);
  const limit = Math.sqrt(6 / 100);
  let sum = 0;
  let sumSquares = 0;
  for (const v of values) {
    assert.ok(Math.abs(v) <= limit, String(v));
    sum += v;
    sumSquares += v * v;
  }
  const n = values.length;
  // U(-l, l): mean 0, variance l^2 / 3; 2400 draws put both well within these bounds.
  assert.ok(Math.abs(sum / n) < 0.05 * limit, `mean ${sum / n}`);
  assert.ok(Math.abs(sumSquares / n / ((limit * limit) / 3) - 1) < 0.1, `variance ${sumSquares / n}`);
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  assert.ok(max > 0.95 * limit, `the draws reach the bounds (${max} of ${limit})`);
});

test('orthogonal: a [64, 256] kernel has orthonormal rows; a square one is orthogonal', () => {
  assert.ok(rowOrthonormality(orthogonal(64, 256, 1), 64, 256) < 1e-6);
  assert.ok(rowOrthonormality(orthogonal(20, 20, 2), 20, 20) < 1e-6);
  assert.throws(() => orthogonal(3, 2, 1), /rows <= cols, got \[3, 2\]/);
});

test('orthogonal: the same seed gives the same numbers as ever (SHA-256 of the float32 values)', () => {
  // Recorded from the TypeScript-only QR; the figures in the README and studies rest on them.
  const expected: [number, number, number, string][] = [
    [40, 160, 3, '8dbd1d4bb6fd0fc610555aba0ec78871a4986e75673f99d638e749c5ef719703'],
    [67, 201, 11, 'ae6b4cd3bcd23e82caa69471b40db7d3c067752b8afb3f467a7a3c0634fc0160'],
    [100, 400, 7, '9acbcbbd24428f544880f8c01a46cb69b18e922dc71046de4ac329741947ec89'],
    [129, 387, 5, 'a75ab54ef50de2f5b9f5870af85201b213c9ac2b266c498a6a9e08623a9292f5'],
    [33, 33, 2, 'cb4a967ddb8210aa74d7a171667aeb5a37fa2de6fc169e7ffb3fdf40823bc285'],
    [250, 1000, 1, '95afda80466a1af3d88bd3236be7f1978aa7d89ec9cbd1a6af37e2a9218a897d'],
    // From m n^2 = 1e8 on, Q = A R^-1, with R from A'A (tall) or the Householder QR (square): here
    // the same float32 values as Q from the reflectors (0 to 3 values of a kernel can differ).
    [300, 1200, 3, 'c6444f1d9fab80d1bb7d9412e67cf2444cf3c977cc900fa3b44981661a1384e3'],
    [500, 2000, 2, 'ae238fe6c1c11054866a16601a4c52336c21536c159ac14b03e993511d0e08a4'],
    [500, 500, 4, 'c4c8938ad94593c5333fb1ed81c39ba3cef9b5f1a1bf4c0823779f9b9058308d'],
  ];
  for (const [rows, cols, seed, hash] of expected) {
    const values = orthogonal(rows, cols, seed);
    assert.equal(createHash('sha256').update(Buffer.from(values.buffer, values.byteOffset, values.byteLength)).digest('hex'), hash, `[${rows}, ${cols}] seed ${seed}`);
  }
});

test('seededInitialWeights gives initialWeights, and a signal seen while it works stops it', async () => {
  const s = spec({ units: [600] });
  assert.deepEqual(await seededInitialWeights(spec(), 4), initialWeights(spec(), 4));
  // A [600, 2400] orthogonal kernel takes longer than one yield interval, on one thread or two.
  for (const threads of [1, 2]) {
    await assert.rejects(seededInitialWeights(s, 1, () => 'SIGTERM', threads), (e: unknown) => {
      assert.ok(e instanceof InterruptedError);
      assert.equal(e.exitCode, 143);
      assert.equal(e.message, 'interrupted by SIGTERM while initialising the network; nothing was saved');
      return true;
    });
  }
});

test('initial weights of a large network: the same numbers on two threads as on one', async () => {
  // [300, 1200]: large enough for the orthogonal kernel's helper thread (when a core is idle).
  const s = spec({ cell: 'lstm', units: [300] });
  assert.deepEqual(await seededInitialWeights(s, 3, undefined, 2), initialWeights(s, 3));
});

test('orthogonal kernels take a helper thread only when allowed, large enough and with a core to spare', () => {
  const lstm = (units: number) => units * units * 4 * units;
  assert.equal(orthogonalThreads(2, lstm(1000), 0.3, 2), 2);
  assert.equal(orthogonalThreads(4, lstm(300), 1.5, 2), 4);
  assert.equal(orthogonalThreads(1, lstm(1000), 0.3, 2), 1);
  assert.equal(orthogonalThreads(2, lstm(200), 0.3, 2), 1);
  assert.equal(orthogonalThreads(2, lstm(1000), 2, 2), 1);
  assert.equal(orthogonalThreads(2, lstm(1000), 6.5, 2), 1);
});
