// The lock that keeps two runs (overlapping cron jobs) from writing the same --out at once.
//
// The lock is a symbolic link `.m.rnnfc.lock` beside the model whose target is the holder's
// description ("rnnfc pid=1234 host=box started=2026-11-24T08:00:00Z"), as Mercurial's and
// Emacs' lock files are: symlink(2) creates the entry exclusively (EEXIST if held) and with its
// content in one step, so no reader ever sees a lock that is created but not yet written, and a
// crash can leave no half-written lock behind. `cat` cannot show it; `ls -l` and readlink can.
//
// A lock whose holder is dead (same host, pid not alive) is taken over. Judging a lock stale and
// removing it are two steps, so they happen under a guard `.m.rnnfc.lock.break`, taken the same
// exclusive way: a process that judged the old lock stale too late finds, under the guard, that
// the lock is now someone else's live one, and leaves it alone. A guard left by a process that
// died in those few microseconds is itself stale, and is removed the same way, one level up.
import { promises as fs, unlinkSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InterruptedError, ioErrorFrom, LockedError, UsageError } from '../errors.js';
import { isAlive } from './model-dir.js';

/** How often a waiting run retries the lock. */
const POLL_MS = 100;

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601, to the second. */
  started: string;
}

export interface OutLock {
  file: string;
  holder: LockHolder;
  /** Removes the lock if it is still ours. Safe to call more than once. */
  release(): Promise<void>;
}

export interface AcquireOptions {
  /** Seconds to wait for a live holder before failing; 0 tries once. */
  timeoutSeconds?: number;
  /** Checked while waiting; a signal stops the wait with InterruptedError. */
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined;
}

export function lockPath(out: string): string {
  const abs = path.resolve(out);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.rnnfc.lock`);
}

/** Locks held by this process: a lock naming our own pid that is not among them was left by an earlier process with the same pid. */
const heldHere = new Set<string>();

export function describeHolder(h: LockHolder): string {
  return `rnnfc pid=${h.pid} host=${h.host} started=${h.started}`;
}

export function parseHolder(text: string): LockHolder | null {
  const m = /^rnnfc pid=(\d+) host=(\S*) started=(\S+)$/.exec(text);
  return m ? { pid: Number(m[1]), host: m[2]!, started: m[3]! } : null;
}

/** Waits up to `timeoutSeconds` for the lock on `out`; LockedError names the holder if it is still held. */
export async function acquireOutLock(out: string, options: AcquireOptions = {}): Promise<OutLock> {
  const file = lockPath(out);
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  const deadline = Date.now() + (options.timeoutSeconds ?? 0) * 1000;
  for (;;) {
    const current = await tryCreate(file, holder, out);
    if (current === null) break;
    if (current === 'unreadable') throw new LockedError(`--out ${out} is locked by ${file}, which is not an rnnfc lock; remove it if no rnnfc run is writing ${out}`);
    if (isStale(current, file)) {
      await removeIfStale(file, out);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(out, current);
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
    const signal = options.interrupted?.();
    if (signal) throw new InterruptedError(`interrupted by ${signal} while waiting for the lock on --out ${out}; nothing was saved`, signal);
  }
  const content = describeHolder(holder);
  // A process.exit (a second Ctrl-C) skips `finally` blocks; the 'exit' event still runs.
  const onExit = () => removeIfOurs(file, content);
  process.on('exit', onExit);
  let released = false;
  return {
    file,
    holder,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      removeIfOurs(file, content);
      heldHere.delete(file);
    },
  };
}

function lockedError(out: string, h: LockHolder): LockedError {
  const who = `pid ${h.pid}${h.host === os.hostname() ? '' : ` on ${h.host}`}, started ${h.started}`;
  return new LockedError(`--out ${out} is locked by another rnnfc run (${who}); try again later or raise --lock-timeout`);
}

/** Creates the lock; null on success, else the current holder (or 'unreadable' if the entry is not an rnnfc lock). */
async function tryCreate(file: string, holder: LockHolder, out: string): Promise<LockHolder | 'unreadable' | null> {
  try {
    await fs.symlink(describeHolder(holder), file);
    heldHere.add(file);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw ioErrorFrom(e, `--out ${out}: cannot create the lock ${file}`) ?? new UsageError(`--out ${out}: cannot create the lock ${file} (${code})`);
  }
  const current = await readHolder(file);
  // Released between our attempt and the read: try again at once.
  if (current === 'gone') return tryCreate(file, holder, out);
  return current;
}

async function readHolder(file: string): Promise<LockHolder | 'unreadable' | 'gone'> {
  try {
    return parseHolder(await fs.readlink(file)) ?? 'unreadable';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'gone';
    return 'unreadable'; // EINVAL: a plain file someone put there; never removed automatically
  }
}

/** A holder on this host whose process is gone. A holder on another host cannot be checked, so it counts as live. */
function isStale(h: LockHolder, file: string): boolean {
  if (h.host !== os.hostname()) return false;
  if (h.pid === process.pid) return !heldHere.has(file);
  return !isAlive(h.pid);
}

/** Removes `file` if it is still a stale lock, deciding and removing under the guard `file.break`. */
async function removeIfStale(file: string, out: string): Promise<void> {
  const guard = `${file}.break`;
  const me: LockHolder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  const current = await tryCreate(guard, me, out);
  if (current !== null) {
    // Someone else is deciding; if they died while doing it, clear their guard. Either way the caller retries.
    if (current === 'unreadable') throw new LockedError(`--out ${out} is locked by ${guard}, which is not an rnnfc lock; remove it if no rnnfc run is writing ${out}`);
    if (isStale(current, guard)) await removeIfStale(guard, out);
    else await new Promise((resolve) => setTimeout(resolve, 5));
    return;
  }
  try {
    const h = await readHolder(file);
    if (h !== 'gone' && h !== 'unreadable' && isStale(h, file)) await fs.rm(file, { force: true });
  } finally {
    removeIfOurs(guard, describeHolder(me));
    heldHere.delete(guard);
  }
}

/** Synchronous so that it can run in an 'exit' handler. */
function removeIfOurs(file: string, content: string): void {
  try {
    // Only the holder removes a live lock, so nobody replaces ours between this check and the unlink.
    if (readlinkSync(file) === content) unlinkSync(file);
  } catch {
    // Already gone.
  }
}
