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
  assert.match(r.stderr, /scaler: minmax to \[-1, 1\], fitted on the training rows only/);
});

test('prepare --format json has the counts and the fitted scaler', async () => {
  const r = await runCli(['prepare', fixture('shampoo.csv'), '--lags', '2', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.deepEqual(p.counts, { observations: 36, differences: 35, rows: 33, train: 21, test: 12 });
  assert.equal(p.scaler.min.length, 3);
  assert.equal(p.rows[0].inputs.length, 2);
});
