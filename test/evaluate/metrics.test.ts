import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mae, mape, metrics, persistenceForecasts, rmse, skill } from '../../src/evaluate/metrics.js';
import { shampoo } from '../helpers/paths.js';

test('rmse, mae and mape on hand-computed values', () => {
  assert.equal(rmse([1, 2, 3], [1, 2, 3]), 0);
  assert.ok(Math.abs(rmse([0, 0], [3, 4]) - Math.sqrt(12.5)) < 1e-12);
  assert.equal(mae([0, 0], [3, -4]), 3.5);
  assert.equal(mape([100, 200], [110, 180]), 10);
});

test('mape skips zero actual values and is NaN when all are zero', () => {
  assert.equal(mape([0, 100], [5, 150]), 50);
  assert.ok(Number.isNaN(mape([0, 0], [1, 1])));
});

test('errors around 1e300 do not overflow to Infinity', () => {
  const m = metrics([1e300, -1e300], [-1e300, 1e300]);
  assert.ok(Number.isFinite(m.rmse));
  assert.ok(Math.abs(m.rmse / 2e300 - 1) < 1e-12);
  assert.ok(Number.isFinite(m.mae));
});

test('the persistence RMSE of the shampoo test year is the published 136.761', () => {
  // Published figure: ../shared/data/README.md (Makridakis, Wheelwright and Hyndman 1998 data;
  // persistence forecast over the last 12 months = 136.761).
  const { values } = shampoo();
  const indices = Array.from({ length: 12 }, (_, i) => 24 + i);
  const actual = indices.map((i) => values[i]!);
  assert.equal(rmse(actual, persistenceForecasts(values, indices)).toFixed(3), '136.761');
});

test('skill is 1 - rmse / persistence', () => {
  assert.equal(skill(50, 100), 0.5);
  assert.equal(skill(100, 100), 0);
  assert.equal(skill(0, 0), 0);
});

test('mismatched or empty inputs are RangeErrors', () => {
  assert.throws(() => metrics([1], [1, 2]), RangeError);
  assert.throws(() => metrics([], []), RangeError);
  assert.throws(() => persistenceForecasts([1, 2], [0]), RangeError);
});
