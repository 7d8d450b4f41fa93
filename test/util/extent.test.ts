import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extent, largestMagnitude } from '../../src/util/extent.js';
import { fitScaler } from '../../src/transforms/scaler.js';

test('extent and largest magnitude, edge cases first', () => {
  assert.deepEqual(extent([]), { min: Infinity, max: -Infinity });
  assert.deepEqual(extent([3]), { min: 3, max: 3 });
  assert.deepEqual(extent([2, -5, 9]), { min: -5, max: 9 });
  assert.equal(largestMagnitude([]), 0);
  assert.equal(largestMagnitude([2, -5, 3]), 5);
});

test('a million values do not overflow the call stack (Math.max(...xs) would)', () => {
  const xs = Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i));
  assert.throws(() => Math.max(...xs), RangeError);
  assert.ok(extent(xs).max <= 1);
  const { params } = fitScaler(xs.map((x) => [x]), { kind: 'standard' });
  assert.equal(params.kind, 'standard');
});
