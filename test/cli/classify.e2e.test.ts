// Classification end to end: the occupancy set-up on a slice of its files, whole labelled
// sequences, per-step labels, class weights, saved classifiers, and the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const train = fixture('occupancy-slice-train.csv');
const testFile = fixture('occupancy-slice-test.csv');
const occupancy = ['--task', 'classify', '--target', 'Occupancy', '--features', 'Temperature,Humidity,Light,CO2,HumidityRatio', '--lags', '10', '--horizon', '0', '--test-file', testFile];
const quick = ['--units', '4', '--batch-size', '32', '--lr', '0.01', '--epochs', '5'];

test('the occupancy set-up prints accuracy, balanced accuracy, F1, log loss, the confusion matrix and both baselines', async () => {
  const r = await runCli(['train', train, ...occupancy, ...quick, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  for (const row of ['accuracy', 'balanced accuracy', 'macro F1', 'log loss', 'ROC AUC', 'majority baseline', 'persistence baseline', 'best baseline', 'confusion matrix (rows actual, columns predicted)', 'actual \\ predicted']) {
    assert.ok(r.stdout.includes(row), `no "${row}" in\n${r.stdout}`);
  }
  assert.match(r.stdout, /task\s+│ classify 2 classes \(0, 1\), a label per sample; sigmoid head, binary-crossentropy/);
  assert.match(r.stdout, /samples\s+│ \[982, 10, 5\] -> \[1\]/);
});

test('--format json: the classification fields, the confusion matrix over every test sample, both baselines scored alike', async () => {
  const r = await runCli(['train', train, ...occupancy, ...quick, '--format', 'json', '-q']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.task, 'classify');
  assert.deepEqual(j.classes, ['0', '1']);
  for (const key of ['accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss', 'roc_auc']) assert.equal(typeof j[key], 'number', key);
  assert.deepEqual(j.confusion.labels, ['0', '1']);
  // 400 test rows, 10 lags: 391 test samples
  assert.equal(j.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0), 391);
  const correct = j.confusion.matrix[0][0] + j.confusion.matrix[1][1];
  assert.ok(Math.abs(j.accuracy - correct / 391) < 1e-12);
  assert.deepEqual(j.baselines.map((b: { name: string }) => b.name), ['majority', 'persistence']);
  for (const b of j.baselines) assert.deepEqual(Object.keys(b), ['name', 'accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss']);
  // 186 of the test labels are 0, 205 of the windowed ones 1: the majority class of the training slice is 1
  assert.equal(j.best_baseline, 'persistence');
  assert.ok(Math.abs(j.best_baseline_skill - (1 - (1 - j.accuracy) / (1 - j.baselines[1].accuracy))) < 1e-9);
  assert.equal(j.predictions.length, 391);
  assert.deepEqual(Object.keys(j.predictions[0].probabilities), ['0', '1']);
});

test('a non-numeric label column chooses classification with a note on stderr; three classes train a softmax', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'rooms.csv');
  const rows = Array.from({ length: 60 }, (_, i) => {
    const c = ['empty', 'meeting', 'cleaning'][Math.floor(i / 4) % 3]!;
    return `${i},${c === 'meeting' ? 800 + (i % 3) : 400},${c === 'cleaning' ? 300 : 0},${c}`;
  });
  fs.writeFileSync(file, `minute,co2,light,room\n${rows.join('\n')}\n`);
  const r = await runCli(['train', file, '--target', 'room', '--features', 'co2,light', '--lags', '2', '--horizon', '0', '--test', '10', ...quick, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /rnnfc: note: the target column "room" is not numeric \(e\.g\. "empty"\): classification was chosen \(use --task classify to say so\)/);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.classes, ['empty', 'meeting', 'cleaning']);
  assert.equal(j.head, 'softmax');
  assert.equal(j.shape.outputs, 3);
  assert.equal('roc_auc' in j, false);
  assert.equal(j.confusion.matrix.length, 3);
});

