// Every output path option (--out, --predictions, --results, --details, --output): standard
// output, devices and FIFOs written in place, unusable paths refused before any work, write
// failures reported as I/O errors (exit 7) that keep the previous file or model.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { binPath, fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const quick = ['--epochs', '3', '--seed', '1'];
const root = tempDir('rnnfc-outputs-');
const model = path.join(root, 'model');

before(async () => {
  const r = await runCli(['train', shampoo, ...quick, '-q', '--out', model]);
  assert.equal(r.code, 0, r.stderr);
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

const PREDICTIONS_HEAD = 'origin,step,time,actual,predicted,error';

test('--predictions - and /dev/stdout put the predictions on stdout and the summary on stderr', async () => {
  for (const target of ['-', '/dev/stdout']) {
    const r = await runCli(['train', shampoo, ...quick, '--predictions', target]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], PREDICTIONS_HEAD, target);
    assert.equal(lines.length, 13, target);
    assert.match(r.stderr, /^file,engine,backend,epochs,seconds,rmse,mae,mape,persistence_rmse,skill,seasonal_naive_rmse,mean_rmse,holt_winters_rmse,best_baseline$/m, 'the summary, on stderr');
    const quiet = await runCli(['train', shampoo, ...quick, '--predictions', target, '-q']);
    assert.equal(quiet.stdout, r.stdout);
    assert.equal(quiet.stderr, '', 'no summary with -q');
  }
  assert.ok(fs.lstatSync('/dev/stdout').isSymbolicLink(), '/dev/stdout is still a link');
});

test('--predictions /dev/stdout when stdout is a file appends to that file, which is not replaced', () => {
  const file = path.join(root, 'stdout.txt');
  fs.writeFileSync(file, 'earlier line\n');
  const before = fs.statSync(file).ino;
  const fd = fs.openSync(file, 'a');
  const r = spawnSync(process.execPath, [binPath, 'train', shampoo, ...quick, '-q', '--predictions', '/dev/stdout'], { stdio: ['ignore', fd, 'pipe'] });
  fs.closeSync(fd);
  assert.equal(r.status, 0, String(r.stderr));
  assert.equal(fs.statSync(file).ino, before, 'same file');
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'earlier line');
  assert.equal(lines[1], PREDICTIONS_HEAD);
  assert.equal(lines.length, 14);
});

test('--predictions to a FIFO writes into it and leaves it a FIFO', { timeout: 60_000 }, async () => {
  const fifo = path.join(root, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const reader = spawn('cat', [fifo]);
  let read = '';
  reader.stdout.on('data', (d) => (read += d));
  const done = new Promise((resolve) => reader.on('close', resolve));
  const r = await runCli(['train', shampoo, ...quick, '-q', '--predictions', fifo]);
  await done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(read.split('\n')[0], PREDICTIONS_HEAD);
  assert.equal(read.trim().split('\n').length, 13);
  assert.ok(fs.statSync(fifo).isFIFO());
});

test('a full device is an I/O error, exit 7, and leaves /dev/full a device', async () => {
  const r = await runCli(['train', shampoo, ...quick, '-q', '--predictions', '/dev/full']);
  assert.equal(r.code, 7);
  assert.equal(r.stderr, 'rnnfc: error: --predictions /dev/full: no space left on device (ENOSPC)\n');
  assert.equal(r.stdout, '');
  assert.ok(fs.statSync('/dev/full').isCharacterDevice());
  const f = await runCli(['forecast', model, '--horizon', '2', '--output', '/dev/full']);
  assert.equal(f.code, 7);
  assert.equal(f.stderr, 'rnnfc: error: --output /dev/full: no space left on device (ENOSPC)\n');
});

test('an output in a directory that cannot take files fails before any work, exit 7', async () => {
  const cases: [string[], string][] = [
    [['train', shampoo, ...quick, '--predictions', '/proc/p.csv'], '--predictions /proc/p.csv'],
    [['train', shampoo, ...quick, '--out', '/proc/m'], '--out /proc/m'],
    [['compare', shampoo, '--variant', 'a=', '--repeats', '1', ...quick, '--results', '/proc/r.csv'], '--results /proc/r.csv'],
    [['compare', shampoo, '--variant', 'a=', '--repeats', '1', ...quick, '--details', '/proc/d.csv'], '--details /proc/d.csv'],
    [['forecast', model, '--horizon', '2', '--output', '/proc/f.csv'], '--output /proc/f.csv'],
    [['prepare', shampoo, '--output', '/proc/p.csv'], '--output /proc/p.csv'],
  ];
  for (const [args, what] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 7, `${what}: ${r.stderr}`);
    // The one line, and nothing before it: no "training ..." or "running ..." line.
    assert.equal(r.stderr, `rnnfc: error: ${what}: cannot create files in /proc: no such file or directory (ENOENT)\n`);
    assert.equal(r.stdout, '');
  }
});

