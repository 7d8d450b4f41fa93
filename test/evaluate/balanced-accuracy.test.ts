import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balancedAccuracy } from '../../src/evaluate/balanced-accuracy.js';

test('balanced accuracy: mean recall per class (scikit-learn balanced_accuracy_score documentation example: 0.625)', () => {
  // class 0: 3 of 4 right, class 1: 1 of 2 right → (0.75 + 0.5) / 2 = 0.625
  assert.equal(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1], 2), 0.625);
});

test('balanced accuracy: predicting the majority of imbalanced data scores 1 / classes, not its accuracy', () => {
  const actual = [...Array<number>(95).fill(0), ...Array<number>(5).fill(1)];
  assert.equal(balancedAccuracy(actual, Array<number>(100).fill(0), 2), 0.5);
});

test('balanced accuracy: classes absent from the actual labels are left out of the mean', () => {
  // only class 0 occurs: recall 2/3 (by hand)
  assert.equal(balancedAccuracy([0, 0, 0], [0, 2, 0], 3), 2 / 3);
});
