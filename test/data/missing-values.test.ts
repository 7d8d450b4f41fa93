import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMissingPolicy, type MissingPolicy } from '../../src/data/missing-values.js';

const byRow = (r: number): number => r;

/** The values that stay, after the policy, as a plain array. */
function kept(raw: number[], policy: MissingPolicy, position = byRow): { values: number[]; warning: string | null } {
  const input = Float64Array.from(raw);
  const { keep, filled, warning } = applyMissingPolicy(input, policy, position, 'column "V"');
  assert.deepEqual([...input], raw, 'the input is not modified');
  return { values: raw.flatMap((_, r) => (keep(r) ? [filled[r]!] : [])), warning };
}

test('empty input and no missing values: unchanged, no warning', () => {
  for (const policy of ['error', 'drop', 'ffill', 'interpolate'] as const) {
    assert.deepEqual(kept([], policy), { values: [], warning: null });
    assert.deepEqual(kept([1, 2], policy), { values: [1, 2], warning: null });
  }
});

test('every value missing: nothing is kept', () => {
  assert.deepEqual(kept([NaN, NaN], 'drop').values, []);
  assert.deepEqual(kept([NaN, NaN], 'ffill').values, []);
  assert.deepEqual(kept([NaN, NaN], 'interpolate'), {
    values: [],
    warning: 'interpolated 0 missing values in column "V" (--missing interpolate); dropped 2 rows at the start or end with no value on both sides',
  });
});

test('drop, ffill and interpolate on one gap', () => {
  assert.deepEqual(kept([1, NaN, 3], 'drop'), { values: [1, 3], warning: 'dropped 1 row with a missing value in column "V" (--missing drop)' });
  assert.deepEqual(kept([1, NaN, 3], 'ffill'), { values: [1, 1, 3], warning: 'filled 1 missing value in column "V" with the previous value (--missing ffill)' });
  assert.deepEqual(kept([1, NaN, 3], 'interpolate'), { values: [1, 2, 3], warning: 'interpolated 1 missing value in column "V" (--missing interpolate)' });
});

test('interpolate follows the positions given, not the row numbers', () => {
  // rows at times 0, 1 and 4: the gap is a quarter of the way from 0 to 8
  const times = [0, 1, 4];
  assert.deepEqual(kept([0, NaN, 8], 'interpolate', (r) => times[r]!).values, [0, 2, 8]);
});
