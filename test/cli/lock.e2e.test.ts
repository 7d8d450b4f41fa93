// Two runs writing the same --out: the lock beside the model (src/model-dir/lock.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { binPath, fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
/** Long enough (seconds) for the other runs to meet it while it holds the lock. */
const slow = ['--engine', 'tfjs', '--backend', 'cpu', '--epochs', '300', '--seed', '1'];
const quick = ['--epochs', '20', '--seed', '2', '-q'];

/** Spawns `rnnfc train`; `training` resolves once it reports that training started (the lock is held by then). */
function startTrain(args: string[], cwd: string) {
  const child = spawn(process.execPath, [binPath, 'train', shampoo, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onTraining: () => void;
  const training = new Promise<void>((resolve) => (onTraining = resolve));
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    if (/^training /m.test(stderr)) onTraining();
  });
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { pid: child.pid!, training, done };
}

const lockTarget = (dir: string) => fs.readlinkSync(path.join(dir, '.m.rnnfc.lock'));
const noLock = (dir: string) => fs.lstatSync(path.join(dir, '.m.rnnfc.lock'), { throwIfNoEntry: false }) === undefined;

test('a second run on the same --out fails at once (exit 6) naming the holder; with --lock-timeout it waits, then saves', async () => {
  const dir = tempDir();
  const first = startTrain([...slow, '--out', 'm'], dir);
  await first.training;
  const started = /^rnnfc pid=(\d+) host=\S+ started=(\S+)$/.exec(lockTarget(dir));
  assert.ok(started, lockTarget(dir));
  assert.equal(Number(started[1]), first.pid);

  const refused = await runCli(['train', shampoo, ...quick, '--out', 'm', '--predictions', 'p.csv'], { cwd: dir });
  assert.equal(refused.code, 6);
  assert.equal(refused.stdout, '');
  assert.equal(
    refused.stderr,
    `rnnfc: error: --out m is locked by another rnnfc run (pid ${first.pid}, started ${started[2]}); try again later or raise --lock-timeout\n`,
  );
  assert.equal(fs.existsSync(path.join(dir, 'p.csv')), false, 'the refused run wrote no predictions');

  // The waiting run is fast and the holder slow: without the lock the waiter would save first.
  const waiter = runCli(['train', shampoo, ...quick, '--out', 'm', '--lock-timeout', '600'], { cwd: dir });
  const firstResult = await first.done;
  const waited = await waiter;
  assert.equal(firstResult.code, 0, firstResult.stderr);
  assert.equal(waited.code, 0, waited.stderr);

  // m is the waiter's model, saved after the first's complete version (names start with the save time).
  const versions = fs.readdirSync(path.join(dir, '.m.rnnfc')).sort();
  assert.equal(versions.length, 2, versions.join(', '));
  assert.ok(versions[0]!.endsWith(`-${first.pid}`), versions.join(', '));
  assert.equal(fs.readlinkSync(path.join(dir, 'm')), path.join('.m.rnnfc', versions[1]!));
  for (const v of versions) {
    for (const f of ['model.json', 'weights.bin', 'rnnfc.json']) assert.ok(fs.existsSync(path.join(dir, '.m.rnnfc', v, f)), `${v}/${f}`);
  }
  assert.ok(noLock(dir), 'the lock is released');
});

test('a lock left by a dead process is taken over', async () => {
  const dir = tempDir();
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  fs.symlinkSync(`rnnfc pid=${dead} host=${os.hostname()} started=2026-01-01T00:00:00Z`, path.join(dir, '.m.rnnfc.lock'));
  const r = await runCli(['train', shampoo, ...quick, '--out', 'm'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(dir, 'm', 'rnnfc.json')));
  assert.ok(noLock(dir));
});

test('the lock is released when the run fails, and --lock-timeout must be a whole number of seconds', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'bad.csv'), 'Month,Sales\n1-01,1\n1-02,x\n');
  const bad = await runCli(['train', 'bad.csv', ...quick, '--out', 'm'], { cwd: dir });
  assert.equal(bad.code, 3, bad.stderr);
  assert.ok(noLock(dir));
  assert.deepEqual(fs.readdirSync(dir), ['bad.csv']);

  const usage = await runCli(['train', shampoo, ...quick, '--out', 'm', '--lock-timeout', '1.5'], { cwd: dir });
  assert.equal(usage.code, 2);
  assert.equal(usage.stderr, 'rnnfc: error: --lock-timeout must be a non-negative integer, got 1.5\n');
});
