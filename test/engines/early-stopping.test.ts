import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationMonitor } from '../../src/engines/early-stopping.js';

test('early stopping: stops after `patience` epochs in a row without a strictly lower loss, remembering the best', () => {
  const m = new ValidationMonitor(0.1, { patience: 2 });
  const verdicts = [5, 4, 4, 3, 3.5, 3.2].map((loss, i) => m.observe(i + 1, loss));
  assert.deepEqual(verdicts.map((v) => v.improved), [true, true, false, true, false, false]);
  assert.deepEqual(verdicts.map((v) => v.stop), [false, false, false, false, false, true]);
  assert.equal(m.bestEpoch, 4);
  assert.equal(m.bestLoss, 3);
});

test('a NaN validation loss is never the best', () => {
  const m = new ValidationMonitor(0.1, { patience: 1 });
  m.observe(1, 2);
  assert.deepEqual(m.observe(2, NaN), { improved: false, stop: true, lr: 0.1 });
  assert.equal(m.bestEpoch, 1);
});

test('lr plateau: multiplies the rate by the factor after `patience` epochs without improvement, then waits again', () => {
  const m = new ValidationMonitor(1, undefined, { factor: 0.5, patience: 2 });
  const lrs = [3, 3, 3, 3, 3, 2, 2].map((loss, i) => m.observe(i + 1, loss).lr);
  assert.deepEqual(lrs, [1, 1, 0.5, 0.5, 0.25, 0.25, 0.25]);
  // without early stopping it never stops
  assert.equal(m.observe(8, 9).stop, false);
});
