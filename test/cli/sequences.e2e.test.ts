// Whole sequences as samples, end to end: train (both engines, stateful), prepare, --predictions,
// --test-file, compare, save and forecast, and the errors a user meets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const labelled = fixture('sequence-labels.csv');
const sine = fixture('sine-frequency.csv');
const long = ['--sequence-column', 'sequence', '--target', 'label', '--features', 'x1,x2,x3', '--test', '20%'];
const wide = ['--layout', 'wide', '--test', '20%'];
const quick = ['--units', '4', '--epochs', '2', '--batch-size', '10'];

const csvRows = (text: string) => text.trim().split('\n').map((l) => l.split(','));

/** Trains with --out m and --predictions p.csv in a new directory; the directory and the predictions' rows. */
async function trainSaved(args: string[]): Promise<{ dir: string; predictions: string[][] }> {
  const dir = tempDir();
  const t = await runCli(['train', ...args, '--out', 'm', '--predictions', 'p.csv', '-q'], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  return { dir, predictions: csvRows(fs.readFileSync(path.join(dir, 'p.csv'), 'utf8')) };
}

/** The forecast of each sequence a forecast CSV names, as id -> value. */
function forecastValues(stdout: string): Map<string, number> {
  const rows = csvRows(stdout);
  assert.deepEqual(rows[0], ['sequence', 'value']);
  return new Map(rows.slice(1).map(([id, v]) => [id!, Number(v)]));
}

for (const engine of ['fused', 'tfjs']) {
  test(`long layout, stateful (${engine}): one prediction row per test sequence, and the saved model forecasts each the same`, async () => {
    const { dir, predictions } = await trainSaved([labelled, ...long, ...quick, '--stateful', '--engine', engine]);
    assert.deepEqual(predictions[0], ['sequence', 'actual', 'predicted', 'error']);
    // 100 sequences: the last 20 are the test set
    assert.deepEqual(predictions.slice(1).map((r) => r[0]), Array.from({ length: 20 }, (_, i) => `s${String(81 + i).padStart(3, '0')}`));
    for (const r of predictions.slice(1)) assert.ok(r[1] === '0' || r[1] === '1');
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'm', 'rnnfc.json'), 'utf8'));
    assert.deepEqual(meta.pipeline.framing, { kind: 'sequence', layout: 'long', lags: null });
    assert.equal(meta.data.sequenceColumn, 'sequence');
    assert.equal(meta.network.timeSteps, 100);
    // each sequence starts from a zero state (stateful, --reset epoch): the forecast of the
    // whole file, sequence by sequence, gives every test sequence what walk-forward gave it
    const f = await runCli(['forecast', 'm', labelled, '--format', 'csv', '--engine', engine], { cwd: dir });
    assert.equal(f.code, 0, f.stderr);
    const values = forecastValues(f.stdout);
    assert.equal(values.size, 100);
    for (const [id, , predicted] of predictions.slice(1)) {
      assert.ok(Math.abs(values.get(id!)! - Number(predicted)) < 1e-6, `${id}: ${values.get(id!)} vs ${predicted}`);
    }
  });
}

test('wide layout: train, predictions, and a forecast of rows without the target column equal to the walk-forward predictions', async () => {
  const { dir, predictions } = await trainSaved([sine, ...wide, ...quick, '--diff', '0']);
  assert.equal(predictions.length, 21);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'm', 'rnnfc.json'), 'utf8'));
  assert.deepEqual(meta.pipeline.framing, { kind: 'sequence', layout: 'wide', lags: null });
  assert.equal(meta.data.stepColumns.length, 100);
  // the test rows (81..100) without their frequency column
  const lines = fs.readFileSync(sine, 'utf8').trim().split('\n');
  const stripped = lines.map((l) => l.slice(l.indexOf(',') + 1));
  fs.writeFileSync(path.join(dir, 'steps.csv'), [stripped[0], ...stripped.slice(81)].join('\n') + '\n');
  const f = await runCli(['forecast', 'm', 'steps.csv', '--format', 'json'], { cwd: dir });
  assert.equal(f.code, 0, f.stderr);
  assert.equal(f.stderr, '');
  const j = JSON.parse(f.stdout);
  assert.equal(j.sequences, 20);
  j.forecasts.forEach((p: { sequence: string; value: number }, i: number) => {
    assert.equal(p.sequence, String(i + 1));
    assert.ok(Math.abs(p.value - Number(predictions[i + 1]![2])) < 1e-9, `row ${i + 1}: ${p.value} vs ${predictions[i + 1]![2]}`);
  });
  const table = await runCli(['forecast', 'm', 'steps.csv', '--format', 'table'], { cwd: dir });
  assert.match(table.stdout, /│ sequence │ forecast │/);
});