test('an empty path, a directory or a missing directory is a usage error, exit 2, before any work', async () => {
  const dir = path.join(root, 'a-directory');
  fs.mkdirSync(dir, { recursive: true });
  const cases: [string[], string][] = [
    [['train', shampoo, ...quick, '--out', ''], '--out needs a path, got an empty value'],
    [['train', shampoo, ...quick, '--predictions', ''], '--predictions needs a path, got an empty value'],
    [['train', shampoo, ...quick, '--predictions', dir], `--predictions ${dir}: is a directory`],
    [['compare', shampoo, '--variant', 'a=', ...quick, '--results', ''], '--results needs a path, got an empty value'],
    [['compare', shampoo, '--variant', 'a=', ...quick, '--details', dir], `--details ${dir}: is a directory`],
    [['compare', shampoo, '--variant', 'a=', ...quick, '--results', '-', '--details', '-'], '--results and --details cannot both write to standard output'],
    [['compare', shampoo, '--variant', 'a=', ...quick, '--results', path.join(root, 'x.csv'), '--details', path.join(root, 'x.csv')], `--results and --details name the same file ${path.join(root, 'x.csv')}`],
    [['compare', shampoo, '--experiments', '', ...quick], '--experiments needs a path, got an empty value'],
    [['forecast', model, '--horizon', '2', '--output', ''], '--output needs a path, got an empty value'],
    [['forecast', model, '--horizon', '2', '--output', path.join(root, 'none', 'f.csv')], `--output ${path.join(root, 'none', 'f.csv')}: the directory ${path.join(root, 'none')} does not exist`],
    [['prepare', shampoo, '--output', ''], '--output needs a path, got an empty value'],
    [['prepare', shampoo, '--output', dir], `--output ${dir}: is a directory`],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, `rnnfc: error: ${message}\n`);
    assert.equal(r.stdout, '');
  }
});

test('--out refuses a link that is not an rnnfc model, such as /dev/stdout', async () => {
  const r = await runCli(['train', shampoo, ...quick, '--out', '/dev/stdout']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'rnnfc: error: --out /dev/stdout: exists and is not a directory\n');
  const dangling = path.join(root, 'dangling');
  fs.symlinkSync('/nonexistent/target', dangling);
  const d = await runCli(['train', shampoo, ...quick, '--out', dangling]);
  assert.equal(d.code, 2);
  assert.equal(d.stderr, `rnnfc: error: --out ${dangling}: is a broken link to /nonexistent/target, not an rnnfc model; choose another path\n`);
  assert.equal(fs.readlinkSync(dangling), '/nonexistent/target');
});

