// The error family the CLI maps to exit codes. Anything that is not an RnnfcError is a bug (exit 1).

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  data: 3,
  model: 4,
  diverged: 5,
  locked: 6,
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

/** SIGINT / SIGTERM arrived while working; nothing was written. Exit 130 or 143. */
export class InterruptedError extends RnnfcError {
  readonly exitCode: number;
  constructor(message: string, signal: 'SIGINT' | 'SIGTERM') {
    super(message);
    this.exitCode = signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated;
  }
}
