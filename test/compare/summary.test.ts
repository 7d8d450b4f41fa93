import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarise } from '../../src/compare/summary.js';
import { readResultsCsv, resultsCsv } from '../../src/compare/results-files.js';

const a = [1, 2, 3, 4, 5];
const b = [2, 3, 4, 5, 7];

test('describe columns per experiment, hand-computed', () => {
  const [s] = summarise([{ name: 'a', values: a }], 'a', true);
  assert.equal(s!.count, 5);
  assert.equal(s!.mean, 3);
  assert.ok(Math.abs(s!.std - Math.sqrt(2.5)) < 1e-12); // sample std, n - 1
  assert.deepEqual([s!.min, s!.q25, s!.median, s!.q75, s!.max], [1, 2, 3, 4, 5]);
  assert.equal(s!.p_welch, null, 'the baseline has no p-values');
});

test('p-values against the baseline; Wilcoxon only for paired, complete runs', () => {
  const [, s] = summarise([{ name: 'a', values: a }, { name: 'b', values: b }], 'a', true);
  assert.ok(s!.p_welch !== null && s!.p_welch > 0 && s!.p_welch < 1);
  assert.ok(s!.p_mannwhitney !== null);
  // Every difference b - a is positive (1,1,1,1,2): exact two-sided p = 2/32 (scipy.stats.wilcoxon gives 0.0625).
  assert.equal(s!.p_wilcoxon, 0.0625);
  const [, unpaired] = summarise([{ name: 'a', values: a }, { name: 'b', values: b }], 'a', false);
  assert.equal(unpaired!.p_wilcoxon, null);
});

test('failed runs (null) are left out; an experiment with no finished run has count 0', () => {
  const [base, s, none] = summarise([{ name: 'a', values: [...a, null] }, { name: 'b', values: [null, ...b] }, { name: 'c', values: [null] }], 'a', true);
  assert.equal(base!.count, 5);
  assert.equal(s!.count, 5);
  assert.equal(none!.count, 0);
  assert.equal(none!.p_welch, null);
});

test('an unknown baseline is a RangeError', () => {
  assert.throws(() => summarise([{ name: 'a', values: a }], 'z', true), RangeError);
});

test('results files round trip: one column per experiment, one row per repeat', () => {
  const text = resultsCsv([{ name: 'stateful', values: [1.5, 2] }, { name: 'state,less', values: [3, null] }]);
  assert.equal(text, 'stateful,"state,less"\n1.5,3\n2,\n');
  assert.deepEqual(readResultsCsv(text, 'r.csv'), [{ name: 'stateful', values: [1.5, 2] }, { name: 'state,less', values: [3, null] }]);
});

test('a results file with one column is named after the file; bad cells name the file, row and column', () => {
  assert.deepEqual(readResultsCsv('rmse\n1\n2\n', '/tmp/runs/stateful.csv'), [{ name: 'stateful', values: [1, 2] }]);
  assert.throws(() => readResultsCsv('a,b\n1,x\n', 'r.csv'), { name: 'DataError', message: 'r.csv:2: column "b": "x" is not a number' });
  assert.throws(() => readResultsCsv('a\n', 'r.csv'), { message: 'r.csv: a results file needs a header row and at least one row of values' });
});
