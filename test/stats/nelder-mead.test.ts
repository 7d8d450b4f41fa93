import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nelderMead } from '../../src/stats/nelder-mead.js';

test('Nelder-Mead finds the minimum of the Rosenbrock function at (1, 1), the same way every time', () => {
  const rosenbrock = (x: readonly number[]) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
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
