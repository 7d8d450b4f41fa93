import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracy } from '../../src/evaluate/accuracy.js';

test('accuracy: the fraction predicted right (scikit-learn accuracy_score documentation example: 0.5)', () => {
  assert.equal(accuracy([0, 1, 2, 3], [0, 2, 1, 3], 4), 0.5);
});

test('accuracy: one sample, all right, all wrong', () => {
  assert.equal(accuracy([1], [1], 2), 1);
  assert.equal(accuracy([1, 1, 0], [0, 0, 1], 2), 0);
});
