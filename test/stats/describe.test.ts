import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, quantile } from '../../src/stats/describe.js';

function assertClose(actual: number, expected: number, what: string, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual}`);
}

test('describe: empty input is a RangeError', () => {
  assert.throws(() => describe([]), {
    name: 'RangeError',
    message: 'values must contain at least one value, got an empty array',
  });
});

test('describe: non-finite and non-number values are rejected with their index', () => {
  assert.throws(() => describe([1, Number.NaN]), {
    name: 'RangeError',
    message: 'values[1] must be a finite number, got NaN',
  });
  assert.throws(() => describe([Infinity]), {
    name: 'RangeError',
    message: 'values[0] must be a finite number, got Infinity',
  });
  assert.throws(() => describe([1, null as unknown as number]), {
    name: 'TypeError',
    message: 'values[1] must be a number, got null',
  });
  assert.throws(() => describe('1,2' as unknown as number[]), {
    name: 'TypeError',
    message: 'values must be an array of numbers, got the string "1,2"',
  });
});

test('describe: one value has std NaN (n - 1 = 0) and every quantile equal to it', () => {
  assert.deepEqual(describe([5]), {
    count: 1,
    mean: 5,
    std: Number.NaN,
    min: 5,
    q25: 5,
    median: 5,
    q75: 5,
    max: 5,
  });
});

test('describe: two values', () => {
  // positions (n-1)p = 0.25, 0.5, 0.75 between 1 and 3; std = sqrt(((1-2)² + (3-2)²) / 1)
  assert.deepEqual(describe([3, 1]), {
    count: 2,
    mean: 2,
    std: Math.SQRT2,
    min: 1,
    q25: 1.5,
    median: 2,
    q75: 2.5,
    max: 3,
  });
});

test('describe: all values equal gives std exactly 0 and the value everywhere', () => {
  // numpy gives mean 0.10000000000000002 and std 1.7e-17 here (rounding of the sum); a constant
  // sample is reported exactly instead.
  assert.deepEqual(describe([0.1, 0.1, 0.1]), {
    count: 3,
    mean: 0.1,
    std: 0,
    min: 0.1,
    q25: 0.1,
    median: 0.1,
    q75: 0.1,
    max: 0.1,
  });
});

test('describe: 1..4 by hand', () => {
  // mean 2.5; std = sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3) = sqrt(5/3);
  // q25 at position 0.75: 1 + 0.75 = 1.75; median at 1.5: 2.5; q75 at 2.25: 3.25
  const d = describe([4, 2, 1, 3]);
  assert.deepEqual({ ...d, std: 0 }, {
    count: 4,
    mean: 2.5,
    std: 0,
    min: 1,
    q25: 1.75,
    median: 2.5,
    q75: 3.25,
    max: 4,
  });
  assertClose(d.std, Math.sqrt(5 / 3), 'std');
});

test('describe: 10 test RMSEs (the usual repeat count)', () => {
  // sorted: .1794 .1801 .1811 .1823 .1831 .1856 .1865 .1877 .1902 .1949
  // q25 at 2.25: .1811 + .25 * .0012 = .1814; median at 4.5: (.1831 + .1856) / 2 = .18435;
  // q75 at 6.75: .1865 + .75 * .0012 = .1874; mean 1.8509 / 10.
  // std: numpy.std(values, ddof=1) on numpy 2.4.6 gives 0.00490293562855742.
  const d = describe([0.1831, 0.1794, 0.1902, 0.1856, 0.1811, 0.1877, 0.1823, 0.1949, 0.1801, 0.1865]);
  assert.equal(d.count, 10);
  assertClose(d.mean, 0.18509, 'mean');
  assertClose(d.std, 0.00490293562855742, 'std');
  assert.equal(d.min, 0.1794);
  assertClose(d.q25, 0.1814, 'q25');
  assertClose(d.median, 0.18435, 'median');
  assertClose(d.q75, 0.1874, 'q75');
  assert.equal(d.max, 0.1949);
});

test('describe: does not mutate its input', () => {
  const values = [3, 1, 2];
  describe(values);
  assert.deepEqual(values, [3, 1, 2]);
});

test('quantile: p outside [0, 1] and unsorted input are RangeErrors', () => {
  assert.throws(() => quantile([1, 2], 1.5), { name: 'RangeError', message: 'p must be between 0 and 1, got 1.5' });
  assert.throws(() => quantile([1, 2], Number.NaN), { name: 'RangeError', message: 'p must be between 0 and 1, got NaN' });
  assert.throws(() => quantile([2, 1], 0.5), {
    name: 'RangeError',
    message: 'sorted must be in ascending order, but sorted[1] = 1 < sorted[0] = 2',
  });
  assert.throws(() => quantile([], 0.5), { name: 'RangeError' });
});

test('quantile: ends, exact ranks and interpolation (numpy linear)', () => {
  const sorted = [10, 20, 30, 40, 50];
  assert.equal(quantile(sorted, 0), 10);
  assert.equal(quantile(sorted, 1), 50);
  assert.equal(quantile(sorted, 0.25), 20); // position 1
  assert.equal(quantile(sorted, 0.1), 14); // position 0.4
  assert.equal(quantile(sorted, 0.9), 46); // position 3.6
  assert.equal(quantile([7], 0.3), 7);
  // equal neighbours give the value back exactly, not a rounded mix
  assert.equal(quantile([0.1, 0.1, 0.2], 0.3), 0.1);
});
