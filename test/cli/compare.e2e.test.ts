import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');

test('a small study: JSON summary, results and details files, box plots in the table output', async () => {
  const dir = tempDir();
  const results = path.join(dir, 'results.csv');
  const details = path.join(dir, 'details.csv');
  const study = path.join(dir, 'study.json');
  fs.writeFileSync(study, JSON.stringify({ defaults: { epochs: 60 }, experiments: { stateful: { stateful: true }, stateless: {} } }));
  const r = await runCli(['compare', shampoo, '--experiments', study, '--repeats', '3', '--jobs', '2', '--results', results, '--details', details, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.persistence_rmse.toFixed(3), '136.761');
  // the baselines of the first experiment's test rows, evaluated once (seasonal naive and mean by hand: see test/baselines)
  assert.equal(out.season, 12);
  assert.deepEqual(out.baselines.map((b: { name: string; rmse: number }) => [b.name, b.rmse.toFixed(3)]), [['persistence', '136.761'], ['seasonal-naive', '240.473'], ['mean', '271.092'], ['holt-winters', '89.777']]);
  // Holt-Winters by default on a 12-row test set (the README's baselines table gives 89.8 too)
  assert.equal(out.best_baseline, 'holt-winters');
  assert.deepEqual(out.experiments.map((e: { name: string }) => e.name), ['stateful', 'stateless']);
  for (const key of ['name', 'count', 'mean', 'std', 'min', 'q25', 'median', 'q75', 'max', 'p_welch', 'p_mannwhitney', 'p_wilcoxon']) {
    assert.ok(key in out.experiments[1], key);
  }
  assert.equal(out.experiments[0].count, 3);
  assert.equal(out.experiments[0].p_welch, null);
  assert.equal(typeof out.experiments[1].p_welch, 'number');

  const rows = fs.readFileSync(results, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'stateful,stateless');
  assert.equal(rows.length, 4);
  const rmse = rows.slice(1).map((row) => Number(row.split(',')[0]));
  assert.ok(Math.abs(rmse.reduce((s, v) => s + v, 0) / 3 - out.experiments[0].mean) < 1e-9);

  const d = fs.readFileSync(details, 'utf8').trim().split('\n');
  assert.equal(d[0], 'experiment,repeat,seed,engine,seconds,rmse,mae,mape,mase,error');
  assert.equal(d.length, 7);
  assert.match(d[1]!, /^stateful,1,1,fused,/);
  assert.match(d[3]!, /^stateful,3,3,fused,/);

  // Summarising the results file gives the same statistics.
  const again = await runCli(['compare', results, '--format', 'json']);
  assert.equal(again.code, 0, again.stderr);
  const summary = JSON.parse(again.stdout);
  assert.equal(summary.persistence_rmse, null);
  assert.equal(summary.experiments[1].mean, out.experiments[1].mean);
  assert.equal(summary.experiments[1].p_wilcoxon, out.experiments[1].p_wilcoxon);

  const table = await runCli(['compare', results, '--format', 'table']);
  assert.match(table.stdout, /stateful\s+[├o]/);
  assert.match(table.stdout, /p \(Wilcoxon\)/);
});

test('--variant parses train options; repeats are paired by seed and jobs do not change results', async () => {
  const dir = tempDir();
  const one = path.join(dir, 'one.csv');
  const two = path.join(dir, 'two.csv');
  const args = ['compare', shampoo, '--variant', 'stateful=--stateful --reset=epoch', '--variant', 'plain=', '--epochs', '40', '--repeats', '2', '-q'];
  const a = await runCli([...args, '--jobs', '1', '--results', one]);
  const b = await runCli([...args, '--jobs', '2', '--results', two]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(fs.readFileSync(one, 'utf8'), fs.readFileSync(two, 'utf8'));
  assert.equal(a.stdout.split('\n')[0], 'statistic,stateful,plain');
});

test('study errors are usage errors naming the experiment and key', async () => {
  const dir = tempDir();
  const study = path.join(dir, 'bad.json');
  fs.writeFileSync(study, JSON.stringify({ experiments: { quick: { epoch: 3 } } }));
  const r = await runCli(['compare', shampoo, '--experiments', study]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^rnnfc: error: .*bad\.json: experiment "quick": unknown option "epoch"; valid options are: target, column, /);
  const v = await runCli(['compare', shampoo, '--variant', 'x=--units 0']);
  assert.equal(v.code, 2);
  assert.equal(v.stderr, 'rnnfc: error: variant "x": --units must be a positive integer, got 0\n');
  const unknown = await runCli(['compare', shampoo, '--variant', 'x=--bogus']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, `rnnfc: error: variant "x": unknown option '--bogus'\n`);
});

test('an unwritable --results path fails before any run', async () => {
  const dir = tempDir();
  const target = path.join(dir, 'none', 'r.csv');
  const r = await runCli(['compare', shampoo, '--variant', 'a=', '--results', target]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `rnnfc: error: --results ${target}: the directory ${path.join(dir, 'none')} does not exist\n`);
  assert.equal(r.stdout, '');
});

test('compare on many columns and a 2-step horizon, ranked by --metric mae, beside the persistence MAE', async () => {
  const dir = tempDir();
  const r = await runCli(
    [
      'compare', fixture('pollution-500.csv'), '--variant', 'two=--units 2', '--variant', 'three=--units 3',
      '--target', 'pollution', '--features', 'all', '--lags', '2', '--horizon', '2', '--diff', '0', '--test', '50',
      '--epochs', '2', '--batch-size', '16', '--repeats', '2', '--jobs', '1', '--metric', 'mae', '--details', 'd.csv', '--format', 'json',
    ],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.metric, 'mae');
  assert.ok(out.persistence_mae > 0 && out.persistence_mae < out.persistence_rmse);
  const details = fs.readFileSync(path.join(dir, 'd.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const maes = details.filter((d) => d[0] === 'two').map((d) => Number(d[6]));
  assert.ok(Math.abs(out.experiments[0].mean - (maes[0]! + maes[1]!) / 2) < 1e-9, 'the statistics are of the MAE');
  const bad = await runCli(['compare', fixture('shampoo.csv'), '--variant', 'a=', '--metric', 'r2']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'rnnfc: error: --metric must be one of rmse, mae, mape, mase, log_loss, accuracy, balanced_accuracy, f1_macro, got r2\n');
});
