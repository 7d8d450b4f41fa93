import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');

test('usage errors exit 2 with one line and no stack trace', async () => {
  const unknown = await runCli(['train', shampoo, '--frobnicate']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr.split('\n')[0], "rnnfc: error: unknown option '--frobnicate' (see rnnfc --help)");
  assert.doesNotMatch(unknown.stderr, /\n\s+at /);

  const units = await runCli(['train', shampoo, '--units', '0']);
  assert.equal(units.code, 2);
  assert.equal(units.stderr, 'rnnfc: error: --units must be a positive integer, got 0\n');

  const conflict = await runCli(['train', shampoo, '--shuffle', '--stateful']);
  assert.equal(conflict.code, 2);
  assert.equal(
    conflict.stderr,
    'rnnfc: error: --shuffle cannot be used with --stateful: a stateful network carries its state from one row to the next, so rows must stay in time order\n',
  );
  assert.equal(conflict.stdout, '');
});

test('data errors exit 3 naming the file, row, column and value', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'sales.csv');
  fs.writeFileSync(file, 'Month,Sales\n' + Array.from({ length: 20 }, (_, i) => `2020-${String((i % 12) + 1).padStart(2, '0')},${i === 12 ? '12,5x' : i}`).join('\n'));
  const r = await runCli(['train', file, '--epochs', '1']);
  assert.equal(r.code, 3);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /^rnnfc: error: .*sales\.csv:14: /);

  const missing = await runCli(['train', path.join(dir, 'nope.csv')]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /^rnnfc: error: .*nope\.csv: cannot read file/);
});

test('model errors exit 4 naming the path', async () => {
  const dir = tempDir();
  const r = await runCli(['forecast', path.join(dir, 'none'), '--horizon', '1']);
  assert.equal(r.code, 4);
  assert.equal(r.stderr, `rnnfc: error: ${path.join(dir, 'none')}: no such model directory\n`);
});

test('a diverging run exits 5 and saves nothing', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'm');
  // Adam bounds its steps, so --lr 1e6 explodes the loss without reaching NaN; SGD overflows.
  const adam = await runCli(['train', shampoo, '--lr', '1e6', '--epochs', '50', '--out', out]);
  assert.equal(adam.code, 5, adam.stderr);
  const errors = adam.stderr.split('\n').filter((l) => l.startsWith('rnnfc: error:'));
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /^rnnfc: error: training diverged at epoch 1: the loss is [\d.e+]+, over 1000 times the loss of predicting zero; try a smaller --lr \(now 1000000\) or check the scale of the data; nothing was saved$/);
  const sgd = await runCli(['train', shampoo, '--optimizer', 'sgd', '--lr', '1e6', '--epochs', '50', '--out', out]);
  assert.equal(sgd.code, 5, sgd.stderr);
  assert.match(sgd.stderr, /^rnnfc: error: training diverged at epoch \d+: the loss is /m);
  assert.equal(sgd.stdout, '');
  assert.ok(!fs.existsSync(out));
});

test('--help and --version exit 0 on stdout', async () => {
  const help = await runCli(['train', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--stateful/);
  assert.match(help.stdout, /--reset <when>/);
  const version = await runCli(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('info lists the backends and the one auto picks', async () => {
  const r = await runCli(['info', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const info = JSON.parse(r.stdout);
  assert.deepEqual(info.backends.map((b: { name: string }) => b.name), ['tensorflow', 'wasm', 'cpu']);
  assert.ok(['tensorflow', 'wasm', 'cpu'].includes(info.autoBackend));
});

test('asking for a backend that is not installed says how to install it', async () => {
  const r = await runCli(['train', fixture('shampoo.csv'), '--engine', 'tfjs', '--backend', 'tensorflow', '--epochs', '1']);
  // Where tfjs-node is installed the run succeeds; elsewhere it is a usage error.
  if (r.code !== 0) {
    assert.equal(r.code, 2);
    assert.match(r.stderr, /npm install @tensorflow\/tfjs-node/);
  }
});
