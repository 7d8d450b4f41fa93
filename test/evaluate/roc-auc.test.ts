// Reference values: scikit-learn's roc_curve documentation example, and a trapezoidal ROC curve
// computed independently in numpy (a threshold at each distinct score, np.trapezoid), which is
// how roc_auc_score treats tied scores; the pairs were also counted by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rocAuc } from '../../src/evaluate/roc-auc.js';

test('ROC AUC (scikit-learn roc_curve / roc_auc_score documentation example: 0.75)', () => {
  assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
});

test('ROC AUC with tied scores counts each tied positive-negative pair as one half', () => {
  // pairs: two ties (0.5 each) and two wins → 3 / 4 (numpy trapezoid: 0.75)
  assert.equal(rocAuc([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.9]), 0.75);
  // 7.5 of 12 pairs (numpy trapezoid: 0.625)
  assert.equal(rocAuc([1, 0, 1, 0, 1, 1, 0], [0.2, 0.2, 0.7, 0.7, 0.7, 0.1, 0.05]), 0.625);
  assert.equal(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]), 0.5);
});

test('ROC AUC: perfect, reversed, and undefined with one class', () => {
  assert.equal(rocAuc([0, 1], [0.2, 0.9]), 1);
  assert.equal(rocAuc([0, 1], [0.9, 0.2]), 0);
  assert.equal(rocAuc([1, 1], [0.2, 0.9]), null);
  assert.throws(() => rocAuc([0, 2], [0.2, 0.9]), { name: 'RangeError', message: 'ROC AUC takes 0/1 labels, got 2' });
});
