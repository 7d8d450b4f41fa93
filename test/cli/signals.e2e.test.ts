// SIGINT / SIGTERM while training: exit 130 / 143 with one line, nothing written, the model in
// --out untouched, the lock released.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
  return runAndSignal(args, TRAINING, [signal], dir);
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

/** Starts `args` in `cwd` and sends `signals`, back to back, once stderr shows `line`. */
function runAndSignal(args: string[], line: string, signals: NodeJS.Signals[], cwd = tempDir()): Promise<CliResult> {
  const child = spawn(process.execPath, [binPath, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    const before = stderr;
    stderr += d;
    if (!before.includes(line) && stderr.includes(line)) for (const s of signals) child.kill(s);
  });
  return new Promise((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr })));
}

// An LSTM of 1000 units: its initial weights take a while to compute (an orthogonal 1000 x 4000
// recurrent kernel), and the run must answer signals all the same.
const LARGE = ['train', shampoo, '--units', '1000', '--epochs', '1'];
const LARGE_TRAINING = 'training lstm 1000 on 22 rows';

test('a large network answers SIGTERM while it starts: exit 143 with one line', async () => {
  const r = await runAndSignal(LARGE, LARGE_TRAINING, ['SIGTERM']);
  assert.equal(r.code, 143, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 3, r.stderr);
  assert.ok(lines[0]!.startsWith(LARGE_TRAINING), lines[0]);
  assert.match(lines[1]!, /^rnnfc: error: interrupted by SIGTERM (while initialising the network|at epoch 1); nothing was saved$/);
});

test('a second signal exits at once with one line of its own', async () => {
  // SIGINT and SIGTERM: two different signals, so neither is merged into the other while pending.
  // Which of the two the process sees second is up to the kernel; the line and the code name it.
  const r = await runAndSignal(LARGE, LARGE_TRAINING, ['SIGINT', 'SIGTERM']);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 3, r.stderr);
  assert.ok(lines[0]!.startsWith(LARGE_TRAINING), lines[0]);
  const second = /^rnnfc: error: interrupted by a second (SIGINT|SIGTERM); stopped at once$/.exec(lines[1]!);
  assert.ok(second, lines[1]);
  assert.equal(r.code, second[1] === 'SIGINT' ? 130 : 143, r.stderr);
});
