import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTable, appendTestTable } from '../../src/data/table-loader.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { networkSpec, DEFAULT_SETTINGS } from '../../src/options/train-options.js';
import { classificationHead } from '../../src/engines/heads.js';

const opts = (o: Partial<typeof DEFAULT_PIPELINE> = {}) => ({ ...DEFAULT_PIPELINE, diff: 0, test: { kind: 'count' as const, n: 2 }, ...o });

// 12 rows: a light level and whether the room is occupied
const LIGHT = 'light,occupied\n' + [0, 0, 500, 510, 0, 0, 480, 0, 520, 505, 0, 0].map((v) => `${v},${v > 0 ? 'yes' : 'no'}`).join('\n') + '\n';

test('windows with --horizon 0 are labelled by their last row; classes in order first seen; a sigmoid target is the class index', () => {
  const d = buildDataset(parseTable(LIGHT, 'l.csv', { target: 'occupied' }), opts({ lags: 2, horizon: 0 }));
  assert.equal(d.task.kind, 'classify');
  assert.deepEqual(d.classes!.classes, ['no', 'yes']);
  assert.equal(d.classes!.head, 'sigmoid');
  // ends 1..11: 11 samples, 2 test
  assert.equal(d.train.samples, 9);
  assert.deepEqual(Array.from(d.train.labels!), [0, 1, 1, 0, 0, 1, 0, 1, 1]);
  assert.deepEqual(Array.from(d.train.y), [0, 1, 1, 0, 0, 1, 0, 1, 1]);
  assert.deepEqual(Array.from(d.test.labels!), [0, 0]);
  // the labels are never scaled, the input is: the minmax scale of the training rows
  assert.equal(d.target.scaler.kind, 'none');
  assert.ok(Array.from(d.train.x).every((v) => v >= -1 && v <= 1));
});

test('--horizon 2 labels each window by the row two ahead', () => {
  const d = buildDataset(parseTable(LIGHT, 'l.csv', { target: 'occupied' }), opts({ lags: 2, horizon: 2 }));
  // first window ends at row 1; its label is row 3's (yes)
  assert.equal(d.train.end[0], 1);
  assert.equal(d.train.labels![0], d.classes!.classes.indexOf('yes'));
  assert.equal(d.train.outputs, 1);
});

test('per-step labels: every step of every sample carries its row\'s label', () => {
  const d = buildDataset(parseTable(LIGHT, 'l.csv', { target: 'occupied' }), opts({ lags: 3, horizon: 0 }), { labels: 'per-step' });
  assert.equal(d.train.labels!.length, d.train.samples * 3);
  // sample 0 reads rows 0, 1, 2
  assert.deepEqual(Array.from(d.train.labels!.subarray(0, 3)), [0, 0, 1]);
  assert.deepEqual(Array.from(d.train.y.subarray(0, 3)), [0, 0, 1]);
  assert.equal(d.task.kind === 'classify' && d.task.labels, 'per-step');
});

test('more than two classes: a softmax over one-hot targets', () => {
  const csv = 'x,c\n' + ['1,a', '2,b', '3,c', '1,a', '2,b', '3,c', '1,a', '2,b'].join('\n') + '\n';
  const d = buildDataset(parseTable(csv, 'c.csv', { target: 'c' }), opts({ lags: 1, horizon: 0 }));
  assert.deepEqual(d.classes!.classes, ['a', 'b', 'c']);
  assert.equal(d.classes!.head, 'softmax');
  assert.equal(d.train.outputs, 3);
  assert.deepEqual(Array.from(d.train.y.subarray(0, 6)), [1, 0, 0, 0, 1, 0]);
});

test('a label first seen in the test file is a DataError naming it, its file and line', () => {
  const train = parseTable(LIGHT, 'l.csv', { target: 'occupied' });
  const testTable = parseTable('light,occupied\n0,no\n300,maybe\n0,no\n', 't.csv', { target: 'occupied' });
  assert.throws(() => buildDataset(appendTestTable(train, testTable), opts({ lags: 1, horizon: 0 })), {
    name: 'DataError',
    message: 't.csv:3: column "occupied": label "maybe" was not seen in the training rows (classes: no, yes)',
  });
});

test('the training rows holding one class only is a DataError', () => {
  const csv = 'x,c\n' + ['1,a', '2,a', '3,a', '4,a', '5,b'].join('\n') + '\n';
  assert.throws(() => buildDataset(parseTable(csv, 'c.csv', { target: 'c' }), opts({ lags: 1, horizon: 0, test: { kind: 'count', n: 1 } })), {
    name: 'DataError',
    message: 'c.csv: the training rows hold one class only ("a" in c): a classifier needs at least two classes to tell apart',
  });
});

test('--labels per-step on a numeric target without --task classify is a UsageError', () => {
  assert.throws(() => buildDataset(parseTable(LIGHT, 'l.csv', { target: 'light' }), opts({ lags: 2 }), { labels: 'per-step' }), {
    name: 'UsageError',
    message: '--labels per-step applies to classification, but the target "light" is numeric; add --task classify to read it as class labels',
  });
});

test('the meter-reading shape: rolling windows of 5 readings with 8 one-hot sources are [samples, 5 steps, 1 feature], scaled', () => {
  // readings from 200 to 1500, never scaled in the file; 8 one-hot source columns, some rows with none set
  const sources = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
  const rows = Array.from({ length: 40 }, (_, r) => {
    const reading = 200 + ((r * 337) % 1301);
    const source = r % 9; // 8: none set
    return [reading, ...sources.map((_, k) => (k === source ? 1 : 0))].join(',');
  });
  const csv = `reading,${sources.join(',')}\n${rows.join('\n')}\n`;
  const table = parseTable(csv, 'meter.csv', { target: sources.join(','), features: 'reading' });
  assert.equal(table.labels!.noneRows, 4);
  const d = buildDataset(table, opts({ lags: 5, horizon: 0, test: { kind: 'count', n: 5 } }));
  assert.deepEqual([d.train.steps, d.train.features], [5, 1]);
  const spec = networkSpec({ ...DEFAULT_SETTINGS, pipeline: { ...DEFAULT_SETTINGS.pipeline, lags: 5 } }, d.train);
  assert.deepEqual([spec.timeSteps, spec.features, spec.outputs], [5, 1, classificationHead(9).outputs]);
  // sample 0's five steps are rows 0..4 in time order, the reading min-max scaled on the training rows
  const f = d.features[0]!;
  assert.equal(f.kind, 'numeric');
  const scaler = f.kind === 'numeric' ? f.scaler : null;
  assert.equal(scaler!.kind, 'minmax');
  const raw = rows.slice(0, 5).map((r) => Number(r.split(',')[0]));
  const { min, max, range: [a, b] } = scaler as { min: number[]; max: number[]; range: [number, number] };
  Array.from(d.train.x.subarray(0, 5)).forEach((v, t) => assert.ok(Math.abs(v - (a + ((b - a) * (raw[t]! - min[0]!)) / (max[0]! - min[0]!))) < 1e-6));
  assert.ok(d.classes!.classes.includes('none'));
});
