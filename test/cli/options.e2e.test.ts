// Options that must not be silently dropped or silently do the wrong thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { binPath, fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const quick = ['--epochs', '3', '--seed', '1'];

test('--plot with CSV or JSON output and stderr not a terminal says why nothing was drawn', async () => {
  for (const format of ['json', 'csv']) {
    const r = await runCli(['train', shampoo, ...quick, '--plot', '--format', format]);
    assert.equal(r.code, 0, r.stderr);
    const notes = r.stderr.split('\n').filter((l) => l.startsWith('rnnfc: note: '));
    assert.deepEqual(notes, [`rnnfc: note: --plot drew nothing: the output is ${format.toUpperCase()} and stderr is not a terminal; use --format table to get the chart on stdout`]);
    assert.doesNotMatch(r.stdout, /test rows/);
  }
  const table = await runCli(['train', shampoo, ...quick, '--plot', '--format', 'table']);
  assert.match(table.stdout, /test rows 3-01 \.\. 3-12: actual/);
  assert.doesNotMatch(table.stderr, /note/);
});

test('--plot with JSON output draws the chart on stderr when stderr is a terminal', (t) => {
  const dir = tempDir();
  const json = path.join(dir, 'out.json');
  // script(1) gives the command a terminal; stdout is redirected to a file inside it.
  const command = `"${process.execPath}" "${binPath}" train "${shampoo}" ${quick.join(' ')} --plot --format json > "${json}"`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) {
    t.skip('script(1) is not available');
    return;
  }
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /test rows 3-01 \.\. 3-12: actual/);
  assert.equal(JSON.parse(fs.readFileSync(json, 'utf8')).predictions.length, 12);
});
