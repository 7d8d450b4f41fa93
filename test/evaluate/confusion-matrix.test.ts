import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confusionMatrix } from '../../src/evaluate/confusion-matrix.js';

test('confusion matrix: rows actual, columns predicted (scikit-learn confusion_matrix documentation example)', () => {
  // confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]) → [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
  assert.deepEqual(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], 3), [
    [2, 0, 0],
    [0, 0, 1],
    [1, 0, 2],
  ]);
});

test('confusion matrix: a class that never occurs keeps its zero row and column; one sample', () => {
  assert.deepEqual(confusionMatrix([1], [1], 3), [
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
  ]);
});

test('confusion matrix: labels are checked', () => {
  assert.throws(() => confusionMatrix([], [], 2), { name: 'RangeError', message: 'there are no labels to score' });
  assert.throws(() => confusionMatrix([0, 1], [0], 2), { name: 'RangeError', message: 'actual and predicted must have the same length, got 2 and 1' });
  assert.throws(() => confusionMatrix([0, 2], [0, 1], 2), { name: 'RangeError', message: 'labels must be class indices from 0 to 1, got 2' });
  assert.throws(() => confusionMatrix([0, 0.5], [0, 1], 2), { name: 'RangeError', message: 'labels must be class indices from 0 to 1, got 0.5' });
});
