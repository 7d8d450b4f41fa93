import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fitScaler, scaleRows, scaleValue, unscaleValue } from '../../src/transforms/scaler.js';

test('minmax maps each column to [-1, 1] on its own minimum and maximum (as scikit-learn)', () => {
  const { params } = fitScaler([[0, 10], [5, 20], [10, 30]], { kind: 'minmax' });
  assert.deepEqual(scaleRows(params, [[0, 10], [5, 20], [10, 30]]), [[-1, -1], [0, 0], [1, 1]]);
  // Values outside the training range map outside [-1, 1]: no clipping, no refit.
  assert.equal(scaleValue(params, 0, 20), 3);
});

test('a custom range', () => {
  const { params } = fitScaler([[2], [4]], { kind: 'minmax', range: [0, 1] });
  assert.equal(scaleValue(params, 0, 3), 0.5);
});

test('a constant column does not divide by zero and is reported', () => {
  const { params, constantColumns } = fitScaler([[7, 1], [7, 2]], { kind: 'minmax' });
  assert.deepEqual(constantColumns, [0]);
  assert.equal(scaleValue(params, 0, 7), -1);
  assert.equal(unscaleValue(params, 0, -1), 7);
  const std = fitScaler([[7], [7]], { kind: 'standard' });
  assert.deepEqual(std.constantColumns, [0]);
  assert.equal(scaleValue(std.params, 0, 7), 0);
  assert.equal(unscaleValue(std.params, 0, 0), 7);
});

test('standard scaling has zero mean and unit (population) variance on the training rows', () => {
  const { params } = fitScaler([[1], [2], [3], [4]], { kind: 'standard' });
  const s = [1, 2, 3, 4].map((v) => scaleValue(params, 0, v));
  assert.ok(Math.abs(s.reduce((a, b) => a + b, 0)) < 1e-12);
  assert.ok(Math.abs(s.reduce((a, b) => a + b * b, 0) / 4 - 1) < 1e-12);
});

test('values around 1e300 scale and unscale without overflowing', () => {
  for (const kind of ['minmax', 'standard'] as const) {
    const rows = [[-1.5e300], [1e300], [1.7e308]];
    const { params } = fitScaler(rows, { kind });
    for (const [v] of rows) {
      const s = scaleValue(params, 0, v!);
      assert.ok(Number.isFinite(s), `${kind} scale(${v}) = ${s}`);
      assert.ok(Number.isFinite(unscaleValue(params, 0, s)));
    }
  }
});

test('fitting zero rows or a decreasing range is a RangeError', () => {
  assert.throws(() => fitScaler([], { kind: 'minmax' }), RangeError);
  assert.throws(() => fitScaler([[1], [2]], { kind: 'minmax', range: [1, -1] }), { name: 'RangeError', message: 'range must be increasing, got 1,-1' });
});

test('unscale(scale(x)) = x for random data, each kind', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 2, maxLength: 40 }),
      fc.constantFrom('minmax' as const, 'standard' as const, 'none' as const),
      (xs, kind) => {
        const { params } = fitScaler(xs.map((x) => [x]), { kind });
        for (const x of xs) {
          const back = unscaleValue(params, 0, scaleValue(params, 0, x));
          assert.ok(Math.abs(back - x) <= 1e-6 * (1 + Math.abs(x)), `${kind}: ${back} vs ${x}`);
        }
      },
    ),
  );
});
