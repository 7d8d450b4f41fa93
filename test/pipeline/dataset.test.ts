import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDataset, DEFAULT_PIPELINE, type PipelineOptions } from '../../src/pipeline/dataset.js';
import { sampleInputs } from '../../src/pipeline/windows.js';
import { DataError, UsageError } from '../../src/errors.js';
import { multiTable, seriesTable, shampooTable } from '../helpers/tables.js';

const withShampoo = (options: Partial<PipelineOptions> = {}) => buildDataset(shampooTable(), { ...DEFAULT_PIPELINE, ...options });
const times = (d: ReturnType<typeof withShampoo>, w: 'train' | 'test') => Array.from(d[w].end, (e) => d.table.times[e + 1]);

test('the published framing of the shampoo data: 35 differences, 34 samples, 22 train, 12 test', () => {
  const d = withShampoo();
  assert.equal(d.values.length, 36);
  assert.equal(d.start, 1);
  assert.equal(d.framed, 34);
  assert.equal(d.train.samples, 22);
  assert.equal(d.test.samples, 12);
  assert.deepEqual([d.train.steps, d.train.features, d.train.outputs], [1, 1, 1]);
  // The first sample forecasts month "1-03" from the change of "1-02"; the last is "3-12".
  assert.equal(times(d, 'train')[0], '1-03');
  assert.equal(times(d, 'test')[0], '3-01');
  assert.equal(times(d, 'test')[11], '3-12');
  // 145.9 - 266.0 = -120.1 in, 183.1 - 145.9 = 37.2 out (transformed, before scaling)
  assert.ok(Math.abs(d.transformedTarget[d.train.end[0]!]! - -120.1) < 1e-9);
  assert.ok(Math.abs(d.transformedTarget[d.train.end[0]! + 1]! - 37.2) < 1e-9);
});

test('one scaler per column, fitted on every row the training samples read: together they span exactly [-1, 1]', () => {
  const d = withShampoo();
  const seen = [...d.train.x, ...d.train.y];
  assert.ok(Math.abs(Math.min(...seen) + 1) < 1e-6);
  assert.ok(Math.abs(Math.max(...seen) - 1) < 1e-6);
  assert.deepEqual(d.fitRows, { from: 1, to: 24 });
  assert.equal(d.target.scaler.kind, 'minmax');
  assert.deepEqual(d.features[0]!.kind === 'numeric' && d.features[0]!.scaler, d.target.scaler, 'the target feature and the target share one scaler');
});

test('the scaler ignores test rows: changing them changes no fitted parameter and no training sample', () => {
  const base = shampooTable();
  const altered = seriesTable(
    Array.from(base.columns[0]!.values as Float64Array, (v, i) => (i >= 25 ? v * 1000 + 1e6 : v)),
    base.times,
    'b.csv',
    'Sales',
  );
  const a = buildDataset(base, DEFAULT_PIPELINE);
  const b = buildDataset(altered, DEFAULT_PIPELINE);
  assert.deepEqual(b.target, a.target);
  assert.deepEqual(b.features, a.features);
  assert.deepEqual(b.train.x, a.train.x);
  assert.deepEqual(b.train.y, a.train.y);
  assert.notDeepEqual(b.test.y, a.test.y);
});

test('scalers and one-hot categories of many columns come from training rows only: test rows cannot change them', () => {
  const n = 40;
  const columns = (late: (i: number) => boolean) => ({
    y: Array.from({ length: n }, (_, i) => (late(i) ? 1e6 : Math.sin(i))),
    temp: Array.from({ length: n }, (_, i) => (late(i) ? -1e6 : i % 7)),
    wind: Array.from({ length: n }, (_, i) => (late(i) ? 'XX' : ['N', 'S', 'E'][i % 3]!)),
  });
  const options = { ...DEFAULT_PIPELINE, diff: 0, lags: 3, test: { kind: 'count' as const, n: 5 } };
  const a = buildDataset(multiTable(columns(() => false), 'y', ['y', 'temp', 'wind']), options);
  const b = buildDataset(multiTable(columns((i) => i >= n - 5), 'y', ['y', 'temp', 'wind']), options);
  assert.deepEqual(b.features, a.features);
  assert.deepEqual(b.target, a.target);
  assert.deepEqual(b.train.x, a.train.x);
  assert.deepEqual(a.features[2], { column: 'wind', kind: 'one-hot', categories: ['E', 'N', 'S'] });
  assert.notDeepEqual(b.test.x, a.test.x);
});

