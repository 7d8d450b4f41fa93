// The error family the CLI maps to exit codes. Anything that is not an RnnfcError is a bug (exit 1).

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  data: 3,
  model: 4,
  diverged: 5,
  locked: 6,
  io: 7,
  interrupted: 130,
  terminated: 143,
} as const;

export abstract class RnnfcError extends Error {
  abstract readonly exitCode: number;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad command-line usage: unknown option, value out of range, conflicting options. Exit 2. */
export class UsageError extends RnnfcError {
  readonly exitCode = ExitCode.usage;
}

/** Bad input data: unreadable file, non-numeric value, too few rows. Exit 3. */
export class DataError extends RnnfcError {
  readonly exitCode = ExitCode.data;
}

/** A model directory that is missing, partial or incompatible. Exit 4. */
export class ModelError extends RnnfcError {
  readonly exitCode = ExitCode.model;
}

/** Training produced a NaN or infinite loss. Exit 5. */
export class DivergedError extends RnnfcError {
  readonly exitCode = ExitCode.diverged;
}

/** Another rnnfc run holds the lock on the same --out (overlapping cron jobs). Exit 6. */
export class LockedError extends RnnfcError {
  readonly exitCode = ExitCode.locked;
}

/**
 * An output could not be written: disk full, read-only file system, permission denied, a device
 * error. Nothing partial is left behind (see src/util/output-file.ts). Exit 7.
 */
export class IoError extends RnnfcError {
  readonly exitCode = ExitCode.io;
}

/** The errno codes of writes that fail for reasons outside rnnfc, each with what it means. */
const IO_ERRNO: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  ENXIO: 'no such device',
  EPIPE: 'broken pipe (its reader has gone)',
};

/** What an errno error means, for messages: "permission denied (EACCES)". */
export function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  const code = err?.code;
  if (typeof code !== 'string') return String(err?.message ?? e);
  const known: Record<string, string> = { ...IO_ERRNO, ENOENT: 'no such file or directory', ENOTDIR: 'not a directory', EISDIR: 'is a directory' };
  return `${known[code] ?? 'error'} (${code})`;
}

/** `e` as an IoError saying what failed (`what`), if it is a write failure outside rnnfc; else undefined. */
export function ioErrorFrom(e: unknown, what: string): IoError | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !(code in IO_ERRNO)) return undefined;
  return new IoError(`${what}: ${errnoText(e)}`);
}

/**
 * `rnnfc compare`: an experiment has no successful run. Exits with the code its runs failed with
 * (5 when they diverged), after the statistics of the other experiments are printed.
 */
export class RunsFailedError extends RnnfcError {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** SIGINT / SIGTERM arrived while working; nothing was written. Exit 130 or 143. */
export class InterruptedError extends RnnfcError {
  readonly exitCode: number;
  constructor(message: string, signal: 'SIGINT' | 'SIGTERM') {
    super(message);
    this.exitCode = signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated;
  }
}
