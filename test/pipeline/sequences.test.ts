// Whole sequences as samples: the long layout (--sequence-column), the wide layout (--layout wide),
// --lags n over longer sequences, and --test-file, from the CSV text through framing and scaling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendTestTable, parseTable, type TableLoadOptions } from '../../src/data/table-loader.js';
import { buildDataset, DEFAULT_PIPELINE, type PipelineOptions } from '../../src/pipeline/dataset.js';
import { sampleInputs } from '../../src/pipeline/windows.js';
import { DataError, UsageError } from '../../src/errors.js';
import { sequenceSettings } from '../../src/run/run-once.js';
import { DEFAULT_SETTINGS } from '../../src/options/train-options.js';

/** Sequences of the given lengths: id, x (the row number), z (minus it), t (the sequence's number times 10 on every row). */
function longCsv(lengths: number[], firstRow = 0): string {
  const rows = ['id,x,z,t'];
  let r = firstRow;
  lengths.forEach((n, k) => {
    for (let i = 0; i < n; i++, r++) rows.push(`s${k + 1},${r},${-r},${(k + 1) * 10 + i / 100}`);
  });
  return rows.join('\n') + '\n';
}

const longTable = (csv: string, options: TableLoadOptions = {}) => parseTable(csv, 'seq.csv', { sequenceColumn: 'id', target: 't', features: 'x,z', ...options });
const pipeline = (options: Partial<PipelineOptions>): PipelineOptions => ({ ...DEFAULT_PIPELINE, test: { kind: 'count', n: 1 }, scale: 'none', ...options });

test('long layout: one sample per sequence, all its rows and features, the target on its last row, no transform by default', () => {
  const d = buildDataset(longTable(longCsv([4, 4, 4, 4])), pipeline({}));
  assert.equal(d.framed, 4);
  assert.deepEqual([d.train.samples, d.train.steps, d.train.features, d.train.outputs], [3, 4, 2, 1]);
  assert.equal(d.test.samples, 1);
  assert.deepEqual(d.task.framing, { kind: 'sequence', layout: 'long', lags: null });
  assert.deepEqual([...d.train.end], [3, 7, 11]);
  // sample 2 (sequence s2) reads rows 4..7, x then z per step; its target is t on row 7 (20.03)
  assert.deepEqual([...sampleInputs(d.train, 1)], [4, -4, 5, -5, 6, -6, 7, -7]);
  assert.deepEqual([...d.train.y].map((v) => Math.round(v * 100) / 100), [10.03, 20.03, 30.03]);
  assert.deepEqual(d.target.transform, { kind: 'none' });
  assert.equal(d.dropped, 0);
});

test('wide layout: each row one sample, its numeric columns other than the target its steps, one feature', () => {
  const csv = 'label,x1,x2,x3\n1,0.1,0.2,0.3\n2,0.4,0.5,0.6\n3,0.7,0.8,0.9\n4,1.0,1.1,1.2\n5,1.3,1.4,1.5\n';
  const t = parseTable(csv, 'w.csv', { layout: 'wide' });
  assert.equal(t.target, 'label');
  assert.deepEqual(t.stepColumns, ['x1', 'x2', 'x3']);
  assert.deepEqual(t.warnings, [], 'no warning about a missing time column: the rows are samples');
  const d = buildDataset(t, pipeline({ layout: 'wide', test: { kind: 'count', n: 2 } }));
  assert.deepEqual([d.train.samples, d.train.steps, d.train.features, d.train.outputs], [3, 3, 1, 1]);
  assert.deepEqual(d.task.framing, { kind: 'sequence', layout: 'wide', lags: null });
  assert.deepEqual([...sampleInputs(d.train, 1)].map((v) => Math.round(v * 10) / 10), [0.4, 0.5, 0.6]);
  assert.deepEqual([...d.train.y], [1, 2, 3]);
  assert.deepEqual([...d.test.y], [4, 5]);
  // the sample ids are the row numbers
  assert.deepEqual(Array.from(d.test.end, (e) => d.table.sequences![e]), ['4', '5']);
});

test('--lags n: the last n rows of sequences of any length at least n', () => {
  const d = buildDataset(longTable(longCsv([5, 3, 6, 4])), pipeline({ lags: 3, lagsGiven: true }));
  assert.deepEqual([d.train.samples, d.train.steps, d.train.features], [3, 3, 2]);
  assert.deepEqual(d.task.framing, { kind: 'sequence', layout: 'long', lags: 3 });
  // s1 is rows 0..4: its last 3 rows are 2, 3, 4; s3 is rows 8..13: 11, 12, 13
  assert.deepEqual([...sampleInputs(d.train, 0)], [2, -2, 3, -3, 4, -4]);
  assert.deepEqual([...sampleInputs(d.train, 2)], [11, -11, 12, -12, 13, -13]);
  assert.throws(
    () => buildDataset(longTable(longCsv([5, 3, 6, 4])), pipeline({ lags: 4, lagsGiven: true })),
    (e: unknown) => e instanceof DataError && e.message === 'seq.csv:7: sequence "s2" has 3 rows, fewer than --lags 4',
  );
});