test('windows are [samples, steps, features]: each step holds every feature of one row, one-hot categories after numbers', () => {
  const t = multiTable({ y: [1, 2, 3, 4, 5, 6, 7, 8], x: [10, 20, 30, 40, 50, 60, 70, 80], c: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'] }, 'y', ['x', 'c', 'y']);
  const d = buildDataset(t, { ...DEFAULT_PIPELINE, diff: 0, lags: 2, test: { kind: 'count', n: 2 }, scale: 'none' });
  assert.deepEqual([d.train.samples, d.train.steps, d.train.features, d.train.outputs], [4, 2, 4, 1]);
  assert.deepEqual(d.encoded.names, ['x', 'c=a', 'c=b', 'y']);
  // sample 0 reads rows 0 and 1 and forecasts row 2
  assert.deepEqual([...sampleInputs(d.train, 0)], [10, 1, 0, 1, 20, 0, 1, 2]);
  assert.deepEqual([...d.train.y.subarray(0, 1)], [3]);
});

test('--horizon h: h targets per sample, and the training samples whose targets reach the test targets are dropped', () => {
  const values = Array.from({ length: 30 }, (_, i) => i * i);
  for (const h of [1, 2, 5]) {
    const d = buildDataset(seriesTable(values), { ...DEFAULT_PIPELINE, diff: 0, lags: 3, horizon: h, test: { kind: 'count', n: 4 }, scale: 'none' });
    assert.equal(d.train.outputs, h);
    assert.equal(d.dropped, h - 1);
    assert.equal(d.framed, 30 - 3 - h + 1);
    assert.equal(d.train.samples, d.framed - 4 - (h - 1));
    const trainTargets = new Set<number>();
    for (const e of d.train.end) for (let j = 1; j <= h; j++) trainTargets.add(e + j);
    for (const e of d.test.end) for (let j = 1; j <= h; j++) assert.ok(!trainTargets.has(e + j), `row ${e + j} is a target of both (h ${h})`);
    // each sample's targets are the next h values
    assert.deepEqual([...d.test.y.subarray(0, h)].map((v) => Math.round(v)), Array.from({ length: h }, (_, j) => (d.test.end[0]! + 1 + j) ** 2));
  }
});

test('--horizon 0: the target of the last input row; the target may not be a feature', () => {
  const t = multiTable({ y: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], x: [5, 4, 3, 2, 1, 0, 1, 2, 3, 4] }, 'y', ['x']);
  const d = buildDataset(t, { ...DEFAULT_PIPELINE, diff: 0, lags: 2, horizon: 0, test: { kind: 'count', n: 2 }, scale: 'none' });
  assert.equal(d.framed, 9);
  assert.deepEqual([...d.test.end], [8, 9]);
  assert.deepEqual([...d.test.y], [9, 10]);
  assert.equal(d.dropped, 0);
  const both = multiTable({ y: [1, 2, 3, 4, 5, 6], x: [1, 2, 3, 4, 5, 6] }, 'y', ['x', 'y']);
  assert.throws(() => buildDataset(both, { ...DEFAULT_PIPELINE, horizon: 0, test: { kind: 'count', n: 1 } }), (e: unknown) => {
    assert.ok(e instanceof UsageError);
    assert.equal(
      e.message,
      '--horizon 0 predicts the target on the window\'s own last row, so the target column "y" cannot also be a feature (that would hand the answer to the network); leave it out of --features',
    );
    return true;
  });
});

test('a category first seen in test rows is all zeros, counted in one warning', () => {
  const wind = ['N', 'S', 'N', 'S', 'N', 'S', 'N', 'S', 'W', 'W', 'Q'];
  const t = multiTable({ y: wind.map((_, i) => i % 3), wind }, 'y', ['y', 'wind']);
  const d = buildDataset(t, { ...DEFAULT_PIPELINE, diff: 0, lags: 1, test: { kind: 'count', n: 3 } });
  assert.deepEqual(d.features[1], { column: 'wind', kind: 'one-hot', categories: ['N', 'S'] });
  assert.deepEqual([...sampleInputs(d.test, 2)].slice(1), [0, 0]);
  assert.deepEqual(d.warnings, ['3 rows of column "wind" hold categories not seen in the training rows ("W", "Q"): encoded as all zeros']);
});

test('test inputs far outside their training range are counted in a warning', () => {
  const price = [...Array.from({ length: 20 }, (_, i) => 100 + i), 130, 300, 400];
  const t = multiTable({ y: price.map((_, i) => i % 2), price }, 'y', ['price']);
  const d = buildDataset(t, { ...DEFAULT_PIPELINE, diff: 0, lags: 1, horizon: 0, test: { kind: 'count', n: 3 } });
  assert.deepEqual(d.warnings, [
    '2 test values of column "price" lie outside its training range [100, 119] by more than the range itself: the network extrapolates there; consider --transform diff or pct for this column',
  ]);
});

test('--transform per column: each column its own transform, the lag of diff from --diff', () => {
  const t = multiTable({ y: [1, 2, 4, 8, 16, 32, 64, 128], x: [3, 3, 4, 4, 5, 5, 6, 6] }, 'y', ['x', 'y']);
  const d = buildDataset(t, { ...DEFAULT_PIPELINE, diff: 2, transform: { all: 'log', columns: { x: 'diff' } }, test: { kind: 'count', n: 2 } });
  assert.deepEqual(d.target.transform, { kind: 'log' });
  assert.deepEqual(d.features[0]!.kind === 'numeric' && d.features[0]!.transform, { kind: 'diff', lag: 2 });
  assert.equal(d.start, 2);
  assert.ok(Math.abs(d.transformedTarget[3]! - Math.log(8)) < 1e-12);
});

test('--test 20% and --train-size count samples', () => {
  const d = withShampoo({ test: { kind: 'fraction', f: 0.2 }, trainSize: 12 });
  assert.equal(d.test.samples, 7); // round(0.2 * 34)
  assert.equal(d.train.samples, 12);
  assert.equal(d.train.end[11]! + 1, d.test.end[0]);
});

test('more lags drop more first samples; no differencing keeps every value', () => {
  assert.equal(withShampoo({ lags: 3 }).train.samples + 12, 32);
  const d = withShampoo({ diff: 0, lags: 1 });
  assert.equal(d.start, 0);
  assert.equal(d.framed, 35);
});

test('too few rows names what the options need and what there is', () => {
  assert.throws(() => buildDataset(seriesTable([1, 2, 3, 4, 5]), DEFAULT_PIPELINE), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.message, 'x.csv: too few rows: --diff 1, --lags 1 and --test 12 need at least 15 observations, found 5');
    return true;
  });
  assert.throws(() => buildDataset(seriesTable([1, 2, 3, 4, 5]), { ...DEFAULT_PIPELINE, horizon: 3, test: { kind: 'count', n: 1 } }), {
    message: 'x.csv: too few rows: --diff 1, --lags 1, --horizon 3 and --test 1 need at least 8 observations, found 5',
  });
  // 8 observations are enough for that
  assert.equal(buildDataset(seriesTable([1, 2, 3, 4, 5, 6, 7, 8]), { ...DEFAULT_PIPELINE, horizon: 3, test: { kind: 'count', n: 1 } }).train.samples, 1);
});

