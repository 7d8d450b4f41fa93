import { test } from 'node:test';
import assert from 'node:assert/strict';
import { persistenceLabel } from '../../src/baselines/persistence-label.js';

test('the persistence label predicts the last true label with certainty', () => {
  const b = persistenceLabel();
  b.fit([0, 1], 3);
  assert.deepEqual(b.predict([0, 2, 1], 1), [[0, 1, 0]]);
  assert.deepEqual(b.predict(Int32Array.of(2), 2), [
    [0, 0, 1],
    [0, 0, 1],
  ]);
});

test('the persistence label needs one label of history', () => {
  const b = persistenceLabel();
  b.fit([0, 1], 2);
  assert.throws(() => b.predict([], 1), { name: 'RangeError', message: 'persistence needs at least 1 label of history, got 0' });
  assert.throws(() => b.predict([1], 0), { name: 'RangeError', message: 'h must be a positive integer, got 0' });
});
