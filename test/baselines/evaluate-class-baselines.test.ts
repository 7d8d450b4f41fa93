import { test } from 'node:test';
import assert from 'node:assert/strict';
import { majorityClass } from '../../src/baselines/majority-class.js';
import { persistenceLabel } from '../../src/baselines/persistence-label.js';
import { bestClassBaseline, evaluateClassBaselines } from '../../src/baselines/evaluate-class-baselines.js';

// An occupancy-like stream: long runs of one label. Train on the first 8, test the last 6.
const labels = [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0];
const testIndices = [8, 9, 10, 11, 12, 13];

test('the baselines are scored on exactly the test labels, each from the labels before it', () => {
  const { results, skipped } = evaluateClassBaselines([majorityClass(), persistenceLabel()], labels, testIndices, labels.slice(0, 8), 2);
  assert.deepEqual(skipped, []);
  const [majority, persistence] = results;
  // majority: priors 6/8, 2/8 → always 0; test labels 0 0 1 1 1 0 → 3 of 6 right
  assert.deepEqual(majority!.predictions, [0, 0, 0, 0, 0, 0]);
  assert.equal(majority!.accuracy, 0.5);
  assert.equal(majority!.balancedAccuracy, 0.5);
  // log loss: 3 × -ln 0.75 + 3 × -ln 0.25, over 6 (by hand)
  assert.ok(Math.abs(majority!.logLoss - (-3 * Math.log(0.75) - 3 * Math.log(0.25)) / 6) < 1e-12);
  // persistence: previous labels 0 0 0 1 1 1 → right at 8, 9, 11, 12: 4 of 6; wrong at the two changes
  assert.deepEqual(persistence!.predictions, [0, 0, 0, 1, 1, 1]);
  assert.ok(Math.abs(persistence!.accuracy - 4 / 6) < 1e-15);
  assert.deepEqual(persistence!.confusion, [
    [2, 1],
    [1, 2],
  ]);
  assert.equal(bestClassBaseline(results)!.name, 'persistence');
  assert.equal(bestClassBaseline(results, 'logLoss')!.name, 'majority');
});

test('persistence is skipped when the first test position has no label before it', () => {
  const { results, skipped } = evaluateClassBaselines([majorityClass(), persistenceLabel()], [0, 1, 0], [0, 1, 2], [0, 1], 2);
  assert.deepEqual(results.map((r) => r.name), ['majority']);
  assert.deepEqual(skipped, ['persistence (needs 1 label before the first test row, found 0)']);
  assert.equal(bestClassBaseline([]), null);
});
