import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balancedClassWeights, targetWeights } from '../../src/pipeline/class-weights.js';

test('balanced class weights are n / (classes * n_c), so each class weighs the same in total', () => {
  // 8 labels, 6 of class 0 and 2 of class 1: 8 / (2 * 6) = 2/3 and 8 / (2 * 2) = 2 (by hand;
  // scikit-learn's compute_class_weight("balanced") gives the same)
  const labels = [0, 0, 0, 1, 0, 0, 1, 0];
  const weights = balancedClassWeights(labels, 2);
  assert.deepEqual(weights, [8 / 12, 2]);
  assert.deepEqual([...targetWeights(labels, weights)], [...Float32Array.from(labels, (c) => weights[c]!)]);
  const total = (c: number) => labels.filter((l) => l === c).length * weights[c]!;
  assert.ok(Math.abs(total(0) - total(1)) < 1e-12);
  assert.deepEqual(balancedClassWeights([0, 1, 2], 3), [1, 1, 1]);
});

test('a class with no training labels has no balanced weight', () => {
  assert.throws(() => balancedClassWeights([0, 0], 2), { name: 'RangeError', message: 'class 1 has no training labels, so it has no balanced weight' });
});