test('train --format json: sample shape, counts, the mean baseline and no persistence for whole sequences', async () => {
  const r = await runCli(['train', sine, ...wide, ...quick, '--format', 'json', '-q']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.shape, { steps: 100, features: 1, outputs: 1 });
  assert.deepEqual(j.samples, { train: 80, test: 20 });
  assert.equal(j.persistence_rmse, null);
  assert.deepEqual(j.baselines.map((b: { name: string }) => b.name), ['mean']);
  assert.equal(j.predictions.length, 20);
});

test('prepare shows the sample shape of whole sequences and their split', async () => {
  const r = await runCli(['prepare', labelled, ...long, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\ncolumns: label \(target\); x1 \(feature\); x2 \(feature\); x3 \(feature\)\n/);
  assert.match(r.stdout, /\nsamples: \[samples, steps, features\] -> \[h\] = \[100, 100, 3\] -> \[1\]\n/);
  assert.match(r.stdout, /\n10000 observations, 100 samples: 80 train, 20 test\n/);
  // each sample row is named by its sequence's id
  assert.match(r.stdout, /│ sequence\s+│ x1\(t-99\)/);
  const c = await runCli(['prepare', labelled, ...long, '--format', 'csv']);
  assert.ok(c.stdout.startsWith('sequence,x1(t-99),'), c.stdout.slice(0, 80));
  const w = await runCli(['prepare', sine, ...wide, '--lags', '30', '--format', 'json']);
  assert.equal(w.code, 0, w.stderr);
  assert.deepEqual(JSON.parse(w.stdout).shape, { samples: 100, steps: 30, features: 1, outputs: 1 });
});

test('--test-file: the sequences of a second file are the test set', async () => {
  const dir = tempDir();
  const lines = fs.readFileSync(sine, 'utf8').trim().split('\n');
  fs.writeFileSync(path.join(dir, 'train.csv'), lines.slice(0, 71).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'test.csv'), [lines[0], ...lines.slice(71)].join('\n') + '\n');
  const r = await runCli(['train', 'train.csv', '--layout', 'wide', '--test-file', 'test.csv', ...quick, '--format', 'json', '-q'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.samples, { train: 70, test: 30 });
  // the test file's rows are named by their own row numbers
  assert.deepEqual(j.predictions.slice(0, 2).map((p: { origin: string }) => p.origin), ['1', '2']);
});

test('compare ranks variants on whole sequences', async () => {
  const r = await runCli(['compare', sine, ...wide, '--epochs', '2', '--batch-size', '10', '--variant', 'small=--units 2', '--variant', 'large=--units 4', '--repeats', '2', '--jobs', '1', '--format', 'json', '-q']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"small"/);
  assert.match(r.stdout, /"large"/);
});

function writeCsv(name: string, text: string): { dir: string; file: string } {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, name), text);
  return { dir, file: name };
}

const unequal = 'id,x,t\na,1,0\na,2,0\na,3,1\nb,4,0\nb,5,1\nc,6,0\nc,7,0\nc,8,0\n';

const errors: { name: string; args: (file: string) => string[]; csv: string; code: number; message: (file: string) => string }[] = [
  {
    name: 'sequences of unequal lengths',
    csv: unequal,
    args: (f) => ['train', f, '--sequence-column', 'id', '--target', 't', '--features', 'x', '--test', '1'],
    code: 3,
    message: (f) =>
      `${f}:5: sequence "b" has 2 rows, but the first sequence ("a") has 3; every sequence must have the same number of rows, or use --lags n to use the last n rows of each`,
  },
  {
    name: 'a --lags longer than a sequence',
    csv: unequal,
    args: (f) => ['train', f, '--sequence-column', 'id', '--target', 't', '--features', 'x', '--test', '1', '--lags', '3'],
    code: 3,
    message: (f) => `${f}:5: sequence "b" has 2 rows, fewer than --lags 3`,
  },
  {
    name: 'the target among the features of whole sequences',
    csv: unequal,
    args: (f) => ['train', f, '--sequence-column', 'id', '--target', 't', '--features', 'x,t', '--test', '1'],
    code: 2,
    message: () =>
      'the target column "t" is read on each sequence\'s last row, so it cannot also be a feature (that would hand the answer to the network); leave it out of --features',
  },
  {
    name: '--sequence-column with --layout wide',
    csv: unequal,
    args: (f) => ['train', f, '--sequence-column', 'id', '--layout', 'wide'],
    code: 2,
    message: () => '--sequence-column and --layout wide are two layouts of whole sequences; give one',
  },
  {
    name: 'a non-numeric time step in the wide layout',
    csv: 'y,a,b\n1,2,x\n2,3,y\n',
    args: (f) => ['train', f, '--layout', 'wide'],
    code: 2,
    message: () => '--layout wide reads numeric time steps, but column "b" is not numeric; leave it out of --features',
  },
];

