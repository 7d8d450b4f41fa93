// The gate functions in WebAssembly SIMD against the TypeScript ones they must reproduce bit for
// bit. Their exp and tanh are fdlibm's algorithms run on two lanes (assembly/activations.ts), so
// the first tests feed them over a million arguments each, from every range where fdlibm takes a
// different branch (and NaN, the infinities, ±0, exp's overflow edges, x = 1), and compare with
// what Math.exp and Math.tanh give in the TypeScript gates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Arena } from '../../../src/engines/fused/arena.js';
import { plainKernels } from '../../../src/engines/fused/linear-algebra.js';
import { simdAvailable } from '../../../src/engines/fused/simd-kernels.js';
import { seededRandom } from '../../../src/util/random.js';

const skip = simdAvailable() ? false : 'this runtime has no WebAssembly SIMD';

/** Index of the first element where a and b differ (Object.is: NaN equals NaN, -0 is not 0), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const SPECIAL = [
  0, -0, 1, -1, 2, -2, 0.5, -0.5, 0.25, -0.25, 22, -22, 21.999999999999996, 1e-300, -1e-300, 5e-324, -5e-324,
  2 ** -28, -(2 ** -28), 2 ** -29, 2 ** -54, 2 ** -55, Math.LN2 / 2, -Math.LN2 / 2, 1.5 * Math.LN2, -1.5 * Math.LN2,
  0.34657359027997264, 1.0397207708399179, 20 * Math.LN2, 56 * Math.LN2, -56 * Math.LN2, 38.8, 44,
  707.9, 708, -708, 709.78, -709.78, 745.2, -745.2, 1000, -1000, Number.MAX_VALUE, -Number.MAX_VALUE,
  Infinity, -Infinity, NaN,
];

/** Arguments from every range: below 1, 1 to 22, gate-sized, wide, log-uniform magnitudes, random bit patterns, the special ones. */
function arguments_(count: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const draws = [
    () => random() * 2 - 1,
    () => (random() < 0.5 ? -1 : 1) * (1 + random() * 21),
    () => (random() * 2 - 1) * 10,
    () => (random() * 2 - 1) * 60,
    () => (random() * 2 - 1) * 1500,
    () => (random() < 0.5 ? -1 : 1) * 2 ** ((random() * 2 - 1) * 70),
    () => {
      words[0] = Math.floor(random() * 2 ** 32);
      words[1] = Math.floor(random() * 2 ** 32);
      return bits[0]!;
    },
  ];
  const values = new Float64Array(count);
  values.set(SPECIAL);
  // Two neighbours (the lanes of one vector) from the same range, and from different ones.
  for (let i = SPECIAL.length; i < count; i++) values[i] = draws[(i >> 1) % draws.length]!();
  for (let i = SPECIAL.length; i < count; i += 14) values[i] = draws[(i >> 3) % draws.length]!();
  return values;
}

test('SIMD gates: the sigmoid of a million arguments from every range is Math.exp\'s, bit for bit', { skip }, () => {
  // gruUpdateResetGates takes σ of the z and r columns; u = 1000 units, 500 rows
  const u = 1000;
  const rows = 500;
  const simd = new Arena('simd');
  const values = arguments_(rows * 2 * u, 11);
  const results = [plainKernels, simd.kernels].map((kernels) => {
    const gates = simd.alloc(rows * 3 * u);
    const hPrev = simd.alloc(rows * u).fill(1);
    const resetH = simd.alloc(rows * u);
    for (let b = 0; b < rows; b++) gates.set(values.subarray(b * 2 * u, (b + 1) * 2 * u), b * 3 * u);
    kernels.gruUpdateResetGates(gates, 0, hPrev, 0, resetH, 0, rows, u);
    return gates;
  });
  const at = firstDifference(results[0]!, results[1]!);
  assert.equal(at, -1, at < 0 ? '' : `σ(${values[Math.floor(at / (3 * u)) * 2 * u + (at % (3 * u))]}): ${results[1]![at]} instead of ${results[0]![at]}`);
});

