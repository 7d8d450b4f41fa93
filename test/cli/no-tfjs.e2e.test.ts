// The fused engine's path never loads TensorFlow.js: train (model files included), forecast, and
// every compare worker. The processes run with a loader hook that makes any import of a
// @tensorflow/ package fail; the tfjs engine under the same hook shows that the hook bites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const FORBID = ['--import', new URL('../helpers/forbid-tfjs.js', import.meta.url).href];
const LOADED = 'TensorFlow.js was loaded';

test('train and forecast with the fused engine load no TensorFlow.js, model files included', async () => {
  const dir = tempDir();
  const trained = await runCli(['train', shampoo, '--stateful', '--epochs', '5', '--out', 'm', '--predictions', 'p.csv', '-q'], { cwd: dir, nodeArgs: FORBID });
  assert.equal(trained.code, 0, trained.stderr);
  assert.equal(trained.stderr, '');
  assert.match(trained.stdout, /,fused,js,5,/);
  for (const f of ['model.json', 'weights.bin', 'rnnfc.json']) assert.ok(fs.existsSync(path.join(dir, 'm', f)), f);
  const forecast = await runCli(['forecast', 'm', shampoo, '--horizon', '3', '--format', 'csv'], { cwd: dir, nodeArgs: FORBID });
  assert.equal(forecast.code, 0, forecast.stderr);
  assert.equal(forecast.stderr, '');
  assert.equal(forecast.stdout.trim().split('\n').length, 4, forecast.stdout);
});

test('compare with the fused engine loads no TensorFlow.js in any worker', async () => {
  const r = await runCli(
    ['compare', shampoo, '--variant', 'stateless=--epochs 5', '--variant', 'stateful=--stateful --epochs 5', '--repeats', '2', '--jobs', '2', '--format', 'json', '-q'],
    { nodeArgs: FORBID },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const result = JSON.parse(r.stdout) as { experiments: { name: string; count: number }[] };
  assert.deepEqual(result.experiments.map((e) => [e.name, e.count]), [['stateless', 2], ['stateful', 2]]);
});

test('the tfjs engine under the same hook fails: the hook sees TensorFlow.js being loaded', async () => {
  const r = await runCli(['train', shampoo, '--engine', 'tfjs', '--backend', 'cpu', '--epochs', '1', '-q'], { nodeArgs: FORBID });
  assert.equal(r.code, 1, r.stderr);
  assert.ok(r.stderr.includes(LOADED), r.stderr);
});