for (const c of errors) {
  test(`error: ${c.name}`, async () => {
    const { dir, file } = writeCsv('s.csv', c.csv);
    const r = await runCli([...c.args(file), ...quick], { cwd: dir });
    assert.equal(r.stderr, `rnnfc: error: ${c.message(file)}\n`);
    assert.equal(r.code, c.code);
    assert.equal(r.stdout, '');
  });
}

test('error: a --test-file whose columns differ from the training file', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.csv'), 'y,x,z\n1,2,3\n2,3,4\n3,4,5\n4,5,6\n');
  fs.writeFileSync(path.join(dir, 'b.csv'), 'y,x\n1,2\n2,3\n3,4\n');
  const r = await runCli(['train', 'a.csv', '--target', 'y', '--features', 'x,z', '--test-file', 'b.csv', ...quick], { cwd: dir });
  assert.equal(r.stderr, 'rnnfc: error: --test-file b.csv: column "z" is missing; it must have the training file\'s columns\n');
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
});

test('errors of forecast with a sequence model: no CSV, --horizon, and sequences of another length', async () => {
  const { dir } = await trainSaved([sine, ...wide, ...quick]);
  const none = await runCli(['forecast', 'm'], { cwd: dir });
  assert.equal(none.stderr, 'rnnfc: error: m was trained on whole sequences: it predicts one value for each sequence of a CSV; give one (rnnfc forecast m FILE)\n');
  assert.equal(none.code, 2);
  assert.equal(none.stdout, '');
  const horizon = await runCli(['forecast', 'm', sine, '--horizon', '2'], { cwd: dir });
  assert.equal(horizon.stderr, 'rnnfc: error: --horizon: m was trained on whole sequences and predicts one value for each; leave --horizon out\n');
  assert.equal(horizon.code, 2);
  fs.writeFileSync(path.join(dir, 'short.csv'), 'frequency,x1,x2\n1,0.5,0.1\n');
  const short = await runCli(['forecast', 'm', 'short.csv'], { cwd: dir });
  assert.equal(short.stderr, 'rnnfc: error: feature "x3" not found in short.csv; columns are: "frequency", "x1", "x2"\n');
  assert.equal(short.code, 3);
  assert.equal(short.stdout, '');
});

test('a long-layout model: predictions on stdout, and a forecast CSV whose sequences have another length is a data error', async () => {
  const dir = tempDir();
  const csv = (lengths: number[]) =>
    'id,x,t\n' + lengths.flatMap((n, k) => Array.from({ length: n }, (_, i) => `q${k + 1},${(k * 7 + i * 3) % 5},${k % 2}`)).join('\n') + '\n';
  fs.writeFileSync(path.join(dir, 'train.csv'), csv([3, 3, 3, 3, 3, 3]));
  const t = await runCli(['train', 'train.csv', '--sequence-column', 'id', '--target', 't', '--features', 'x', '--test', '2', ...quick, '--batch-size', '1', '--out', 'm', '--predictions', '-'], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  const rows = csvRows(t.stdout);
  assert.deepEqual(rows[0], ['sequence', 'actual', 'predicted', 'error']);
  assert.deepEqual(rows.slice(1).map((r) => r[0]), ['q5', 'q6']);
  fs.writeFileSync(path.join(dir, 'new.csv'), csv([3, 4]));
  const f = await runCli(['forecast', 'm', 'new.csv'], { cwd: dir });
  assert.equal(f.stderr, 'rnnfc: error: new.csv:5: sequence "q2" has 4 rows, but the model reads sequences of 3 rows; every sequence must have that many\n');
  assert.equal(f.code, 3);
  assert.equal(f.stdout, '');
  // without the target column: the model's input columns are enough
  fs.writeFileSync(path.join(dir, 'inputs.csv'), 'id,x\na,1\na,2\na,3\nb,3\nb,2\nb,1\n');
  const ok = await runCli(['forecast', 'm', 'inputs.csv', '--format', 'csv'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual([...forecastValues(ok.stdout).keys()], ['a', 'b']);
});
