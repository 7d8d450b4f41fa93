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

test('compare --variant without NAME= is a usage error showing the expected form', async () => {
  for (const spec of ['--cell gru', '--cell=gru', '=--cell gru', 'gru']) {
    const r = await runCli(['compare', shampoo, '--variant', spec, ...quick]);
    assert.equal(r.code, 2, `${spec}: ${r.stderr}`);
    assert.equal(r.stderr, `rnnfc: error: --variant needs NAME="options" (e.g. --variant gru="--cell gru", or stateless="" for the defaults), got "${spec}"\n`);
    assert.equal(r.stdout, '');
  }
});

test('options that need --stateful are refused in a study too, naming the experiment', async () => {
  const r = await runCli(['compare', shampoo, '--variant', 'primed=--prime', ...quick]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'rnnfc: error: variant "primed": --prime needs --stateful: a stateless network starts every row from a zero state, so there is no state to prime\n');
});

test('--backend with --engine auto that picks the fused engine warns that it is not used', async () => {
  const r = await runCli(['train', shampoo, ...quick, '--backend', 'cpu', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const warning = '--backend cpu is not used: --engine auto picked the fused engine, which needs no backend; give --engine tfjs to run on cpu';
  assert.ok(r.stderr.includes(`rnnfc: warning: ${warning}\n`), r.stderr);
  assert.ok(JSON.parse(r.stdout).warnings.includes(warning));
});

test('compare on a data file without --experiments or --variant says to give one of them', async () => {
  const r = await runCli(['compare', shampoo]);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    `rnnfc: error: ${shampoo} is not a results file (line 2: column "Month": "1-01" is not a number); to run experiments on this data, give --experiments FILE or --variant NAME="options"\n`,
  );
});

test('options that only a study run uses are refused when summarising results files', async () => {
  const dir = tempDir();
  const results = path.join(dir, 'r.csv');
  fs.writeFileSync(results, 'a,b\n1,2\n3,4\n');
  for (const [option, value] of [['--repeats', '3'], ['--jobs', '2'], ['--results', path.join(dir, 'x.csv')], ['--details', path.join(dir, 'y.csv')]]) {
    const r = await runCli(['compare', results, option!, value!]);
    assert.equal(r.code, 2, option);
    assert.equal(r.stderr, `rnnfc: error: ${option} needs --experiments or --variant; without them the arguments are results files to summarise\n`);
  }
});

test('--lock-timeout without --out is a usage error', async () => {
  const r = await runCli(['train', shampoo, ...quick, '--lock-timeout', '60']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'rnnfc: error: --lock-timeout needs --out: the lock it waits for guards the model directory\n');
});
