import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logLoss } from '../../src/evaluate/log-loss.js';

test('log loss (scikit-learn log_loss documentation example: 0.21616...)', () => {
  // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]): classes ham = 0, spam = 1;
  // -(ln .9 + ln .9 + ln .8 + ln .65) / 4 = 0.21616187468057912 (numpy)
  const value = logLoss([1, 0, 0, 1], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]], 2);
  assert.ok(Math.abs(value - 0.21616187468057912) < 1e-15);
});

test('log loss: a certain mistake costs -ln(1e-15), not Infinity; rows are normalised to sum 1', () => {
  assert.ok(Math.abs(logLoss([0], [[0, 1]], 2) - -Math.log(1e-15)) < 1e-9);
  assert.ok(Math.abs(logLoss([0, 1, 2], [[2, 1, 1], [1, 2, 1], [1, 1, 2]], 3) - -Math.log(0.5)) < 1e-15);
});

test('log loss: probability rows are checked', () => {
  assert.throws(() => logLoss([0], [[0.5, 0.25, 0.25]], 2), { name: 'RangeError', message: 'probability row 0 must hold 2 values, got 3' });
  assert.throws(() => logLoss([0], [[0, 0]], 2), { name: 'RangeError', message: 'probability row 0 must be non-negative with a positive sum, got [0, 0]' });
  assert.throws(() => logLoss([0, 1], [[1, 0]], 2), { name: 'RangeError', message: 'actual and probabilities must have the same length, got 2 and 1' });
});
