import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nelderMead } from '../../src/stats/nelder-mead.js';

test('Nelder-Mead finds the minimum of the Rosenbrock function at (1, 1), the same way every time', () => {
  const rosenbrock = (x: ArrayLike<number>) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
  const r = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 2000, tolerance: 1e-14 });
  assert.ok(Math.abs(r.x[0]! - 1) < 1e-4 && Math.abs(r.x[1]! - 1) < 1e-4, `found ${r.x}`);
  assert.ok(r.value < 1e-8);
  assert.deepEqual(nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 2000, tolerance: 1e-14 }), r);
});

test('a NaN value counts as worse than any number; a quadratic minimum is found in one dimension', () => {
  const r = nelderMead((x) => (x[0]! < -5 ? NaN : (x[0]! - 3) ** 2), [0]);
  assert.ok(Math.abs(r.x[0]! - 3) < 1e-4, `found ${r.x}`);
  assert.throws(() => nelderMead(() => 0, []), RangeError);
  assert.throws(() => nelderMead(() => 0, [NaN]), RangeError);
});

test('Nelder-Mead follows the same path, bit for bit, as the plain implementation with fresh arrays per point', () => {
  // Recorded from the implementation that built every point as a new array (before the buffers):
  // iterations, the point and its value, for the Rosenbrock function and for a six-dimensional
  // function with a NaN region, whose path shrinks the simplex.
  const rosenbrock = (x: ArrayLike<number>) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
  const r = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 2000, tolerance: 1e-14 });
  assert.deepEqual([r.iterations, r.x, r.value], [154, [0.9999999999999949, 0.9999999999999908], 1.25921921995904e-28]);
  const six = (x: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < 6; i++) s += (i + 1) * (x[i]! - i / 3) ** 2 + Math.sin(3 * x[i]!);
    return x[0]! > 4 ? NaN : s;
  };
  const q = nelderMead(six, [0, 0, 0, 0, 0, 0], { step: 1, maxIterations: 1800 });
  assert.deepEqual(
    [q.iterations, q.x, q.value],
    [242, [-0.42730866801535816, -0.23616723838354065, 1.14521148467553, 1.2841663858206926, 1.4443894471569259, 1.6256870171509288], -2.5540172056779147],
  );
});
