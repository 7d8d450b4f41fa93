import { test } from 'node:test';
import assert from 'node:assert/strict';
import { majorityClass } from '../../src/baselines/majority-class.js';

test('the majority baseline predicts the training class frequencies, so the most frequent class', () => {
  const b = majorityClass();
  b.fit([0, 1, 1, 2, 1], 3);
  assert.deepEqual(b.predict([], 2), [
    [0.2, 0.6, 0.2],
    [0.2, 0.6, 0.2],
  ]);
});

test('the majority baseline: a class never seen in training gets probability 0; it must be fitted first', () => {
  const b = majorityClass();
  assert.throws(() => b.predict([], 1), { name: 'RangeError', message: 'the majority baseline must be fitted before it predicts' });
  assert.throws(() => b.fit([], 2), { name: 'RangeError', message: 'the majority baseline needs at least one training label' });
  assert.throws(() => b.fit([0, 3], 2), { name: 'RangeError', message: 'labels must be class indices from 0 to 1, got 3' });
  b.fit([1], 2);
  assert.deepEqual(b.predict([0, 0, 0], 1), [[0, 1]]);
});
