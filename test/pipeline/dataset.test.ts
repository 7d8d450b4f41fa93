import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDataset, DEFAULT_PIPELINE, toTensors, type PipelineOptions } from '../../src/pipeline/dataset.js';
import { DataError } from '../../src/errors.js';
import { shampoo } from '../helpers/paths.js';

const series = (values: number[]) => ({ file: 'x.csv', values, times: values.map((_, i) => String(i + 1)) });
const withShampoo = (options: Partial<PipelineOptions> = {}) => buildDataset({ file: 'shampoo.csv', ...shampoo() }, { ...DEFAULT_PIPELINE, ...options });

test('the published framing of the shampoo data: 35 differences, 34 rows, 22 train, 12 test', () => {
  const d = withShampoo();
  assert.equal(d.values.length, 36);
  assert.equal(d.diffs.length, 35);
  assert.equal(d.train.length + d.test.length, 34);
  assert.equal(d.train.length, 22);
  assert.equal(d.test.length, 12);
  // The first row forecasts month "1-03" from the change of "1-02"; the last is "3-12".
  assert.equal(d.train[0]!.time, '1-03');
  assert.equal(d.test[0]!.time, '3-01');
  assert.equal(d.test[11]!.time, '3-12');
  // 145.9 - 266.0 = -120.1 in, 183.1 - 145.9 = 37.2 out
  assert.ok(Math.abs(d.train[0]!.inputs[0]! - -120.1) < 1e-9);
  assert.ok(Math.abs(d.train[0]!.target - 37.2) < 1e-9);
});

test('scaled training rows span exactly [-1, 1] per column; test rows may fall outside', () => {
  const d = withShampoo();
  for (const c of [0, 1]) {
    const col = d.trainScaled.map((r) => r[c]!);
    assert.ok(Math.abs(Math.min(...col) + 1) < 1e-12);
    assert.ok(Math.abs(Math.max(...col) - 1) < 1e-12);
  }
  assert.equal(d.scaler.kind, 'minmax');
});

test('the scaler ignores test rows: changing them changes no fitted parameter and no training row', () => {
  const base = shampoo();
  const altered = { ...base, values: base.values.map((v, i) => (i >= 25 ? v * 1000 + 1e6 : v)) };
  const a = buildDataset({ file: 'a.csv', ...base }, DEFAULT_PIPELINE);
  const b = buildDataset({ file: 'b.csv', ...altered }, DEFAULT_PIPELINE);
  assert.deepEqual(b.scaler, a.scaler);
  assert.deepEqual(b.trainScaled, a.trainScaled);
  assert.notDeepEqual(b.testScaled, a.testScaled);
});

test('--test 20% and --train-size', () => {
  const d = withShampoo({ test: { kind: 'fraction', f: 0.2 }, trainSize: 12 });
  assert.equal(d.test.length, 7); // round(0.2 * 34)
  assert.equal(d.train.length, 12);
  assert.equal(d.train[11]!.index + 1, d.test[0]!.index);
});

test('more lags drop more first rows; no differencing keeps every value', () => {
  assert.equal(withShampoo({ lags: 3 }).train.length + 12, 32);
  const d = withShampoo({ diff: 0, lags: 1 });
  assert.equal(d.diffs.length, 36);
  assert.equal(d.train.length + d.test.length, 35);
});

test('too few rows names what the options need and what there is', () => {
  assert.throws(() => buildDataset(series([1, 2, 3, 4, 5]), DEFAULT_PIPELINE), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.message, 'x.csv: too few rows: --diff 1, --lags 1 and --test 12 need at least 15 observations, found 5');
    return true;
  });
});

test('--train-size larger than the training rows is a DataError', () => {
  assert.throws(() => withShampoo({ trainSize: 30 }), { message: 'shampoo.csv: --train-size 30 is more than the 22 training rows available' });
});

test('a constant series warns instead of dividing by zero', () => {
  const d = buildDataset(series(Array(30).fill(5)), DEFAULT_PIPELINE);
  assert.ok(d.trainScaled.every((r) => r.every(Number.isFinite)));
  assert.match(d.warnings[0]!, /constant after differencing/);
});

test('toTensors lays rows out as [rows, lags, 1] and [rows, 1]', () => {
  const { x, y } = toTensors([[1, 2, 3], [4, 5, 6]], 2);
  assert.deepEqual([...x], [1, 2, 4, 5]);
  assert.deepEqual([...y], [3, 6]);
});

test('--validation holds out the last training rows before the test set; the test rows do not change', () => {
  const plain = withShampoo();
  const d = withShampoo({ validation: { kind: 'count', n: 4 } });
  assert.equal(d.train.length, 18);
  assert.equal(d.validation.length, 4);
  assert.deepEqual(d.test, plain.test);
  assert.deepEqual([...d.train, ...d.validation], plain.train);
  assert.equal(d.validationScaled.length, 4);
  assert.equal(withShampoo({ validation: { kind: 'fraction', f: 0.25 } }).validation.length, 6); // round(0.25 * 22) = round(5.5)
});

test('the scaler never sees validation-only rows: changing them changes no fitted parameter and no training row', () => {
  const base = shampoo();
  // with one lag, the last validation row reads the target of the one before it: values 20..23
  // are the targets of the 4 validation rows (rows 18..21 forecast observations 20..23)
  const altered = { ...base, values: base.values.map((v, i) => (i >= 20 && i <= 23 ? v * 1000 + 1e6 : v)) };
  const options = { ...DEFAULT_PIPELINE, validation: { kind: 'count' as const, n: 4 } };
  const a = buildDataset({ file: 'a.csv', ...base }, options);
  const b = buildDataset({ file: 'b.csv', ...altered }, options);
  assert.deepEqual(a.validation.map((r) => r.index), [20, 21, 22, 23]);
  assert.deepEqual(b.scaler, a.scaler);
  assert.deepEqual(b.trainScaled, a.trainScaled);
  assert.notDeepEqual(b.validationScaled, a.validationScaled);
  // and the scaler is the one fitted on the 18 remaining training rows alone
  const fitted = withShampoo({ trainSize: 18, test: { kind: 'count', n: 16 } });
  assert.deepEqual(a.scaler, fitted.scaler);
});

test('--validation that leaves no training row is a data error', () => {
  assert.throws(() => withShampoo({ validation: { kind: 'count', n: 22 } }), {
    name: 'DataError',
    message: 'shampoo.csv: --validation 22 leaves no training rows: there are 22 rows before the test set',
  });
});
