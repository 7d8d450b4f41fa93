import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const quick = ['--stateful', '--reset=epoch', '--epochs', '100', '--seed', '1'];

test('train --format json reports the metrics, persistence 136.761, and the same numbers on a second run', async () => {
  const first = await runCli(['train', shampoo, ...quick, '--format', 'json']);
  assert.equal(first.code, 0, first.stderr);
  const r = JSON.parse(first.stdout);
  for (const key of ['rmse', 'mae', 'mape', 'persistence_rmse', 'skill', 'engine', 'backend', 'epochs', 'seconds', 'predictions']) {
    assert.ok(key in r, `missing ${key}`);
  }
  assert.equal(r.persistence_rmse.toFixed(3), '136.761');
  assert.equal(r.epochs, 100);
  assert.equal(r.predictions.length, 12);
  assert.deepEqual(Object.keys(r.predictions[0]), ['origin', 'step', 'time', 'actual', 'predicted']);
  assert.equal(r.predictions[0].time, '3-01');
  assert.ok(Math.abs(r.skill - (1 - r.rmse / r.persistence_rmse)) < 1e-12);
  // Holt-Winters (RMSE 89.777 on this test set) is the best of the default baselines here
  assert.equal(r.best_baseline, 'holt-winters');
  assert.deepEqual(r.samples, { train: 22, test: 12 });
  assert.deepEqual(r.shape, { steps: 1, features: 1, outputs: 1 });
  assert.deepEqual(Object.keys(r.by_step[0]), ['step', 'rmse', 'mae', 'mape', 'mase', 'persistence_rmse']);
  assert.equal(r.by_step[0].rmse, r.rmse);
  assert.deepEqual(r.baselines.map((b: { name: string }) => b.name), ['persistence', 'seasonal-naive', 'mean', 'holt-winters']);
  assert.equal(r.baselines[0].rmse, r.persistence_rmse);
  assert.equal(r.baselines[3].rmse.toFixed(3), '89.777');
  assert.ok(Math.abs(r.best_baseline_skill - (1 - r.rmse / r.baselines[3].rmse)) < 1e-12);

  const second = JSON.parse((await runCli(['train', shampoo, ...quick, '--format', 'json'])).stdout);
  for (const key of ['rmse', 'mae', 'mape', 'skill']) assert.equal(second[key], r[key], key);
  assert.deepEqual(second.predictions, r.predictions);
});

test('train prints CSV when stdout is not a terminal, progress and messages go to stderr, --quiet silences them', async () => {
  const r = await runCli(['train', shampoo, ...quick]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'file,engine,backend,epochs,seconds,rmse,mae,mape,persistence_rmse,skill,seasonal_naive_rmse,mean_rmse,holt_winters_rmse,best_baseline');
  assert.equal(lines.length, 2);
  assert.match(r.stderr, /^training lstm 1 on 22 rows with the \w+ engine/);
  const quiet = await runCli(['train', shampoo, ...quick, '-q']);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stderr, '');
});

test('train --predictions writes origin, step, time, actual, predicted, error; --plot draws a chart', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'pred.csv');
  const r = await runCli(['train', shampoo, ...quick, '--predictions', file, '--plot', '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'origin,step,time,actual,predicted,error');
  assert.equal(rows.length, 13);
  const [origin, step, time, actual, predicted, error] = rows[1]!.split(',');
  assert.deepEqual([origin, step, time], ['2-12', '1', '3-01']);
  assert.equal(Number(actual), 339.7);
  assert.ok(Math.abs(Number(actual) - Number(predicted) - Number(error)) < 1e-9);
  assert.match(r.stdout, /persistence RMSE\s*│\s*136\.761/);
  assert.match(r.stdout, /test rows 3-01 .. 3-12: actual\n/);
  assert.match(r.stdout, /\npredicted\n/);
  assert.doesNotMatch(r.stdout, /\x1b\[/, "no colour codes when stdout is not a terminal");
});

test('train reads the CSV from stdin when the file is -', async () => {
  const r = await runCli(['train', '-', ...quick, '--format', 'json', '-q'], { input: fs.readFileSync(shampoo, 'utf8') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).persistence_rmse.toFixed(3), '136.761');
});

test('train --out then forecast: 3 rows labelled 4-01..4-03, the same after reloading and from the stored history', async () => {
  const dir = tempDir();
  const model = path.join(dir, 'm');
  const t = await runCli(['train', shampoo, ...quick, '--out', model, '-q']);
  assert.equal(t.code, 0, t.stderr);
  const f1 = await runCli(['forecast', model, shampoo, '--horizon', '3', '--format', 'csv']);
  assert.equal(f1.code, 0, f1.stderr);
  const lines = f1.stdout.trim().split('\n');
  assert.equal(lines[0], 'step,time,value');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[1]), ['4-01', '4-02', '4-03']);
  lines.slice(1).forEach((l) => assert.ok(Number.isFinite(Number(l.split(',')[2]))));
  const f2 = await runCli(['forecast', model, shampoo, '--horizon', '3', '--format', 'csv']);
  assert.equal(f2.stdout, f1.stdout);
  const stored = await runCli(['forecast', model, '--horizon', '3', '--format', 'csv']);
  assert.equal(stored.stdout, f1.stdout);
  const json = JSON.parse((await runCli(['forecast', model, '--horizon', '2', '--format', 'json'])).stdout);
  assert.deepEqual(Object.keys(json.forecasts[0]), ['step', 'time', 'value']);
  const meta = JSON.parse(fs.readFileSync(path.join(model, 'rnnfc.json'), 'utf8'));
  assert.equal(meta.training.seed, 1);
  assert.equal(meta.formatVersion, 2);
  assert.equal(meta.pipeline.target.scaler.kind, 'minmax');
  assert.deepEqual(meta.data.roles, { Sales: ['target', 'feature'] });
  assert.match(meta.data.sha256, /^[0-9a-f]{64}$/);
});

test('forecast through the other engine gives the same values', async () => {
  const dir = tempDir();
  const model = path.join(dir, 'm');
  assert.equal((await runCli(['train', shampoo, ...quick, '--out', model, '-q'])).code, 0);
  const fused = await runCli(['forecast', model, '--horizon', '3', '--format', 'json', '--engine', 'fused']);
  const tfjs = await runCli(['forecast', model, '--horizon', '3', '--format', 'json', '--engine', 'tfjs', '--backend', 'cpu']);
  assert.equal(fused.code, 0, fused.stderr);
  assert.equal(tfjs.code, 0, tfjs.stderr);
  const a = JSON.parse(fused.stdout).forecasts;
  const b = JSON.parse(tfjs.stdout).forecasts;
  a.forEach((f: { value: number }, i: number) => assert.ok(Math.abs(f.value - b[i].value) < 1e-3, `${f.value} vs ${b[i].value}`));
});
