import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireOutLock, lockPath, parseHolder } from '../../src/model-dir/lock.js';
import { InterruptedError, LockedError } from '../../src/errors.js';
import { repoRoot, tempDir } from '../helpers/paths.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

const lockOf = (out: string) => fs.readlinkSync(lockPath(out));

test('the lock is a symlink .NAME.rnnfc.lock beside --out naming pid, host and start time; release removes it', async () => {
  const out = path.join(tempDir(), 'm');
  const lock = await acquireOutLock(out);
  assert.equal(lock.file, path.join(path.dirname(out), '.m.rnnfc.lock'));
  const holder = parseHolder(lockOf(out));
  assert.deepEqual(holder, lock.holder);
  assert.equal(holder!.pid, process.pid);
  assert.equal(holder!.host, os.hostname());
  assert.match(holder!.started, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  await lock.release();
  await lock.release();
  assert.equal(fs.lstatSync(lock.file, { throwIfNoEntry: false }), undefined);
});

test('a second acquire fails at once with LockedError naming the holder, and succeeds after release', async () => {
  const out = path.join(tempDir(), 'm');
  const first = await acquireOutLock(out);
  await assert.rejects(acquireOutLock(out), (e: unknown) => {
    assert.ok(e instanceof LockedError);
    assert.equal(e.exitCode, 6);
    assert.equal(e.message, `--out ${out} is locked by another rnnfc run (pid ${process.pid}, started ${first.holder.started}); try again later or raise --lock-timeout`);
    return true;
  });
  await first.release();
  const second = await acquireOutLock(out);
  await second.release();
});

test('a waiting acquire gets the lock once the holder releases it', async () => {
  const out = path.join(tempDir(), 'm');
  const first = await acquireOutLock(out);
  const events: string[] = [];
  const waiting = acquireOutLock(out, { timeoutSeconds: 60 }).then((l) => {
    events.push('acquired');
    return l;
  });
  await new Promise((resolve) => setTimeout(resolve, 250));
  events.push('released');
  await first.release();
  const second = await waiting;
  assert.deepEqual(events, ['released', 'acquired']);
  await second.release();
});

test('a signal while waiting stops the wait with InterruptedError', async () => {
  const out = path.join(tempDir(), 'm');
  const first = await acquireOutLock(out);
  let signal: 'SIGTERM' | undefined;
  setTimeout(() => (signal = 'SIGTERM'), 150);
  await assert.rejects(acquireOutLock(out, { timeoutSeconds: 600, interrupted: () => signal }), (e: unknown) => {
    assert.ok(e instanceof InterruptedError);
    assert.equal(e.exitCode, 143);
    assert.equal(e.message, `interrupted by SIGTERM while waiting for the lock on --out ${out}; nothing was saved`);
    return true;
  });
  await first.release();
});

test('a lock of a dead process is taken over, and so is a take-over guard left by a dead process', async () => {
  const out = path.join(tempDir(), 'm');
  const file = lockPath(out);
  fs.symlinkSync(`rnnfc pid=${deadPid()} host=${os.hostname()} started=2026-01-01T00:00:00Z`, file);
  fs.symlinkSync(`rnnfc pid=${deadPid()} host=${os.hostname()} started=2026-01-01T00:00:00Z`, `${file}.break`);
  const lock = await acquireOutLock(out);
  assert.equal(parseHolder(lockOf(out))!.pid, process.pid);
  assert.equal(fs.lstatSync(`${file}.break`, { throwIfNoEntry: false }), undefined);
  assert.equal(fs.lstatSync(`${file}.break.break`, { throwIfNoEntry: false }), undefined);
  await lock.release();
});

test('a lock naming our own pid that this process does not hold was left by an earlier process: taken over', async () => {
  const out = path.join(tempDir(), 'm');
  fs.symlinkSync(`rnnfc pid=${process.pid} host=${os.hostname()} started=2026-01-01T00:00:00Z`, lockPath(out));
  const lock = await acquireOutLock(out);
  assert.equal(lock.holder.pid, process.pid);
  await lock.release();
});

test('a lock held on another host is never taken over: its pid cannot be checked from here', async () => {
  const out = path.join(tempDir(), 'm');
  fs.symlinkSync(`rnnfc pid=${deadPid()} host=elsewhere.invalid started=2026-01-01T00:00:00Z`, lockPath(out));
  const pid = parseHolder(lockOf(out))!.pid;
  await assert.rejects(acquireOutLock(out), {
    name: 'LockedError',
    message: `--out ${out} is locked by another rnnfc run (pid ${pid} on elsewhere.invalid, started 2026-01-01T00:00:00Z); try again later or raise --lock-timeout`,
  });
});

test('something else at the lock path is never removed', async () => {
  const out = path.join(tempDir(), 'm');
  fs.writeFileSync(lockPath(out), 'mine');
  await assert.rejects(acquireOutLock(out), {
    name: 'LockedError',
    message: `--out ${out} is locked by ${lockPath(out)}, which is not an rnnfc lock; remove it if no rnnfc run is writing ${out}`,
  });
  assert.equal(fs.readFileSync(lockPath(out), 'utf8'), 'mine');
});

test('processes racing to take over one stale lock: exactly one gets it, every round', async () => {
  const lockModule = path.join(repoRoot, 'dist', 'src', 'model-dir', 'lock.js');
  // Each contender tries once; a winner holds the lock until its stdin closes, after all have answered.
  const contender = `
    const { acquireOutLock } = await import(${JSON.stringify(lockModule)});
    try {
      const lock = await acquireOutLock(process.argv[1]);
      process.stdout.write('got\\n');
      process.stdin.resume();
      process.stdin.on('end', () => lock.release());
    } catch (e) {
      process.stdout.write(e.name + '\\n');
    }`;
  for (let round = 0; round < 6; round++) {
    const out = path.join(tempDir(), 'm');
    fs.symlinkSync(`rnnfc pid=${deadPid()} host=${os.hostname()} started=2026-01-01T00:00:00Z`, lockPath(out));
    const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['--input-type=module', '-e', contender, out], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const closed = children.map((c) => new Promise((resolve) => c.on('close', resolve)));
    let answers: string[];
    try {
      answers = await Promise.all(
        children.map(
          (c) =>
            new Promise<string>((resolve) => {
              let text = '';
              c.stdout.on('data', (d) => {
                text += d;
                if (text.endsWith('\n')) resolve(text.trim());
              });
            }),
        ),
      );
    } finally {
      children.forEach((c) => c.stdin.end());
      await Promise.all(closed);
    }
    assert.equal(answers.filter((a) => a === 'got').length, 1, `round ${round}: ${answers.join(', ')}`);
    assert.deepEqual(answers.filter((a) => a !== 'got').sort(), Array(5).fill('LockedError'));
    assert.equal(fs.lstatSync(lockPath(out), { throwIfNoEntry: false }), undefined, 'the winner released the lock');
  }
});
