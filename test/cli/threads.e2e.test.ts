// --threads: a network large enough to split its batches between threads trains to the same
// bytes on one thread and on two; a bad count is a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');

test('train --threads 1 and --threads 2: byte-identical predictions and weights', async () => {
  const dir = tempDir();
  // 64 units x 6 lags x batch 16: big enough that two threads split each batch (see fusedThreads).
  const run = async (threads: string) => {
    const r = await runCli(['train', shampoo, '--units', '64', '--lags', '6', '--batch-size', '16', '--epochs', '5', '--engine', 'fused', '--threads', threads, '--predictions', `p${threads}.csv`, '--out', `m${threads}`, '-q'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
  };
  await run('1');
  await run('2');
  const read = (f: string) => fs.readFileSync(path.join(dir, f));
  assert.ok(read('p1.csv').equals(read('p2.csv')), 'predictions differ');
  assert.ok(read('m1/weights.bin').equals(read('m2/weights.bin')), 'weights differ');
});

test('train --threads 0 is a usage error', async () => {
  const r = await runCli(['train', shampoo, '--threads', '0']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'rnnfc: error: --threads must be a positive integer, got 0\n');
});