test('forecast --output writes the forecast (CSV) only once it is complete; a failed forecast keeps the previous file', async () => {
  const report = path.join(root, 'forecast.csv');
  const r = await runCli(['forecast', model, '--horizon', '3', '--output', report]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const lines = fs.readFileSync(report, 'utf8').trim().split('\n');
  assert.deepEqual(lines.map((l) => l.split(',').slice(0, 2).join(',')), ['step,time', '1,4-01', '2,4-02', '3,4-03']);
  const failed = await runCli(['forecast', path.join(root, 'no-model'), '--horizon', '3', '--output', report]);
  assert.equal(failed.code, 4);
  assert.equal(fs.readFileSync(report, 'utf8').trim().split('\n').length, 4, 'the previous report is intact');
  assert.deepEqual(fs.readdirSync(root).filter((f) => f.includes('.tmp') || f.includes('probe')), [], 'no temporary files left');
});

test('prepare --output writes the rows to the file, the description of columns and scalers to stderr', async () => {
  const file = path.join(root, 'prepared.csv');
  const r = await runCli(['prepare', shampoo, '--output', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'time,x(t-1),y(t),set');
  assert.equal(lines.length, 35);
  assert.match(r.stderr, /^.*shampoo\.csv: target "Sales", time "Month"\n/);
  assert.match(r.stderr, /\n  Sales: diff \(lag 1\), minmax to \[-1, 1\]/);
});

test('compare --results - puts the results file on stdout and the summary on stderr', async () => {
  const r = await runCli(['compare', shampoo, '--variant', 'a=', '--variant', 'b=--cell gru', '--repeats', '2', '--jobs', '1', ...quick, '--results', '-', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'a,b');
  assert.equal(lines.length, 3);
  assert.match(r.stderr, /"persistence_rmse": 136\.76/);
});

test('a closed stdout (| head) ends the run quietly with exit 0', () => {
  const big = path.join(root, 'big.csv');
  fs.writeFileSync(big, 'i,v\n' + Array.from({ length: 100_000 }, (_, i) => `${i},${(i * 7919) % 1000}\n`).join(''));
  for (const args of [['prepare', big], ['--help']]) {
    // `true` exits without reading: rnnfc writes to a pipe whose reader has gone.
    const cmd = `("${process.execPath}" "${binPath}" ${args.map((a) => `"${a}"`).join(' ')}; echo "exit $?" >&2) | true`;
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
    // prepare's description of the columns goes to stderr first, ending with the sample counts
    const stderr = r.stderr.replace(/^[\s\S]*?\d+ observations, \d+ samples: .*\n/, '').replace(/^rnnfc: warning: .*\n/gm, '');
    assert.equal(stderr, 'exit 0\n', args.join(' '));
  }
});

test('commander\'s unknown-option error is one line with its suggestion', async () => {
  const r = await runCli(['train', shampoo, '--epoch', '3']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "rnnfc: error: unknown option '--epoch' (did you mean --epochs?)\n");
});

test('a full file system while saving a model: exit 7, the partial version removed, the previous model kept', async (t) => {
  const mnt = path.join(root, 'small-fs');
  fs.mkdirSync(mnt);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
  } catch {
    t.skip('mounting a small tmpfs needs root');
    return;
  }
  try {
    const out = path.join(mnt, 'm');
    const first = await runCli(['train', shampoo, ...quick, '-q', '--out', out]);
    assert.equal(first.code, 0, first.stderr);
    const previous = fs.realpathSync(out);
    // Fill what is left of the file system.
    const fd = fs.openSync(path.join(mnt, 'filler'), 'w');
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(1024));
    } catch (e) {
      assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
    } finally {
      fs.closeSync(fd);
    }
    const r = await runCli(['train', shampoo, ...quick, '-q', '--out', out, '--seed', '2']);
    assert.equal(r.code, 7, r.stderr);
    assert.equal(r.stderr, `rnnfc: error: --out ${out}: the model could not be saved (the previous model is kept): no space left on device (ENOSPC)\n`);
    assert.equal(fs.realpathSync(out), previous);
    assert.deepEqual(fs.readdirSync(path.join(mnt, '.m.rnnfc')), [path.basename(previous)], 'no partial version left');
    assert.deepEqual(fs.readdirSync(mnt).sort(), ['.m.rnnfc', 'filler', 'm']);
    const f = await runCli(['forecast', out, '--horizon', '1', '--format', 'json']);
    assert.equal(f.code, 0, f.stderr);
  } finally {
    execFileSync('umount', [mnt]);
  }
});

test('stdout on a full device is an I/O error, exit 7, without a stack', () => {
  const full = fs.openSync('/dev/full', 'w');
  const r = spawnSync(process.execPath, [binPath, 'forecast', model, '--horizon', '2'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
  fs.closeSync(full);
  assert.equal(r.status, 7);
  assert.equal(r.stderr, 'rnnfc: error: cannot write to standard output: no space left on device (ENOSPC)\n');
});

test('an empty file or model argument is a usage error, exit 2', async () => {
  const cases: [string[], string][] = [
    [['train', ''], '<csv> needs a path, got an empty value'],
    [['prepare', ''], '<csv> needs a path, got an empty value'],
    [['forecast', '', '--horizon', '1'], '<model-dir> needs a path, got an empty value'],
    [['forecast', model, '', '--horizon', '1'], '[csv] needs a path, got an empty value'],
    [['compare', ''], '<csv...> needs a path, got an empty value'],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, `rnnfc: error: ${message}\n`);
  }
});

test('--out whose version store is taken by a file is a usage error before training', async () => {
  const out = path.join(root, 'blocked');
  fs.writeFileSync(path.join(root, '.blocked.rnnfc'), 'not a directory');
  const r = await runCli(['train', shampoo, ...quick, '--out', out]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `rnnfc: error: --out ${out}: ${path.join(root, '.blocked.rnnfc')} exists and is not a directory; rnnfc keeps the model's versions there\n`);
});

test('an output that names the input CSV or the model directory is refused before any work', async () => {
  const data = path.join(root, 'data.csv');
  fs.copyFileSync(shampoo, data);
  const cases: [string[], string][] = [
    [['forecast', model, data, '--horizon', '2', '--output', data], `--output ${data}: is the input CSV this run reads; choose another path`],
    [['prepare', data, '--output', data], `--output ${data}: is the input CSV this run reads; choose another path`],
    [['train', data, ...quick, '--predictions', data], `--predictions ${data}: is the input CSV this run reads; choose another path`],
    [['train', data, ...quick, '--predictions', path.join(root, 'new-model'), '--out', path.join(root, 'new-model')], `--predictions ${path.join(root, 'new-model')}: is the model directory this run writes (--out); choose another path`],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, `rnnfc: error: ${message}\n`);
  }
  assert.equal(fs.readFileSync(data, 'utf8'), fs.readFileSync(shampoo, 'utf8'), 'the data is untouched');
});
