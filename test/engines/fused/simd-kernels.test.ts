// The WebAssembly SIMD kernels against the TypeScript ones they must reproduce bit for bit:
// each kernel on odd and even sizes, offsets and strides, then whole networks (every cell type,
// 1, 3, 5 and 17 units, one or two layers, batch 1 and 7, stateful or not, with dropout) trained
// a few steps with every product in WebAssembly against the plain kernels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Arena } from '../../../src/engines/fused/arena.js';
import { plainKernels, type Kernels } from '../../../src/engines/fused/linear-algebra.js';
import { Network } from '../../../src/engines/fused/network.js';
import { createOptimizer } from '../../../src/engines/fused/optimizers.js';
import { simdAvailable } from '../../../src/engines/fused/simd-kernels.js';
import type { CellType, NetworkSpec } from '../../../src/engines/types.js';
import { seededRandom } from '../../../src/util/random.js';
import { randomWeights, seededData } from './compare-engines.js';

const skip = simdAvailable() ? false : 'this runtime has no WebAssembly SIMD';

/** Bytes of a float64 range, for exact comparison (NaN payloads and -0 included). */
const bytesOf = (a: Float64Array, start = 0, end = a.length) => Buffer.from(a.buffer, a.byteOffset + start * 8, (end - start) * 8);

function fill(a: Float64Array, random: () => number): void {
  // Magnitudes over a few decades so that rounding differs with the order of the sums.
  for (let k = 0; k < a.length; k++) a[k] = (random() * 2 - 1) * 10 ** Math.floor(random() * 6 - 3);
}

type Product = 'addMatMul' | 'addMatMulTransposeA' | 'addMatMulTransposeB' | 'addMatMulTransposeBPacked';

/** Runs one product with `kernels` on fresh arena buffers laid out with padding and offsets. */
function runProduct(kernels: Kernels, arena: Arena, product: Product, rows: number, inner: number, cols: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  // Shapes as the products read them: a and b and out each [height, width] with stride width + pad.
  const [aH, aW, bH, bW, oH, oW] =
    product === 'addMatMul' ? [rows, inner, inner, cols, rows, cols]
      : product === 'addMatMulTransposeA' ? [rows, inner, rows, cols, inner, cols]
        : [rows, cols, inner, cols, rows, inner];
  const pad = 3;
  const off = 5;
  const a = arena.alloc(off + aH * (aW + pad));
  const b = arena.alloc(off + bH * (bW + pad));
  const out = arena.alloc(off + oH * (oW + pad));
  fill(a, random);
  fill(b, random);
  fill(out, random);
  if (product === 'addMatMulTransposeBPacked') {
    // b also transposed, [cols, inner] with its own padding
    const bT = arena.alloc(off + bW * (bH + pad + 1));
    fill(bT, random);
    for (let k = 0; k < bH; k++) for (let c = 0; c < bW; c++) bT[off + c * (bH + pad + 1) + k] = b[off + k * (bW + pad) + c]!;
    kernels[product](out, off, oW + pad, a, off, aW + pad, b, off, bW + pad, bT, off, bH + pad + 1, rows, inner, cols);
  } else {
    kernels[product](out, off, oW + pad, a, off, aW + pad, b, off, bW + pad, rows, inner, cols);
  }
  return out;
}

const SIZES = [1, 2, 3, 4, 5, 7, 8, 17, 33];

test('SIMD kernels: each product gives the same bits as the TypeScript kernels on odd and even sizes', { skip }, () => {
  const simdArena = new Arena('simd');
  const plainArena = new Arena('plain');
  assert.equal(simdArena.kernels.name, 'simd');
  assert.equal(plainArena.kernels.name, 'plain');
  let cases = 0;
  for (const product of ['addMatMul', 'addMatMulTransposeA', 'addMatMulTransposeB', 'addMatMulTransposeBPacked'] as const) {
    for (const rows of SIZES) {
      for (const inner of SIZES) {
        for (const cols of SIZES) {
          const seed = rows * 10_000 + inner * 100 + cols;
          const want = runProduct(plainKernels, plainArena, product, rows, inner, cols, seed);
          const got = runProduct(simdArena.kernels, simdArena, product, rows, inner, cols, seed);
          assert.ok(bytesOf(want).equals(bytesOf(got)), `${product} rows ${rows} inner ${inner} cols ${cols}`);
          cases++;
        }
      }
    }
  }
  assert.equal(cases, 4 * SIZES.length ** 3);
});