test('whole sequences: one label per sequence, only the majority baseline; --labels per-step scores every step', async () => {
  const seq = ['--sequence-column', 'sequence', '--task', 'classify', '--target', 'label', '--features', 'x1,x2,x3', '--test', '20', '--units', '4', '--batch-size', '16', '--epochs', '1'];
  const one = await runCli(['train', fixture('sequence-labels.csv'), ...seq, '--format', 'json', '-q']);
  assert.equal(one.code, 0, one.stderr);
  const a = JSON.parse(one.stdout);
  assert.deepEqual(a.shape, { steps: 100, features: 3, outputs: 1 });
  assert.equal(a.test_targets, 20);
  assert.deepEqual(a.baselines.map((b: { name: string }) => b.name), ['majority']);
  const steps = await runCli(['train', fixture('sequence-labels.csv'), ...seq, '--labels', 'per-step', '--class-weight', 'balanced', '--format', 'json', '-q']);
  assert.equal(steps.code, 0, steps.stderr);
  const b = JSON.parse(steps.stdout);
  assert.equal(b.labels, 'per-step');
  assert.equal(b.test_targets, 2000);
  assert.equal(b.confusion.matrix.flat().reduce((x: number, y: number) => x + y, 0), 2000);
  assert.deepEqual(Object.keys(b.class_weights), ['0', '1']);
});

test('--predictions writes each test target\'s class probabilities and predicted class', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'p.csv');
  const r = await runCli(['train', train, ...occupancy, ...quick, '--predictions', out, '-q', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'origin,time,actual,predicted,p_0,p_1');
  assert.equal(lines.length, 392);
  const [, , actual, predicted, p0, p1] = lines[1]!.split(',');
  assert.ok(['0', '1'].includes(actual!));
  assert.equal(predicted, Number(p1) > Number(p0) ? '1' : '0');
  assert.ok(Math.abs(Number(p0) + Number(p1) - 1) < 1e-6);
});

const ERRORS: { name: string; args: string[]; code: number; message: string; csv?: string }[] = [
  {
    name: 'an unknown --task',
    args: ['--task', 'cluster'],
    code: 2,
    message: '--task must be one of classify, regress, got cluster',
  },
  {
    name: '--labels per-step with --task regress',
    args: ['--task', 'regress', '--labels', 'per-step'],
    code: 2,
    message: '--labels per-step applies to classification; it cannot be used with --task regress',
  },
  {
    name: '--class-weight balanced with --task regress',
    args: ['--task', 'regress', '--class-weight', 'balanced'],
    code: 2,
    message: '--class-weight balanced applies to classification; it cannot be used with --task regress',
  },
  {
    name: '--interval on a classifier',
    args: [...occupancy, '--interval', '0.8'],
    code: 2,
    message: '--interval applies to regression: a classifier gives class probabilities, not a value to put an interval around',
  },
  {
    name: 'the label as a feature with --horizon 0',
    args: ['--task', 'classify', '--target', 'Occupancy', '--features', 'Light,Occupancy', '--lags', '3', '--horizon', '0'],
    code: 2,
    message: 'the label column "Occupancy" is read on the window\'s own last row, so it cannot also be a feature (that would hand the answer to the network); leave it out of --features',
  },
];

for (const e of ERRORS) {
  test(`train with ${e.name}: exit ${e.code}, one line on stderr`, async () => {
    const r = await runCli(['train', train, ...e.args, ...quick]);
    assert.equal(r.stderr, `rnnfc: error: ${e.message}\n`);
    assert.equal(r.code, e.code);
    assert.equal(r.stdout, '');
  });
}

test('a one-hot row with two classes set, and a label first seen in the test file: exit 3 naming the row', async () => {
  const dir = tempDir();
  const meter = path.join(dir, 'meter.csv');
  const rows = Array.from({ length: 30 }, (_, i) => `${200 + i * 40},${i % 3 === 0 ? 1 : 0},${i % 3 === 1 ? 1 : 0},${i === 7 ? 1 : 0}`);
  fs.writeFileSync(meter, `reading,kettle,oven,fridge\n${rows.join('\n')}\n`);
  const two = await runCli(['train', meter, '--target', 'kettle,oven,fridge', '--features', 'reading', '--lags', '5', '--horizon', '0', ...quick]);
  assert.equal(two.stderr, `rnnfc: error: ${meter}:9: columns "oven" and "fridge" are both 1; a one-hot target sets at most one column per row\n`);
  assert.equal(two.code, 3);
  const extra = path.join(dir, 'extra.csv');
  fs.writeFileSync(extra, fs.readFileSync(testFile, 'utf8').replace(/,1\n/, ',2\n'));
  const unseen = await runCli(['train', train, ...occupancy.slice(0, -1), extra, ...quick]);
  assert.match(unseen.stderr, new RegExp(`^rnnfc: error: ${extra.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: column "Occupancy": label "2" was not seen in the training rows \\(classes: 0, 1\\)\\n$`));
  assert.equal(unseen.code, 3);
});

