// Persistence, seasonal naive and the training mean, against values worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { persistence } from '../../src/baselines/persistence.js';
import { seasonalNaive } from '../../src/baselines/seasonal-naive.js';
import { trainingMean } from '../../src/baselines/mean.js';

test('persistence repeats the last observation h times', () => {
  const p = persistence();
  p.fit([1, 2, 3]);
  assert.deepEqual(p.predict([5, 7, 4], 3), [4, 4, 4]);
  assert.deepEqual(p.predict(Float64Array.of(5, 7, 4, 9, 1).subarray(0, 4), 1), [9], 'a view ends where it ends');
  assert.throws(() => p.predict([], 1), { name: 'RangeError', message: 'persistence needs at least 1 observations of history, got 0' });
  assert.throws(() => p.predict([1], 0), { name: 'RangeError', message: 'h must be a positive integer, got 0' });
});

test('seasonal naive forecasts each step by the value one season earlier, repeating the last season', () => {
  // history 1..8 with m = 3: the last season is 6, 7, 8; steps 1..5 read 6, 7, 8, 6, 7
  const s = seasonalNaive(3);
  assert.deepEqual(s.predict([1, 2, 3, 4, 5, 6, 7, 8], 5), [6, 7, 8, 6, 7]);
  // exactly one season of history is enough
  assert.deepEqual(seasonalNaive(4).predict([10, 20, 30, 40], 2), [10, 20]);
  assert.throws(() => seasonalNaive(4).predict([1, 2, 3], 1), { name: 'RangeError', message: 'seasonal-naive needs at least 4 observations of history, got 3' });
  assert.throws(() => seasonalNaive(1), { name: 'RangeError', message: 'the season must be an integer of at least 2, got 1' });
  assert.equal(seasonalNaive(12).description, 'forecasting each value by the one 12 steps earlier');
});

test('the mean baseline forecasts the mean of the training targets, whatever the history', () => {
  const m = trainingMean();
  assert.throws(() => m.predict([1], 1), /must be fitted before it predicts/);
  m.fit([2, 4, 9]); // (2 + 4 + 9) / 3 = 5
  assert.deepEqual(m.predict([100, 200], 2), [5, 5]);
  // large, close values keep their precision: the mean of 1e15 + 1 and 1e15 + 2 is 1e15 + 1.5
  m.fit([1e15 + 1, 1e15 + 2]);
  assert.deepEqual(m.predict([], 1), [1e15 + 1.5]);
  assert.throws(() => trainingMean().fit([]), /needs at least one training target/);
});