test('--train-size larger than the training samples is a DataError', () => {
  assert.throws(() => withShampoo({ trainSize: 30 }), { message: 'shampoo.csv: --train-size 30 is more than the 22 training rows available' });
});

test('a constant series warns instead of dividing by zero', () => {
  const d = buildDataset(seriesTable(Array(30).fill(5)), DEFAULT_PIPELINE);
  assert.ok([...d.train.x, ...d.train.y].every(Number.isFinite));
  assert.match(d.warnings[0]!, /constant after differencing/);
});

test('a log of a value <= 0 and a pct change from 0 are DataErrors naming the row', () => {
  assert.throws(() => buildDataset(seriesTable([1, 2, 0, 4, 5, 6]), { ...DEFAULT_PIPELINE, transform: { all: 'log', columns: {} }, test: { kind: 'count', n: 1 } }), {
    message: 'x.csv:4: column "y": log of 0 is undefined (the log transform needs values above 0); use --transform diff or none for this column',
  });
  assert.throws(() => buildDataset(seriesTable([1, 0, 3, 4, 5, 6]), { ...DEFAULT_PIPELINE, transform: { all: 'pct', columns: {} }, test: { kind: 'count', n: 1 } }), {
    message: 'x.csv:4: column "y": the percentage change from 0 (the row before) is undefined; use --transform diff or none for this column',
  });
});

