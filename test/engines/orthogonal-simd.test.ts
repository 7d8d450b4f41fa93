// The SIMD QR's memory bound: factorizations past the kernels' 4 GiB are left to the TypeScript QR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitsSimdMemory } from '../../src/engines/orthogonal-simd.js';

test('fitsSimdMemory: an LSTM of 1000 or 5000 units fits, one of 10000 (two 3 GiB matrices) does not', () => {
  assert.equal(fitsSimdMemory(4000, 1000), true);
  assert.equal(fitsSimdMemory(20_000, 5000), true);
  assert.equal(fitsSimdMemory(40_000, 10_000), false);
});