test('SIMD kernels: gate pre-activations (bias, then x·w, then h·u) give the same bits as the TypeScript kernels', { skip }, () => {
  const simdArena = new Arena('simd');
  const plainArena = new Arena('plain');
  const pad = 3;
  const off = 5;
  for (const rows of SIZES) {
    for (const n of [1, 2, 3, 8]) {
      for (const m of [0, 1, 5, 17]) {
        for (const cols of SIZES) {
          const results = [plainArena, simdArena].map((arena) => {
            const random = seededRandom(rows * 1_000_000 + n * 10_000 + m * 100 + cols);
            const buffer = (height: number, width: number) => {
              const a = arena.alloc(off + height * (width + pad));
              fill(a, random);
              return a;
            };
            const out = buffer(rows, cols);
            const bias = buffer(1, cols);
            const x = buffer(rows, n);
            const w = buffer(n, cols);
            const h = buffer(rows, m);
            const u = buffer(m, cols);
            arena.kernels.gatePreactivations(out, off, cols + pad, bias, off, x, off, n + pad, w, off, cols + pad, n, h, off, m + pad, u, off, cols + pad, m, rows, cols);
            return bytesOf(out);
          });
          assert.ok(results[0]!.equals(results[1]!), `rows ${rows} n ${n} m ${m} cols ${cols}`);
        }
      }
    }
  }
});

test('SIMD kernels: column sums and bias broadcast give the same bits as the TypeScript kernels', { skip }, () => {
  const simd = new Arena('simd');
  const plain = new Arena('plain');
  for (const rows of SIZES) {
    for (const cols of SIZES) {
      const results = [plain, simd].map((arena) => {
        const random = seededRandom(rows * 100 + cols);
        const a = arena.alloc(2 + rows * (cols + 1));
        const sums = arena.alloc(cols + 1);
        const rowsOut = arena.alloc(1 + rows * (cols + 2));
        fill(a, random);
        fill(sums, random);
        arena.kernels.addColumnSums(sums, 1, a, 2, cols + 1, rows, cols);
        arena.kernels.broadcastRows(rowsOut, 1, cols + 2, a, 2, rows, cols);
        return Buffer.concat([bytesOf(sums), bytesOf(rowsOut)]);
      });
      assert.ok(results[0]!.equals(results[1]!), `rows ${rows} cols ${cols}`);
    }
  }
});


/** Trains `steps` Adam steps on kernels `kernels`; returns the losses, parameters and predictions. */
function train(spec: NetworkSpec, kernels: 'simd' | 'plain', steps: number): { losses: number[]; params: Buffer; ys: Buffer } {
  const batch = spec.batchSize;
  const network = new Network(spec, randomWeights(spec, 3, 0.6), batch, 17, kernels);
  assert.equal(network.arena.kernels.name, kernels);
  const optimizer = createOptimizer({ name: 'adam', lr: 0.01 }, network.params.length);
  const batches = 3;
  const { x, y } = seededData(spec, batches * batch, 8);
  const sampleSize = spec.timeSteps * spec.features;
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const start = (s % batches) * batch;
    losses.push(network.lossAndGradient(x.subarray(start * sampleSize, (start + batch) * sampleSize), y.subarray(start * spec.outputs, (start + batch) * spec.outputs), batch, 'mse'));
    optimizer.applyInPlace(network.params, network.grads);
  }
  network.forward(x.subarray(0, batch * sampleSize), batch, false);
  return { losses, params: Buffer.from(bytesOf(network.params)), ys: Buffer.from(bytesOf(network.head.ys, 0, batch * spec.outputs)) };
}

for (const cell of ['lstm', 'gru', 'rnn'] as CellType[]) {
  for (const units of [1, 3, 5, 17]) {
    test(`SIMD kernels: ${cell} with ${units} units trains to the same bits as the plain kernels (1 or 2 layers, batch 1 or 7, stateful or not, dropout)`, { skip }, () => {
      for (const layers of [[units], [units, 3]]) {
        for (const batchSize of [1, 7]) {
          for (const stateful of [false, true]) {
            for (const dropout of stateful ? [0] : [0, 0.25]) {
              const spec: NetworkSpec = { cell, units: layers, timeSteps: 4, features: 3, outputs: 2, dropout, stateful, batchSize };
              const label = `${layers.join('x')} batch ${batchSize}${stateful ? ' stateful' : ''}${dropout ? ' dropout' : ''}`;
              const plain = train(spec, 'plain', 4);
              const simd = train(spec, 'simd', 4);
              assert.deepEqual(simd.losses, plain.losses, `${label}: losses`);
              assert.ok(simd.params.equals(plain.params), `${label}: parameters`);
              assert.ok(simd.ys.equals(plain.ys), `${label}: predictions`);
            }
          }
        }
      }
    });
  }
}
