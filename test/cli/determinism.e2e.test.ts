// Same seed, same data, same options: the same bytes, on every engine and backend available here,
// and whatever the number of compare workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');

interface Setup {
  name: string;
  engine: string[];
  /** Small for tfjs, which is slow. */
  trainEpochs: string;
  compareEpochs: string;
}

async function setups(): Promise<Setup[]> {
  const info = await runCli(['info', '--format', 'json']);
  assert.equal(info.code, 0, info.stderr);
  const backends: string[] = JSON.parse(info.stdout).backends.filter((b: { available: boolean }) => b.available).map((b: { name: string }) => b.name);
  assert.ok(backends.includes('cpu'), `cpu is always available, got ${backends.join(', ')}`);
  return [
    { name: 'fused', engine: ['--engine', 'fused'], trainEpochs: '200', compareEpochs: '50' },
    ...backends.map((b) => ({ name: `tfjs ${b}`, engine: ['--engine', 'tfjs', '--backend', b], trainEpochs: '10', compareEpochs: '5' })),
  ];
}

test('train twice with the same seed: byte-identical --predictions and weights, per engine and backend', async (t) => {
  for (const s of await setups()) {
    await t.test(s.name, async () => {
      const dir = tempDir();
      const run = async (n: number) => {
        const r = await runCli(['train', shampoo, '--stateful', '--epochs', s.trainEpochs, '--seed', '7', ...s.engine, '--predictions', `p${n}.csv`, '--out', `m${n}`, '-q'], { cwd: dir });
        assert.equal(r.code, 0, r.stderr);
      };
      await run(1);
      await run(2);
      const read = (f: string) => fs.readFileSync(path.join(dir, f));
      assert.equal(read('p1.csv').toString().split('\n')[0], 'origin,step,time,actual,predicted,error');
      assert.ok(read('p1.csv').equals(read('p2.csv')), 'predictions differ');
      assert.ok(read('m1/weights.bin').equals(read('m2/weights.bin')), 'weights differ');
      assert.ok(read('m1/model.json').equals(read('m2/model.json')), 'model.json differs');
    });
  }
});

test('compare --results: byte-identical with --jobs 1 and --jobs 2, per engine and backend', async (t) => {
  for (const s of await setups()) {
    await t.test(s.name, async () => {
      const dir = tempDir();
      const run = async (jobs: string) => {
        const file = `results-jobs${jobs}.csv`;
        const r = await runCli(
          ['compare', shampoo, '--variant', 'a=--stateful', '--variant', 'b=', '--repeats', '3', '--epochs', s.compareEpochs, ...s.engine, '--jobs', jobs, '--results', file, '-q'],
          { cwd: dir },
        );
        assert.equal(r.code, 0, r.stderr);
        return fs.readFileSync(path.join(dir, file));
      };
      const one = await run('1');
      const two = await run('2');
      const rows = one.toString().trim().split('\n');
      assert.equal(rows[0], 'a,b');
      assert.equal(rows.length, 4);
      assert.equal(two.toString(), one.toString());
    });
  }
});
