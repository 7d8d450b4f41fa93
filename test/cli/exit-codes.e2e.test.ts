// Exit codes a script can trust: data and model problems at forecast time, damaged model files,
// a compare whose experiment never ran, and bounds that keep a typo from exhausting memory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const quick = ['--epochs', '3', '--seed', '1'];
const root = tempDir('rnnfc-exit-codes-');
const model = path.join(root, 'model');

before(async () => {
  const r = await runCli(['train', shampoo, ...quick, '-q', '--out', model]);
  assert.equal(r.code, 0, r.stderr);
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

const shampooText = () => fs.readFileSync(shampoo, 'utf8');

test('forecast on a CSV whose target column was renamed is a data error, exit 3', async () => {
  const renamed = path.join(root, 'renamed.csv');
  fs.writeFileSync(renamed, shampooText().replace('"Sales"', '"Revenue"').replace(/^Month,Sales/, 'Month,Revenue'));
  const header = fs.readFileSync(renamed, 'utf8').split('\n')[0]!;
  assert.match(header, /Revenue/);
  const r = await runCli(['forecast', model, renamed, '--horizon', '2']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /^rnnfc: error: column "Sales" not found in .*renamed\.csv; columns are: .*"Revenue"\n$/);
  assert.equal(r.stdout, '');
});

test('forecast on too short a history is a data error (exit 3) from a CSV, a model error (exit 4) from the model', async () => {
  const short = path.join(root, 'short.csv');
  fs.writeFileSync(short, shampooText().split('\n').slice(0, 2).join('\n') + '\n');
  const r = await runCli(['forecast', model, short, '--horizon', '2']);
  assert.equal(r.code, 3, r.stderr);
  assert.equal(r.stderr, `rnnfc: error: ${short}: forecasting with this model needs at least 2 observations, found 1\n`);

  const damaged = path.join(root, 'short-history');
  fs.cpSync(fs.realpathSync(model), damaged, { recursive: true });
  const metaFile = path.join(damaged, 'rnnfc.json');
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  meta.history = { times: ['3-12'], values: [646.9] };
  fs.writeFileSync(metaFile, JSON.stringify(meta));
  const m = await runCli(['forecast', damaged, '--horizon', '2']);
  assert.equal(m.code, 4, m.stderr);
  assert.equal(m.stderr, `rnnfc: error: ${damaged}/rnnfc.json: forecasting with this model needs at least 2 observations, found 1\n`);
});

test('a hand-damaged rnnfc.json or model.json exits 4 naming the field, instead of forecasting NaN', async () => {
  const cases: [string, (meta: any, modelJson: any) => void, string][] = [
    ['scaler', (meta) => (meta.pipeline.target.scaler.kind = 'robust'), 'rnnfc.json: pipeline.target.scaler.kind must be one of minmax, standard, none, got "robust"'],
    ['range', (meta) => (meta.pipeline.features[0].scaler.range = [1, -1]), 'rnnfc.json: pipeline.features.0.scaler.range must be increasing, got [1,-1]'],
    ['units', (meta) => (meta.network.units = [3]), "model.json's recurrent layers (LSTM 1) disagree with rnnfc.json's network.cell and network.units (LSTM 3)"],
    ['layers', (_meta, modelJson) => (modelJson.modelTopology.config.layers[0].config.units = 4), "model.json's recurrent layers (LSTM 4) disagree with rnnfc.json's network.cell and network.units (LSTM 1)"],
  ];
  for (const [name, damage, message] of cases) {
    const dir = path.join(root, `damaged-${name}`);
    fs.cpSync(fs.realpathSync(model), dir, { recursive: true });
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'rnnfc.json'), 'utf8'));
    const modelJson = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    damage(meta, modelJson);
    fs.writeFileSync(path.join(dir, 'rnnfc.json'), JSON.stringify(meta));
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
    const r = await runCli(['forecast', dir, '--horizon', '2']);
    assert.equal(r.code, 4, `${name}: ${r.stderr}`);
    const where = message.startsWith('rnnfc.json') ? `${dir}/` : `${dir}: `;
    assert.equal(r.stderr, `rnnfc: error: ${where}${message}\n`);
    assert.equal(r.stdout, '');
  }
});

test('forecast --horizon is bounded, a usage error beyond 100000', async () => {
  const r = await runCli(['forecast', model, '--horizon', '100000000']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'rnnfc: error: --horizon must be an integer from 1 to 100000, got 100000000\n');
});

const DIVERGES = 'bad=--lr 1e6';
const DIVERGED = /^training diverged at epoch 1: /;

test('compare prints what it could, then exits with the failure of an experiment that never ran (5: diverged)', async () => {
  const r = await runCli(['compare', shampoo, '--variant', 'good=', '--variant', DIVERGES, '--repeats', '2', '--jobs', '1', ...quick, '--format', 'json']);
  assert.equal(r.code, 5, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.experiments.map((e: { name: string; count: number }) => [e.name, e.count]), [['good', 2], ['bad', 0]]);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('rnnfc: error: '));
  assert.equal(errors.length, 1);
  const prefix = 'rnnfc: error: experiment "bad" has no successful run; the first failure: ';
  assert.ok(errors[0]!.startsWith(prefix), errors[0]);
  assert.match(errors[0]!.slice(prefix.length), DIVERGED);

  const all = await runCli(['compare', shampoo, '--variant', DIVERGES, '--repeats', '2', '--jobs', '1', ...quick]);
  assert.equal(all.code, 5, all.stderr);
  assert.equal(all.stdout, '');

  // A results file whose column is empty: every run of that experiment failed.
  const results = path.join(root, 'results.csv');
  fs.writeFileSync(results, 'good,bad\n1.5,\n2.5,\n');
  const files = await runCli(['compare', results, '--format', 'json']);
  assert.equal(files.code, 3, files.stderr);
  assert.equal(JSON.parse(files.stdout).experiments[0].count, 2);
  assert.equal(files.stderr, 'rnnfc: error: experiment "bad" has no successful run; the first failure: every row of its column is empty\n');
});
