import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelsFromOneHot } from '../../src/pipeline/one-hot-labels.js';

// The meter-reading layout: one 0/1 column per source.
const columns = (rows: number[][]) => ['fridge', 'oven', 'kettle'].map((name, c) => ({ name, values: rows.map((r) => r[c]!) }));
const lines = [2, 3, 4, 5];

test('one-hot columns: each row is the class of the column set; none set is the class none, counted', () => {
  const r = labelsFromOneHot(columns([[0, 1, 0], [1, 0, 0], [0, 0, 0], [0, 0, 1]]), 'meter.csv', lines);
  assert.deepEqual(r.labels, ['oven', 'fridge', 'none', 'kettle']);
  assert.equal(r.noneRows, 1);
});

test('one-hot columns: two set on a row is a DataError naming the row and both columns', () => {
  assert.throws(() => labelsFromOneHot(columns([[0, 1, 0], [1, 0, 1]]), 'meter.csv', lines), {
    name: 'DataError',
    message: 'meter.csv:3: columns "fridge" and "kettle" are both 1; a one-hot target sets at most one column per row',
  });
});

test('one-hot columns: a value other than 0 or 1 is a DataError', () => {
  assert.throws(() => labelsFromOneHot(columns([[0, 0.5, 0]]), 'meter.csv', lines), {
    name: 'DataError',
    message: 'meter.csv:2: column "oven": 0.5 is not 0 or 1 (one-hot target columns hold 0 or 1)',
  });
  assert.throws(() => labelsFromOneHot(columns([[0, 1, 0]]).slice(0, 1), 'meter.csv', lines), { name: 'RangeError' });
});
