import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const study = ['--stateful', '--validation', '4', '--early-stopping', '50', '--interval', '0.8'];

test('train --validation --early-stopping --interval: json history, kept epoch, bounds on each prediction, coverage', async () => {
  const r = await runCli(['train', shampoo, ...study, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.stopped_early, true);
  assert.ok(j.kept_epoch < j.epochs);
  assert.equal(j.validation_rows, 4);
  assert.equal(j.history.length, j.epochs);
  assert.deepEqual(Object.keys(j.history[0]), ['epoch', 'loss', 'val_loss', 'lr']);
  assert.deepEqual(j.intervals.map((i: { level: number }) => i.level), [0.8]);
  assert.equal(j.interval_source, 'validation');
  const p = j.predictions[0];
  assert.ok(p.lower['0.8'] < p.predicted && p.predicted < p.upper['0.8']);
  const covered = j.predictions.filter((q: { actual: number; lower: Record<string, number>; upper: Record<string, number> }) => q.lower['0.8'] <= q.actual && q.actual <= q.upper['0.8']).length;
  assert.equal(j.intervals[0].coverage, covered / 12);
});

test('train table and csv say which epoch was kept and the interval coverage', async () => {
  const table = await runCli(['train', shampoo, ...study, '--format', 'table', '-q']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /│ epochs +│ \d+ of 1000 in [\d.]+ s \(stopped early: no better validation loss in the last 50\)/);
  assert.match(table.stdout, /│ kept epoch +│ \d+ \(validation loss [\d.]+, the best\)/);
  assert.match(table.stdout, /│ 80% interval +│ forecast ± [\d.]+ \(from 4 validation errors\); test coverage [\d.]+% \(\d+ of 12\)/);
  const csv = await runCli(['train', shampoo, ...study, '-q']);
  assert.equal(csv.stdout.split('\n')[0], 'file,engine,backend,epochs,seconds,rmse,mae,mape,persistence_rmse,skill,kept_epoch,val_loss,half_width_80,coverage_80,seasonal_naive_rmse,mean_rmse,holt_winters_rmse,best_baseline');
});

test('--predictions gets lower and upper columns; forecast --interval prints the bounds stored with the model', async () => {
  const dir = tempDir();
  const predictions = path.join(dir, 'p.csv');
  const out = path.join(dir, 'model');
  const r = await runCli(['train', shampoo, ...study, '--epochs', '60', '--predictions', predictions, '--out', out, '-q']);
  assert.equal(r.code, 0, r.stderr);
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(predictions, 'utf8').split('\n')[0], 'origin,step,time,actual,predicted,error,lower_80,upper_80');
  const f = await runCli(['forecast', out, '--horizon', '2', '--interval', '0.8', '--format', 'csv']);
  assert.equal(f.code, 0, f.stderr);
  assert.equal(f.stdout.split('\n')[0], 'step,time,value,lower_80,upper_80');
  assert.equal(
    f.stderr,
    'rnnfc: warning: the intervals of steps after the first use the one-step errors they were calibrated on; errors grow as a recursive forecast feeds on its own forecasts, so those intervals are too narrow\n',
  );
  const missing = await runCli(['forecast', out, '--horizon', '1', '--interval', '0.9']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr, `rnnfc: error: --interval 0.9: the model in ${out} stores intervals at 0.8 only; train it with --interval 0.8,0.9\n`);
});

test('--early-stopping without --validation and a bad --interval are usage errors', async () => {
  const r = await runCli(['train', shampoo, '--early-stopping', '10']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'rnnfc: error: --early-stopping needs --validation: it watches the loss on the held-out validation rows\n');
  const bad = await runCli(['train', shampoo, '--interval', '80']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'rnnfc: error: --interval must be levels between 0 and 1 (exclusive), separated by commas (e.g. 0.8,0.95), got 80\n');
});