test('sequences of unequal lengths are a DataError naming the sequence, its length and the expected one, suggesting --lags', () => {
  assert.throws(
    () => buildDataset(longTable(longCsv([4, 4, 3, 4])), pipeline({})),
    (e: unknown) =>
      e instanceof DataError &&
      e.message ===
        'seq.csv:10: sequence "s3" has 3 rows, but the first sequence ("s1") has 4; every sequence must have the same number of rows, or use --lags n to use the last n rows of each',
  );
});

test('the target column cannot be a feature of a whole sequence: it would hand the answer to the network', () => {
  assert.throws(
    () => buildDataset(longTable(longCsv([4, 4, 4]), { features: 'x,t' }), pipeline({})),
    (e: unknown) =>
      e instanceof UsageError &&
      e.message ===
        'the target column "t" is read on each sequence\'s last row, so it cannot also be a feature (that would hand the answer to the network); leave it out of --features',
  );
});

test('a --diff transform asked for is applied within each sequence, never across two', () => {
  const d = buildDataset(longTable(longCsv([4, 4, 4])), pipeline({ transform: { all: 'diff', columns: {} }, lags: 3, lagsGiven: true }));
  // each sequence loses its first row; x rises by 1 inside a sequence, so every input change is 1 (-1 for z)
  assert.deepEqual([...sampleInputs(d.train, 1)], [1, -1, 1, -1, 1, -1]);
  assert.equal(d.start, 1);
});

test('--test-file with sequences: its sequences are the test set, no test target is a training target, and its rows never reach a scaler', () => {
  const train = longTable(longCsv([4, 4, 4]));
  const testA = longTable(longCsv([4, 4], 100), {});
  const testB = longTable(longCsv([4, 4], 100).replace(/,(\d+),-(\d+),/g, (_m, a, b) => `,${Number(a) * 1000},-${Number(b) * 1000},`));
  const options = pipeline({ scale: 'minmax' });
  const a = buildDataset(appendTestTable(train, testA), options);
  const b = buildDataset(appendTestTable(train, testB), options);
  assert.deepEqual([a.train.samples, a.test.samples], [3, 2]);
  const testFrom = a.table.testFrom!;
  assert.equal(testFrom, 12);
  assert.ok([...a.train.end].every((e) => e < testFrom) && [...a.test.end].every((e) => e >= testFrom));
  assert.deepEqual(a.fitRows, { from: 0, to: 12 });
  assert.deepEqual(b.features, a.features);
  assert.deepEqual(b.target, a.target);
  assert.deepEqual(b.train.x, a.train.x);
  assert.notDeepEqual(b.test.x, a.test.x);
});

test('--test-file with windows: test windows read the test file only, and no training target is a test target', () => {
  const csv = (values: number[]) => 'y\n' + values.join('\n') + '\n';
  const read = (values: number[], file: string) => parseTable(csv(values), file, { target: 'y' });
  const train = read([1, 3, 2, 5, 4, 6, 8, 7, 9, 10], 'train.csv');
  const options = pipeline({ diff: 1, lags: 2, horizon: 2, scale: 'minmax' });
  const a = buildDataset(appendTestTable(train, read([20, 22, 21, 25, 24, 26], 'test.csv')), options);
  const b = buildDataset(appendTestTable(train, read([2000, 2200, 2100, 2500, 2400, 2600], 'test.csv')), options);
  const testFrom = a.table.testFrom!;
  assert.equal(testFrom, 10);
  // test windows: the differences start at test row 1, 2 lags, 2 targets: ends 12, 13 (rows 12 and 13 of the appended table)
  assert.deepEqual([...a.test.end], [12, 13]);
  for (const e of a.test.end) assert.ok(e - 2 + 1 >= testFrom + 1, 'a test window reads only differences inside the test file');
  for (const e of a.train.end) assert.ok(e + 2 < testFrom, 'every training target lies in the training file');
  assert.deepEqual(a.fitRows, { from: 1, to: 10 });
  assert.deepEqual(b.target, a.target);
  assert.deepEqual(b.features, a.features);
  assert.deepEqual(b.train.x, a.train.x);
  assert.deepEqual(b.train.y, a.train.y);
});

test('--test-file whose columns differ from the training file is a UsageError naming the column', () => {
  const train = longTable(longCsv([4, 4]));
  const other = parseTable('id,x,t\ns1,1,2\n', 'other.csv', { sequenceColumn: 'id', target: 't', features: 'x' });
  assert.throws(
    () => appendTestTable(train, other),
    (e: unknown) => e instanceof UsageError && e.message === '--test-file other.csv: column "z" is missing; it must have the training file\'s columns',
  );
});

test('a stateful network starts each whole sequence from a zero state unless --reset never', () => {
  const d = buildDataset(longTable(longCsv([4, 4, 4])), pipeline({}));
  const settings = { ...DEFAULT_SETTINGS, stateful: true };
  assert.deepEqual([sequenceSettings(d, settings).reset, sequenceSettings(d, settings).forecastReset], ['batch', 'step']);
  assert.equal(sequenceSettings(d, { ...settings, reset: 'never' }).reset, 'never');
  assert.equal(sequenceSettings(d, { ...settings, reset: 'never' }).forecastReset, 'never');
  // windows of a series carry the state as asked
  const windows = buildDataset(parseTable('y\n1\n2\n3\n4\n5\n', 'y.csv', {}), pipeline({}));
  assert.equal(sequenceSettings(windows, settings).reset, 'epoch');
});
