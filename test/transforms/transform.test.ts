import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTransform, invertTransform, transformLag } from '../../src/transforms/transform.js';
import type { Transform } from '../../src/core/types.js';

const where = (r: number) => `x.csv:${r + 2}: column "y"`;

const transforms: fc.Arbitrary<Transform> = fc.oneof(
  fc.constant<Transform>({ kind: 'none' }),
  fc.integer({ min: 1, max: 5 }).map((lag): Transform => ({ kind: 'diff', lag })),
  fc.constant<Transform>({ kind: 'pct' }),
  fc.constant<Transform>({ kind: 'log' }),
);
// positive values keep log and pct defined
const series = fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 8, maxLength: 60 });

test('property: every transform has an exact inverse from the true earlier values', () => {
  fc.assert(
    fc.property(transforms, series, (t, values) => {
      const transformed = applyTransform(values, t, where);
      // rounding is relative to the values involved (a pct change from 2e5 to 0.01 loses digits of 0.01)
      const scale = Math.max(1, ...values);
      for (let row = transformLag(t); row < values.length; row++) {
        const [back] = invertTransform(t, [transformed[row]!], row, (r) => values[r]!);
        assert.ok(Math.abs(back! - values[row]!) <= 1e-9 * scale, `${t.kind}: row ${row}: ${back} vs ${values[row]}`);
      }
    }),
  );
});

test('property: a multi-step inverse chains the values it has just un-done (exact for true transformed values)', () => {
  fc.assert(
    fc.property(transforms, series, (t, values) => {
      const transformed = applyTransform(values, t, where);
      const lag = transformLag(t);
      // only the first `lag` true values are known: the rest come from the inverse itself
      const back = invertTransform(t, Array.from(transformed.subarray(lag)), lag, (row) => {
        assert.ok(row < lag, `row ${row} is not known`);
        return values[row]!;
      });
      const scale = Math.max(1, ...values);
      back.forEach((v, j) => assert.ok(Math.abs(v - values[lag + j]!) <= 1e-6 * scale, `${t.kind}: ${v} vs ${values[lag + j]}`));
    }),
  );
});

test('diff at lag 2, pct and log by hand; the first rows have no value', () => {
  assert.deepEqual([...applyTransform([1, 4, 9, 16], { kind: 'diff', lag: 2 }, where)], [NaN, NaN, 8, 12]);
  assert.deepEqual([...applyTransform([2, 3, 6], { kind: 'pct' }, where)], [NaN, 0.5, 1]);
  assert.deepEqual([...applyTransform([1, Math.E], { kind: 'log' }, where)], [0, 1]);
  assert.deepEqual(invertTransform({ kind: 'diff', lag: 1 }, [1, 1, 1], 3, (r) => [5, 6, 7][r]!), [8, 9, 10]);
});

test('log of a value <= 0 and pct change from 0 are DataErrors naming the row', () => {
  assert.throws(() => applyTransform([1, -2], { kind: 'log' }, where), {
    name: 'DataError',
    message: 'x.csv:3: column "y": log of -2 is undefined (the log transform needs values above 0); use --transform diff or none for this column',
  });
  assert.throws(() => applyTransform([0, 1], { kind: 'pct' }, where), {
    name: 'DataError',
    message: 'x.csv:3: column "y": the percentage change from 0 (the row before) is undefined; use --transform diff or none for this column',
  });
});
