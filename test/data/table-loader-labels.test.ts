import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendTestTable, parseTable } from '../../src/data/table-loader.js';

const ROOMS = 'time,co2,light,room\n' + ['400,0,empty', '410,0,empty', '700,300,busy', '720,310,busy', '705,0,quiet', '400,0,empty'].map((r, i) => `2015-02-04 17:0${i}:00,${r}`).join('\n') + '\n';

test('a non-numeric target is read as class labels, with a note that classification was chosen; the inputs default to every other column', () => {
  const t = parseTable(ROOMS, 'r.csv', { target: 'room' });
  assert.deepEqual(t.labels, {
    columns: ['room'],
    noneRows: 0,
    notes: ['the target column "room" is not numeric (e.g. "empty"): classification was chosen (use --task classify to say so)'],
  });
  assert.deepEqual(t.features, ['co2', 'light']);
  const label = t.columns.find((c) => c.name === 'room')!;
  assert.equal(label.type, 'category');
  assert.deepEqual(label.values, ['empty', 'empty', 'busy', 'busy', 'quiet', 'empty']);
});

test('--task classify reads integer labels as they are written, with no note', () => {
  const t = parseTable(ROOMS.replace(/empty/g, '0').replace(/busy/g, '1').replace(/quiet/g, '2'), 'r.csv', { target: 'room', task: 'classify', features: 'co2' });
  assert.deepEqual(t.labels!.notes, []);
  assert.deepEqual(t.columns[0]!.values, ['0', '0', '1', '1', '2', '0']);
  assert.deepEqual(t.features, ['co2']);
});

const METER = 'reading,kettle,oven,fridge\n' + ['200,1,0,0', '1500,0,1,0', '900,0,0,0', '300,0,0,1', '250,0,0,0'].join('\n') + '\n';

test('several --target columns are a one-hot label: a row with none set is the class none, counted in a note', () => {
  const t = parseTable(METER, 'm.csv', { target: 'kettle,oven,fridge', features: 'reading' });
  assert.equal(t.target, 'kettle,oven,fridge');
  assert.deepEqual(t.columns[0]!.values, ['kettle', 'oven', 'none', 'fridge', 'none']);
  assert.deepEqual(t.labels!.columns, ['kettle', 'oven', 'fridge']);
  assert.equal(t.labels!.noneRows, 2);
  assert.deepEqual(t.labels!.notes, [
    '--target names 3 columns: classification was chosen, their 0/1 values a one-hot class label (use --task classify to say so)',
    '2 rows have none of the one-hot columns kettle,oven,fridge set: labelled as the class "none"',
  ]);
});

test('a one-hot row with two columns set is a DataError naming the row; a one-hot column as a feature is a UsageError', () => {
  assert.throws(() => parseTable(METER.replace('900,0,0,0', '900,1,1,0'), 'm.csv', { target: 'kettle,oven,fridge', features: 'reading' }), {
    name: 'DataError',
    message: 'm.csv:4: columns "kettle" and "oven" are both 1; a one-hot target sets at most one column per row',
  });
  assert.throws(() => parseTable(METER, 'm.csv', { target: 'kettle,oven,fridge', features: 'reading,oven' }), {
    name: 'UsageError',
    message: 'column "oven" is one of the one-hot target columns, so it cannot also be a feature; leave it out of --features',
  });
});

test('the --test-file table keeps the labels, adding its own rows with no class to the count', () => {
  const train = parseTable(METER, 'm.csv', { target: 'kettle,oven,fridge', features: 'reading', task: 'classify' });
  const test_ = parseTable('reading,kettle,oven,fridge\n100,0,0,0\n', 't.csv', { target: 'kettle,oven,fridge', features: 'reading', task: 'classify' });
  const both = appendTestTable(train, test_);
  assert.equal(both.labels!.noneRows, 3);
  assert.equal(both.testFile, 't.csv');
  assert.deepEqual(both.labels!.notes, [
    '2 rows have none of the one-hot columns kettle,oven,fridge set: labelled as the class "none"',
    't.csv: 1 row has none of the one-hot columns kettle,oven,fridge set: labelled as the class "none"',
  ]);
});
