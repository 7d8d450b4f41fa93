import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { difference, integrate, undifference } from '../../src/transforms/difference.js';

test('difference of an empty or one-value series is empty', () => {
  assert.deepEqual(difference([], 1), []);
  assert.deepEqual(difference([5], 1), []);
});

test('difference at lag 1 and lag 2', () => {
  assert.deepEqual(difference([1, 4, 9, 16], 1), [3, 5, 7]);
  assert.deepEqual(difference([1, 4, 9, 16], 2), [8, 12]);
});

test('lag 0 is a copy, not the same array', () => {
  const x = [1, 2, 3];
  const d = difference(x, 0);
  assert.deepEqual(d, x);
  assert.notEqual(d, x);
});

test('a negative or fractional lag is a RangeError naming what was found', () => {
  assert.throws(() => difference([1, 2], -1), { name: 'RangeError', message: 'lag must be a non-negative integer, got -1' });
  assert.throws(() => difference([1, 2], 1.5), RangeError);
});

test('undifference adds the true previous observation', () => {
  assert.equal(undifference(3, 10, 1), 13);
  assert.equal(undifference(3, 10, 0), 3);
});

test('integrate(difference(x)) recovers x for random series and lags', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 50 }), fc.integer({ min: 0, max: 2 }), (xs, lag) => {
      const back = integrate(difference(xs, lag), xs.slice(0, lag), lag);
      assert.equal(back.length, xs.length);
      back.forEach((v, i) => assert.ok(Math.abs(v - xs[i]!) <= 1e-6 * (1 + Math.abs(xs[i]!)), `${v} vs ${xs[i]}`));
    }),
  );
});
