import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';
import { fixture } from '../helpers/paths.js';

test('prepare prints the 34 framed rows (22 train, 12 test) and the scaler', async () => {
  const r = await runCli(['prepare', fixture('shampoo.csv')]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'time,x(t-1),y(t),set');
  assert.equal(lines.length, 35);
  assert.equal(lines.filter((l) => l.endsWith(',train')).length, 22);
  assert.equal(lines.filter((l) => l.endsWith(',test')).length, 12);
  assert.match(r.stderr, /Sales: diff \(lag 1\), minmax to \[-1, 1\]/);
  assert.match(r.stderr, /samples: \[samples, steps, features\] -> \[h\] = \[34, 1, 1\] -> \[1\]/);
});

test('prepare --format json has the counts and the fitted scaler', async () => {
  const r = await runCli(['prepare', fixture('shampoo.csv'), '--lags', '2', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.deepEqual(p.counts, { observations: 36, differences: 35, rows: 33, train: 21, test: 12, dropped: 0 });
  assert.equal(p.target.scaler.min.length, 1);
  assert.deepEqual(p.shape, { samples: 33, steps: 2, features: 1, outputs: 1 });
  assert.equal(p.rows[0].inputs.length, 2);
});