test('--validation holds out the last training samples before the test set; the test samples do not change', () => {
  const plain = withShampoo();
  const d = withShampoo({ validation: { kind: 'count', n: 4 } });
  assert.equal(d.train.samples, 18);
  assert.equal(d.validation.samples, 4);
  assert.deepEqual(d.test.end, plain.test.end);
  assert.deepEqual([...d.train.end, ...d.validation.end], [...plain.train.end]);
  assert.equal(withShampoo({ validation: { kind: 'fraction', f: 0.25 } }).validation.samples, 6); // round(0.25 * 22) = round(5.5)
  // with h > 1, the training samples whose targets reach the validation targets are dropped too
  const h3 = buildDataset(seriesTable(Array.from({ length: 40 }, (_, i) => i)), { ...DEFAULT_PIPELINE, horizon: 3, test: { kind: 'count', n: 5 }, validation: { kind: 'count', n: 4 } });
  assert.equal(h3.dropped, 4);
  assert.ok(h3.train.end[h3.train.samples - 1]! + 3 <= h3.validation.end[0]!);
  assert.ok(h3.validation.end[3]! + 3 <= h3.test.end[0]!);
});

test('the scaler never sees validation-only rows: changing them changes no fitted parameter and no training sample', () => {
  const base = shampooTable();
  const values = Array.from(base.columns[0]!.values as Float64Array);
  // the 4 validation samples forecast observations 20..23; the training samples read up to 19
  const altered = seriesTable(values.map((v, i) => (i >= 20 && i <= 23 ? v * 1000 + 1e6 : v)), base.times, 'b.csv', 'Sales');
  const options = { ...DEFAULT_PIPELINE, validation: { kind: 'count' as const, n: 4 } };
  const a = buildDataset(base, options);
  const b = buildDataset(altered, options);
  assert.deepEqual([...a.validation.end].map((e) => e + 1), [20, 21, 22, 23]);
  assert.deepEqual(b.target, a.target);
  assert.deepEqual(b.train.x, a.train.x);
  assert.notDeepEqual(b.validation.y, a.validation.y);
});

test('--validation that leaves no training sample is a data error', () => {
  assert.throws(() => withShampoo({ validation: { kind: 'count', n: 22 } }), {
    name: 'DataError',
    message: 'shampoo.csv: --validation 22 leaves no training rows: there are 22 rows before the test set',
  });
});

test('minmax scales to (-1, 1) when the network reads one column, to (0, 1) when it reads several, and to --range when given', () => {
  const n = 30;
  const columns = { y: Array.from({ length: n }, (_, i) => (i * 7) % 11), x: Array.from({ length: n }, (_, i) => i % 5) };
  const opts = { ...DEFAULT_PIPELINE, diff: 0, test: { kind: 'count' as const, n: 5 } };
  const alone = buildDataset(multiTable(columns, 'y', ['y']), opts);
  assert.deepEqual(alone.options.range, [-1, 1]);
  assert.deepEqual(alone.target.scaler.kind === 'minmax' && alone.target.scaler.range, [-1, 1]);
  // one column other than the target (the waves of a wide layout): still (-1, 1)
  assert.deepEqual(buildDataset(multiTable(columns, 'y', ['x']), { ...opts, horizon: 0 }).options.range, [-1, 1]);
  const many = buildDataset(multiTable(columns, 'y', ['y', 'x']), opts);
  assert.deepEqual(many.options.range, [0, 1]);
  for (const f of many.features) assert.deepEqual(f.kind === 'numeric' && f.scaler.kind === 'minmax' && f.scaler.range, [0, 1]);
  // every training input lies in [0, 1]
  assert.ok(Array.from(many.train.x).every((v) => v >= 0 && v <= 1));
  const given = buildDataset(multiTable(columns, 'y', ['y', 'x']), { ...opts, range: [-1, 1], rangeGiven: true });
  assert.deepEqual(given.options.range, [-1, 1]);
  assert.ok(Array.from(given.train.x).some((v) => v < 0));
});