test('a saved classifier keeps its classes and head, and forecast gives the last row\'s class probabilities exactly as the test predicted them', async () => {
  const dir = tempDir();
  const model = path.join(dir, 'm');
  const predictions = path.join(dir, 'p.csv');
  const r = await runCli(['train', train, ...occupancy, ...quick, '--out', model, '--predictions', predictions, '-q', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const meta = JSON.parse(fs.readFileSync(path.join(model, 'rnnfc.json'), 'utf8'));
  assert.deepEqual(meta.task, { kind: 'classify', classes: ['0', '1'], labels: 'per-sample', head: 'sigmoid', targetColumns: ['Occupancy'] });
  assert.equal(meta.network.head, 'sigmoid');
  assert.equal(meta.training.loss, 'binary-crossentropy');
  // the first 50 test rows: the window ending on the 50th row
  const history = path.join(dir, 'h.csv');
  const lines = fs.readFileSync(testFile, 'utf8').split('\n');
  fs.writeFileSync(history, lines.slice(0, 51).join('\n') + '\n');
  const f = await runCli(['forecast', model, history, '--format', 'json']);
  assert.equal(f.code, 0, f.stderr);
  const j = JSON.parse(f.stdout);
  const time = lines[50]!.split(',')[0]!;
  assert.equal(j.time, time);
  const row = fs.readFileSync(predictions, 'utf8').split('\n').find((l) => l.startsWith(`${time},`))!.split(',');
  assert.deepEqual(j.classes, ['0', '1']);
  assert.equal(j.probabilities['1'], Number(row[5]));
  assert.equal(j.predicted, row[3]);
  const csvOut = await runCli(['forecast', model, history, '--format', 'csv']);
  assert.equal(csvOut.stdout.split('\n')[0], 'time,p_0,p_1,predicted');
  const noCsv = await runCli(['forecast', model]);
  assert.equal(noCsv.stderr, `rnnfc: error: ${model} is a classifier: give the rows to classify as a CSV with its input columns ("Temperature", "Humidity", "Light", "CO2", "HumidityRatio")\n`);
  assert.equal(noCsv.code, 2);
});

test('forecast of a classifier of whole sequences: each sequence of the CSV classified, wide or long layout, as the test predicted it', async () => {
  const dir = tempDir();
  // wide: each row a sequence of 6 steps, rising for "up", falling for "down"
  const wide = path.join(dir, 'wide.csv');
  const rows = Array.from({ length: 60 }, (_, r) => {
    const up = r % 2 === 0;
    return [up ? 'up' : 'down', ...Array.from({ length: 6 }, (_, i) => ((up ? i : -i) + ((r * 7 + i * 3) % 5) / 20).toFixed(2))].join(',');
  });
  const head = `label,${Array.from({ length: 6 }, (_, i) => `t${i}`).join(',')}`;
  fs.writeFileSync(wide, `${head}\n${rows.join('\n')}\n`);
  const last = path.join(dir, 'last.csv');
  fs.writeFileSync(last, `${head}\n${rows.slice(-5).join('\n')}\n`);
  const long = ['--task', 'classify', '--sequence-column', 'sequence', '--target', 'label', '--features', 'x1,x2,x3', '--epochs', '3', '--units', '4'];
  const file = fixture('sequence-labels.csv');
  const tail = path.join(dir, 'tail.csv');
  const all = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  fs.writeFileSync(tail, [all[0], ...all.slice(-300)].join('\n') + '\n');
  for (const [name, args, input] of [
    ['wide', ['train', wide, '--layout', 'wide', '--test', '10', '--epochs', '30', '--units', '4'], last],
    ['long', ['train', file, ...long], tail],
  ] as const) {
    const model = path.join(dir, `m-${name}`);
    const predictions = path.join(dir, `p-${name}.csv`);
    const t = await runCli([...args, '--out', model, '--predictions', predictions, '-q']);
    assert.equal(t.code, 0, t.stderr);
    const f = await runCli(['forecast', model, input, '--format', 'csv']);
    assert.equal(f.code, 0, f.stderr);
    assert.equal(f.stderr, '');
    const out = f.stdout.trimEnd().split('\n');
    const classes = out[0]!.split(',').slice(1, -1).map((h) => h.slice(2));
    assert.equal(out[0], `sequence,${classes.map((c) => `p_${c}`).join(',')},predicted`);
    // the test's predictions: origin,time,actual,predicted,p_...; the last sequences of both files are the same
    const predicted = fs.readFileSync(predictions, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
    const lastIds = name === 'wide' ? ['56', '57', '58', '59', '60'] : ['s098', 's099', 's100'];
    assert.equal(out.length - 1, lastIds.length, f.stdout);
    out.slice(1).forEach((line, k) => {
      const fields = line.split(',');
      const expected = predicted[predicted.length - lastIds.length + k]!;
      // wide: the new file numbers its rows from 1; long: the sequence ids themselves
      assert.equal(fields[0], name === 'wide' ? String(k + 1) : lastIds[k], line);
      assert.deepEqual(fields.slice(1, -1).map(Number), expected.slice(4).map(Number), `${name} sequence ${expected[1]}`);
      assert.equal(fields.at(-1), expected[3]);
    });
    const j = JSON.parse((await runCli(['forecast', model, input, '--format', 'json'])).stdout);
    assert.equal(j.task, 'classify');
    assert.equal(j.sequences.length, lastIds.length);
    assert.deepEqual(Object.keys(j.sequences[0].probabilities), classes);
  }
  const none = await runCli(['forecast', path.join(dir, 'm-wide')]);
  assert.equal(none.stderr, `rnnfc: error: ${path.join(dir, 'm-wide')} is a classifier: give the rows to classify as a CSV with its input columns ("t0", "t1", "t2", "t3", "t4", "t5")\n`);
  assert.equal(none.code, 2);
});

test('prepare shows the classes, how labels are encoded and the per-step label columns', async () => {
  const args = ['prepare', train, '--task', 'classify', '--target', 'Occupancy', '--features', 'Light,CO2', '--lags', '2', '--horizon', '0', '--test', '5'];
  const r = await runCli([...args, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes('classes: "0" (290 training targets), "1" (304 training targets), in the order first seen in the training rows; from column "Occupancy"'), r.stdout);
  assert.ok(r.stdout.includes('a label per sample; labels encoded as the class index ("0" = 0, "1" = 1), a sigmoid head giving the probability of "1"; labels are not scaled'));
  assert.ok(r.stdout.includes('samples: [samples, steps, features] -> [outputs] = [599, 2, 2] -> [1]'));
  const steps = await runCli([...args, '--labels', 'per-step', '--format', 'csv']);
  assert.equal(steps.code, 0, steps.stderr);
  assert.equal(steps.stdout.split('\n')[0], 'time,Light(t-1),CO2(t-1),Light(t),CO2(t),label(t-1),label(t),set');
});

test('compare ranks classifier runs by log loss by default, accuracy shown; --metric accuracy; a regression metric is a UsageError', async () => {
  const study = ['compare', train, '--task', 'classify', '--target', 'Occupancy', '--features', 'Light,CO2', '--lags', '5', '--horizon', '0', '--test', '100', '--batch-size', '32', '--lr', '0.01', '--epochs', '2', '--variant', 'small=--units 2', '--variant', 'large=--units 4', '--repeats', '2', '-q'];
  const r = await runCli([...study, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.metric, 'log_loss');
  assert.deepEqual(j.experiments.map((e: { name: string; count: number }) => [e.name, e.count]), [['small', 2], ['large', 2]]);
  assert.equal(typeof j.experiments[1].p_welch, 'number');
  assert.deepEqual(j.accuracy.map((a: { name: string }) => a.name), ['small', 'large']);
  assert.ok(j.accuracy.every((a: { mean: number }) => a.mean >= 0 && a.mean <= 1));
  // the baselines of the study are those train shows for the same data and split
  const single = JSON.parse((await runCli(['train', ...study.slice(1, 20), '--units', '2', '--format', 'json'])).stdout);
  assert.deepEqual(j.baselines, single.baselines.map((b: Record<string, number | string>) => ({ name: b.name, log_loss: b.log_loss, accuracy: b.accuracy, balanced_accuracy: b.balanced_accuracy, f1_macro: b.f1_macro })));
  assert.deepEqual(j.baselines.map((b: { name: string }) => b.name), ['majority', 'persistence']);
  const lowest = [...j.baselines].sort((a: { log_loss: number }, b: { log_loss: number }) => a.log_loss - b.log_loss)[0];
  assert.equal(j.best_baseline, lowest.name);
  const table = await runCli([...study, '--format', 'table']);
  assert.ok(table.stdout.startsWith('test log loss over repeats (p-values against "small")'), table.stdout);
  assert.match(table.stdout, /\nbaselines: majority log loss \d+\.\d+, persistence log loss \d+\.\d+\n/);
  assert.match(table.stdout, /mean test accuracy: small \d\.\d{3}, large \d\.\d{3}/);
  const acc = await runCli([...study, '--metric', 'accuracy', '--format', 'json']);
  assert.equal(JSON.parse(acc.stdout).metric, 'accuracy');
  const rmse = await runCli([...study, '--metric', 'rmse']);
  assert.equal(rmse.stderr, 'rnnfc: error: --metric rmse is a regression metric, but the experiments classify "Occupancy"; use one of log_loss, accuracy, balanced_accuracy, f1_macro\n');
  assert.equal(rmse.code, 2);
});

test('--layout wide: each row one sequence labelled by its first column, classified from its time-step columns', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'wide.csv');
  const rows = Array.from({ length: 40 }, (_, r) => {
    const up = r % 3 !== 0;
    // every row the same wave, whatever its label: nothing tells the classes apart
    return [up ? 'up' : 'down', ...Array.from({ length: 6 }, (_, i) => i + (i % 2) / 10)].join(',');
  });
  fs.writeFileSync(file, `label,${Array.from({ length: 6 }, (_, i) => `t${i}`).join(',')}\n${rows.join('\n')}\n`);
  const r = await runCli(['train', file, '--layout', 'wide', '--test', '10', '--epochs', '2', '--units', '2', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /rnnfc: note: the target column "label" is not numeric \(e\.g\. "down"\): classification was chosen/);
  // identical inputs get identical outputs: both pitfall warnings fire
  assert.ok(r.stderr.includes('rnnfc: warning: every test prediction is class "up": the model always predicts one class; try --class-weight balanced if the classes are imbalanced, another --seed, more --epochs or another --lr\n'), r.stderr);
  assert.ok(r.stderr.includes('rnnfc: warning: the balanced accuracy 0.500 is at chance level (0.500 for 2 classes): the model does not tell the classes apart; check that the features carry the label, and try more --epochs or another --lr\n'));
  assert.doesNotMatch(r.stderr, /no time column found/);
  const j = JSON.parse(r.stdout);
  // in the order first seen: the first row is "down"
  assert.deepEqual(j.classes, ['down', 'up']);
  assert.deepEqual(j.shape, { steps: 6, features: 1, outputs: 1 });
  assert.equal(j.test_targets, 10);
  assert.deepEqual(j.baselines.map((b: { name: string }) => b.name), ['majority']);
});

test('--format csv: one row of the classification metrics and each baseline\'s; --validation watches the cross-entropy of the held-out windows', async () => {
  const r = await runCli(['train', train, ...occupancy, ...quick, '--validation', '10%', '--early-stopping', '3', '--format', 'csv', '-q']);
  assert.equal(r.code, 0, r.stderr);
  const [head, row] = r.stdout.trim().split('\n');
  assert.equal(head, 'file,engine,backend,epochs,seconds,accuracy,balanced_accuracy,f1_macro,log_loss,roc_auc,majority_accuracy,majority_log_loss,persistence_accuracy,persistence_log_loss,best_baseline');
  assert.equal(row!.split(',').at(-1), 'persistence');
  const j = JSON.parse((await runCli(['train', train, ...occupancy, ...quick, '--validation', '10%', '--format', 'json', '-q'])).stdout);
  assert.equal(j.validation_rows, 59);
  // a cross-entropy: positive, and far below the 16.1 of a certain wrong answer
  assert.ok(j.history.every((h: { val_loss: number }) => h.val_loss > 0 && h.val_loss < 2));
});