test('SIMD gates: the tanh of a million arguments from every range is Math.tanh\'s, bit for bit', { skip }, () => {
  // gruCandidate takes tanh of the hh column; u = 1001 units (odd: the last one runs alone), 1000 rows
  const u = 1001;
  const rows = 1000;
  const simd = new Arena('simd');
  const values = arguments_(rows * u, 12);
  const results = [plainKernels, simd.kernels].map((kernels) => {
    const gates = simd.alloc(rows * 3 * u);
    const hPrev = simd.alloc(rows * u);
    const hNext = simd.alloc(rows * u);
    for (let b = 0; b < rows; b++) gates.set(values.subarray(b * u, (b + 1) * u), b * 3 * u + 2 * u);
    kernels.gruCandidate(gates, 0, hPrev, 0, hNext, 0, rows, u);
    return gates;
  });
  const at = firstDifference(results[0]!, results[1]!);
  assert.equal(at, -1, at < 0 ? '' : `tanh(${values[Math.floor(at / (3 * u)) * u + (at % (3 * u)) - 2 * u]}): ${results[1]![at]} instead of ${results[0]![at]}`);
});

/** Runs every gate function on the same seeded buffers with `kernels`; returns every buffer's bytes. */
function runGates(arena: Arena, kernels: typeof plainKernels, rows: number, u: number, seed: number): Float64Array[] {
  const random = seededRandom(seed);
  const buffer = (n: number, scale: number) => {
    const a = arena.alloc(n + 3);
    for (let k = 0; k < a.length; k++) a[k] = (random() * 2 - 1) * scale;
    return a;
  };
  const off = 3; // every buffer used from an offset
  const gru = buffer(rows * 3 * u, 4);
  const lstm = buffer(rows * 4 * u, 4);
  const h = buffer(rows * u, 1);
  const hNext = buffer(rows * u, 1);
  const resetH = buffer(rows * u, 1);
  const dOut = buffer(rows * u, 1);
  const dhNext = buffer(rows * u, 1);
  const dcNext = buffer(rows * u, 1);
  const dResetH = buffer(rows * u, 1);
  // LSTM states: cPrev and cNext in one array, as hPrev and hNext, at the same offsets
  const cs = buffer(2 * rows * u, 2);
  const hs = buffer(2 * rows * u, 1);
  const tanhC = buffer(rows * u, 1);
  const dGru = buffer(rows * 3 * u, 1);
  const dLstm = buffer(rows * 4 * u, 1);
  kernels.gruUpdateResetGates(gru, off, h, off, resetH, off, rows, u);
  kernels.gruCandidate(gru, off, h, off, hNext, off, rows, u);
  kernels.gruUpdateCandidateGradients(gru, off, h, off, dOut, off, dhNext, off, dGru, rows, u);
  kernels.gruResetGradients(gru, off, h, off, dResetH, dhNext, off, dGru, rows, u);
  kernels.lstmGates(lstm, off, cs, off, off + rows * u, tanhC, off, hs, rows, u);
  kernels.lstmGateGradients(lstm, off, cs, tanhC, off, dOut, dhNext, dcNext, off, dLstm, rows, u);
  return [gru, lstm, h, hNext, resetH, dOut, dhNext, dcNext, dResetH, cs, hs, tanhC, dGru, dLstm];
}

test('SIMD gates: every GRU and LSTM gate function gives the TypeScript bits, odd and even sizes, from offsets', { skip }, () => {
  for (const rows of [1, 2, 3, 7]) {
    for (const u of [1, 2, 3, 5, 8, 17]) {
      const seed = rows * 100 + u;
      const plain = runGates(new Arena('plain'), plainKernels, rows, u, seed);
      const simdArena = new Arena('simd');
      const simd = runGates(simdArena, simdArena.kernels, rows, u, seed);
      plain.forEach((want, i) => assert.equal(firstDifference(want, simd[i]!), -1, `rows ${rows} units ${u}: buffer ${i}`));
    }
  }
});
