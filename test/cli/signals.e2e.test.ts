// SIGINT / SIGTERM while training: exit 130 / 143 with one line, nothing written, the model in
// --out untouched, the lock released.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { train } from '../../src/commands/train.js';
import { InterruptedError } from '../../src/errors.js';
import { settingsFrom } from '../../src/options/train-options.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { binPath, fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const TRAINING = 'training lstm 1 on 22 rows with the tfjs engine';

/** Every entry under `dir` (hidden ones too) with its content or link target. */
function snapshot(dir: string): Record<string, string> {
  const all: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      const rel = path.relative(dir, p);
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) all[rel] = `-> ${fs.readlinkSync(p)}`;
      else if (st.isDirectory()) {
        all[rel] = 'dir';
        walk(p);
      } else all[rel] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return all;
}

/** Starts a long tfjs training and sends `signal` once it reports that training started. */
function trainAndSignal(dir: string, signal: 'SIGINT' | 'SIGTERM'): Promise<CliResult> {
  const args = ['train', shampoo, '--engine', 'tfjs', '--backend', 'cpu', '--epochs', '5000', '--out', 'm', '--predictions', 'p.csv'];
  const child = spawn(process.execPath, [binPath, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    const before = stderr;
    stderr += d;
    if (!before.includes(TRAINING) && stderr.includes(TRAINING)) child.kill(signal);
  });
  return new Promise((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr })));
}

for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
  test(`${signal} while training exits ${code} with one line; the existing model, and everything else, is untouched`, async () => {
    const dir = tempDir();
    const first = await runCli(['train', shampoo, '--epochs', '20', '--out', 'm', '-q'], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    const before = snapshot(dir);

    const r = await trainAndSignal(dir, signal);
    assert.equal(r.code, code, r.stderr);
    assert.equal(r.signal, null);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n');
    assert.equal(lines.length, 3, r.stderr);
    assert.ok(lines[0]!.startsWith(TRAINING), lines[0]);
    assert.match(lines[1]!, new RegExp(`^rnnfc: error: interrupted by ${signal} at epoch \\d+; nothing was saved$`));
    assert.equal(lines[2], '');
    assert.deepEqual(snapshot(dir), before);
  });
}

test('SIGTERM on a first run leaves no trace: no model, store, lock or predictions', async () => {
  const dir = tempDir();
  const r = await trainAndSignal(dir, 'SIGTERM');
  assert.equal(r.code, 143, r.stderr);
  assert.deepEqual(fs.readdirSync(dir), []);
});

// These two call train() directly, to land a signal at an exact point: after the last epoch, and
// during the save. Each check of `interrupted` is a point where a real signal may be seen.
test('a signal seen after the last epoch still saves nothing', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'm');
  let trained = false;
  await assert.rejects(
    train({
      file: shampoo,
      settings: settingsFrom({ epochs: 5 }),
      out,
      predictions: path.join(dir, 'p.csv'),
      onEpoch: (epoch, epochs) => (trained = epoch === epochs),
      interrupted: () => (trained ? 'SIGINT' : undefined),
    }),
    (e: unknown) => {
      assert.ok(e instanceof InterruptedError);
      assert.equal(e.exitCode, 130);
      assert.equal(e.message, 'interrupted by SIGINT at epoch 5; nothing was saved');
      return true;
    },
  );
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('a signal during the save lets it finish, then reports what was saved (exit 143)', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'm');
  const predictions = path.join(dir, 'p.csv');
  await assert.rejects(
    train({
      file: shampoo,
      settings: settingsFrom({ epochs: 5 }),
      out,
      predictions,
      // The predictions are written first: from then on the run is saving.
      interrupted: () => (fs.existsSync(predictions) ? 'SIGTERM' : undefined),
    }),
    (e: unknown) => {
      assert.ok(e instanceof InterruptedError);
      assert.equal(e.exitCode, 143);
      assert.equal(e.message, `interrupted by SIGTERM while saving; --out ${out} and --predictions ${predictions} were saved in full`);
      return true;
    },
  );
  assert.ok(fs.existsSync(path.join(out, 'rnnfc.json')));
  assert.equal(fs.readFileSync(predictions, 'utf8').trim().split('\n').length, 13);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['.m.rnnfc', 'm', 'p.csv']);
});
