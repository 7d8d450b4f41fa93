// Many input columns and multi-step horizons, end to end: train, save, forecast and the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const pollution = fixture('pollution-500.csv');
const quick = ['--units', '4', '--epochs', '2', '--batch-size', '16'];
const setup = ['--target', 'pollution', '--features', 'all', '--lags', '3', '--horizon', '2', '--diff', '0', '--test', '100'];

test('train with every column, 3 lags and a 2-step horizon: shapes, counts, per-step metrics beside persistence', async () => {
  const r = await runCli(['train', pollution, ...setup, ...quick, '--format', 'json', '-q']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  // 11 inputs: 7 numeric columns and wnd_dir one-hot over its 4 categories
  assert.deepEqual(j.shape, { steps: 3, features: 11, outputs: 2 });
  // 500 rows - 3 lags - 2 steps + 1 = 496 samples; 100 test; 1 training sample dropped
  assert.deepEqual(j.samples, { train: 395, test: 100 });
  assert.equal(j.by_step.length, 2);
  assert.equal(j.predictions.length, 200);
  assert.deepEqual(j.predictions.slice(0, 2).map((p: { step: number }) => p.step), [1, 2]);
  assert.equal(j.best_baseline, 'persistence');
  assert.ok(j.by_step[1].persistence_rmse > j.by_step[0].persistence_rmse, 'two hours ahead persistence is worse than one');
  assert.ok(Math.abs(j.skill - (1 - j.rmse / j.persistence_rmse)) < 1e-12);
});

test('a saved window model forecasts from a CSV exactly what walk-forward predicted from the same origin, with continued hourly labels', async () => {
  const dir = tempDir();
  const t = await runCli(['train', pollution, ...setup, ...quick, '--out', 'm', '--predictions', 'p.csv', '-q'], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  const rows = fs.readFileSync(path.join(dir, 'p.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const lastOrigin = rows[rows.length - 1]![0]!;
  assert.equal(lastOrigin, '2010-01-22 17:00:00');
  // the CSV up to the last origin (header + 498 rows)
  const lines = fs.readFileSync(pollution, 'utf8').split('\n');
  fs.writeFileSync(path.join(dir, 'upto.csv'), lines.slice(0, 499).join('\n') + '\n');
  const f = await runCli(['forecast', 'm', 'upto.csv', '--format', 'csv'], { cwd: dir });
  assert.equal(f.code, 0, f.stderr);
  const out = f.stdout.trim().split('\n');
  assert.deepEqual(out.slice(1).map((l) => l.split(',')[1]), ['2010-01-22 18:00:00', '2010-01-22 19:00:00']);
  const expected = rows.filter((r) => r[0] === lastOrigin).map((r) => Number(r[4]));
  out.slice(1).forEach((l, i) => assert.ok(Math.abs(Number(l.split(',')[2]) - expected[i]!) < 1e-6, `${l} vs ${expected[i]}`));
  // from the history stored with the model: the two hours after the last row
  const stored = await runCli(['forecast', 'm', '--format', 'json'], { cwd: dir });
  assert.equal(stored.code, 0, stored.stderr);
  assert.deepEqual(JSON.parse(stored.stdout).forecasts.map((p: { time: string }) => p.time), ['2010-01-22 20:00:00', '2010-01-22 21:00:00']);
  const fromCsv = await runCli(['forecast', 'm', pollution, '--format', 'json'], { cwd: dir });
  assert.deepEqual(JSON.parse(fromCsv.stdout).forecasts, JSON.parse(stored.stdout).forecasts);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'm', 'rnnfc.json'), 'utf8'));
  assert.equal(meta.formatVersion, 2);
  assert.equal(meta.pipeline.horizon, 2);
  assert.deepEqual(meta.pipeline.features[4], { column: 'wnd_dir', kind: 'one-hot', categories: ['NE', 'NW', 'SE', 'cv'] });
  assert.deepEqual(meta.data.roles.pollution, ['target', 'feature']);

  const far = await runCli(['forecast', 'm', '--horizon', '5'], { cwd: dir });
  assert.equal(far.code, 2);
  assert.equal(
    far.stderr,
    'rnnfc: error: --horizon 5 is more than the 2 steps this model forecasts at once, and its inputs include "dew", "temp", "press", "wnd_dir", "wnd_spd", "snow", "rain", ' +
      'whose future values are unknown, so its forecasts cannot be fed back; retrain with --horizon 5, or forecast at most 2 steps\n',
  );
  assert.equal(far.stdout, '');
});

test('prepare shows the roles, encodings, sample shape and split', async () => {
  const r = await runCli(['prepare', pollution, ...setup, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^.*pollution-500\.csv: target "pollution", time "date"\n/);
  assert.match(r.stdout, /\ncolumns: pollution \(target, feature\); dew \(feature\); .*wnd_dir \(feature, categories\)/);
  assert.match(r.stdout, /\n  wnd_dir: one-hot over 4 categories \(NE, NW, SE, cv\); a category not seen in training is all zeros\n/);
  // with inputs besides the target, minmax scales to [0, 1] unless --range says otherwise
  assert.match(r.stdout, /\n  target pollution: none, minmax to \[0, 1\] \(min \d+, max \d+\); forecasts are un-scaled/);
  assert.match(r.stdout, /\n  dew: none, minmax to \[0, 1\] \(min -?\d+, max -?\d+\)\n/);
  const ranged = await runCli(['prepare', pollution, ...setup, '--range', '-1,1', '--format', 'table']);
  assert.match(ranged.stdout, /\n  target pollution: none, minmax to \[-1, 1\] \(min \d+, max \d+\); forecasts are un-scaled/);
  assert.match(r.stdout, /\nsamples: \[samples, steps, features\] -> \[h\] = \[495, 3, 11\] -> \[2\]\n/);
  assert.match(r.stdout, /\n500 observations, 496 samples: 395 train, 100 test, 1 dropped so that no target is shared with the test\n/);
  assert.match(r.stdout, /│ pollution\(t-3\)\s+│ dew\(t-3\)/);
  assert.match(r.stdout, /│ y\(t\)\s+│ y\(t\+1\)\s+│ set/);
});

const errors: { name: string; args: string[]; code: number; message: string }[] = [
  {
    name: '--horizon 0 with the target among the features',
    args: ['--target', 'pollution', '--features', 'pollution,dew', '--horizon', '0'],
    code: 2,
    message:
      '--horizon 0 predicts the target on the window\'s own last row, so the target column "pollution" cannot also be a feature (that would hand the answer to the network); leave it out of --features',
  },
  {
    name: 'an unknown feature',
    args: ['--target', 'pollution', '--features', 'dew,presure'],
    code: 2,
    message: 'feature "presure" not found in $FILE; columns are: "date", "pollution", "dew", "temp", "press", "wnd_dir", "wnd_spd", "snow", "rain"',
  },
  {
    name: 'a non-numeric target with --task regress',
    args: ['--target', 'wnd_dir', '--task', 'regress'],
    code: 2,
    message: 'the target column "wnd_dir" is not numeric (e.g. "SE"); choose a numeric column with --target, or leave out --task regress to classify its labels',
  },
  {
    name: 'a bad --transform',
    args: ['--transform', 'pollution=sqrt'],
    code: 2,
    message: '--transform must be one of diff, pct, log, none, or column=kind pairs (e.g. pollution=diff,temp=none), got "pollution=sqrt"',
  },
  {
    name: 'the log of a value of 0',
    args: ['--target', 'pollution', '--features', 'pollution,rain', '--transform', 'rain=log'],
    code: 3,
    message: '$FILE:2: column "rain": log of 0 is undefined (the log transform needs values above 0); use --transform diff or none for this column',
  },
  {
    name: 'a pct change from 0',
    args: ['--target', 'pollution', '--features', 'pollution,snow', '--transform', 'snow=pct'],
    code: 3,
    message: '$FILE:3: column "snow": the percentage change from 0 (the row before) is undefined; use --transform diff or none for this column',
  },
];

for (const e of errors) {
  test(`train: ${e.name} exits ${e.code} with one line and writes nothing`, async () => {
    const dir = tempDir();
    const r = await runCli(['train', pollution, ...e.args, ...quick, '--out', 'm'], { cwd: dir });
    assert.equal(r.code, e.code, r.stderr);
    assert.equal(r.stderr, `rnnfc: error: ${e.message.replace('$FILE', pollution)}\n`);
    assert.equal(r.stdout, '');
    assert.deepEqual(fs.readdirSync(dir), []);
  });
}

test('a bad value in the --test-file rows is reported at its line of the --test-file', async () => {
  const dir = tempDir();
  const rows = (from: number, n: number, x: (i: number) => number) => Array.from({ length: n }, (_, i) => `${from + i},${10 + ((i * 7) % 5)},${x(i)}`).join('\n');
  const train = path.join(dir, 'train.csv');
  const test = path.join(dir, 'test.csv');
  fs.writeFileSync(train, `t,y,x\n${rows(1, 30, (i) => 1 + (i % 3))}\n`);
  fs.writeFileSync(test, `t,y,x\n${rows(31, 10, (i) => (i === 2 ? 0 : 1 + (i % 3)))}\n`);
  const r = await runCli(['train', train, '--target', 'y', '--features', 'y,x', '--transform', 'x=log', '--time-column', 't', '--test-file', test, ...quick]);
  assert.equal(r.code, 3, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('rnnfc: error:')).join('\n'), `rnnfc: error: ${test}:4: column "x": log of 0 is undefined (the log transform needs values above 0); use --transform diff or none for this column`);
});
