import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationMetrics, mostProbable } from '../../src/evaluate/classification-metrics.js';

test('classification metrics from probabilities: the most probable class is predicted, ROC AUC for two classes', () => {
  const m = classificationMetrics([1, 0, 0, 1], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]], 2);
  assert.equal(m.accuracy, 1);
  assert.equal(m.balancedAccuracy, 1);
  assert.equal(m.f1Macro, 1);
  assert.ok(Math.abs(m.logLoss - 0.21616187468057912) < 1e-15);
  assert.equal(m.rocAuc, 1);
  assert.deepEqual(m.confusion, [
    [2, 0],
    [0, 2],
  ]);
});

test('classification metrics: no ROC AUC for three classes; ties go to the first class', () => {
  assert.equal(mostProbable([0.4, 0.4, 0.2]), 0);
  assert.equal(mostProbable([0.2, 0.4, 0.4]), 1);
  const m = classificationMetrics([0, 1, 2], [[0.5, 0.5, 0], [0, 1, 0], [0.2, 0.3, 0.5]], 3);
  assert.equal(m.rocAuc, null);
  assert.equal(m.accuracy, 1);
});
