// Checks an output path before minutes of work are spent computing what goes there, and decides
// how it will be written: a regular file is replaced atomically; standard output ("-", or a path
// such as /dev/stdout that is the process's own stdout) is left to the caller; any other file
// that is not a regular one (a device, a FIFO, the process's stderr) is written in place.
import { promises as fs, fstatSync, type Stats } from 'node:fs';
import path from 'node:path';
import { errnoText, IoError, UsageError } from '../errors.js';

export type OutputFile =
  /** The caller writes the content to its standard output. */
  | { kind: 'stdout'; option: string; path: string }
  /** Opened and written in place: a device, a FIFO, or the file that is the process's stderr (appended to). */
  | { kind: 'direct'; option: string; path: string; append: boolean }
  /** Written to a temporary file beside it, then renamed over it. */
  | { kind: 'atomic'; option: string; path: string };

/** A path option's value must not be empty (`--out "$DIR"` with DIR unset). */
export function requirePath(value: string, option: string): void {
  if (value.trim() === '') throw new UsageError(`${option} needs a path, got an empty value`);
}

async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

/** Whether `st` is the file open as this process's descriptor `fd`. */
function isOpenAs(st: Stats, fd: number): boolean {
  try {
    const open = fstatSync(fd);
    return open.dev === st.dev && open.ino === st.ino;
  } catch {
    return false;
  }
}

/**
 * The directory that will hold `file` must exist and accept new files (tried by creating and
 * removing one: the permission bits do not tell a read-only mount, /proc or a root-squashed share
 * apart). Returns its absolute path.
 */
export async function checkParentDirectory(file: string, option: string): Promise<string> {
  requirePath(file, option);
  const dir = path.dirname(path.resolve(file));
  const parent = await statOrNull(dir);
  if (!parent || !parent.isDirectory()) throw new UsageError(`${option} ${file}: the directory ${dir} does not exist`);
  const probe = path.join(dir, `.rnnfc-probe-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  try {
    await (await fs.open(probe, 'wx')).close();
  } catch (e) {
    throw new IoError(`${option} ${file}: cannot create files in ${dir}: ${errnoText(e)}`);
  }
  await fs.rm(probe, { force: true });
  return dir;
}

/** Checks that `file` can be written, and how; UsageError or IoError naming the option if not. */
export async function checkOutputFile(file: string, option: string): Promise<OutputFile> {
  requirePath(file, option);
  if (file === '-') return { kind: 'stdout', option, path: file };
  const st = await statOrNull(file);
  if (st?.isDirectory()) throw new UsageError(`${option} ${file}: is a directory`);
  if (st && isOpenAs(st, 1)) return { kind: 'stdout', option, path: file };
  if (st && (!st.isFile() || isOpenAs(st, 2))) {
    // Replacing a device or a FIFO by a regular file would break whatever reads it.
    try {
      await fs.access(file, fs.constants.W_OK);
    } catch (e) {
      throw new IoError(`${option} ${file}: cannot be written: ${errnoText(e)}`);
    }
    return { kind: 'direct', option, path: file, append: st.isFile() };
  }
  await checkParentDirectory(file, option);
  return { kind: 'atomic', option, path: file };
}

/** Outputs of one command must be different files, and at most one of them standard output. */
export function checkDistinct(outputs: (OutputFile | undefined)[]): void {
  const given = outputs.filter((o): o is OutputFile => o !== undefined);
  for (let i = 0; i < given.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = given[j]!;
      const b = given[i]!;
      if (a.kind === 'stdout' && b.kind === 'stdout') throw new UsageError(`${a.option} and ${b.option} cannot both write to standard output`);
      if (a.kind !== 'stdout' && b.kind !== 'stdout' && path.resolve(a.path) === path.resolve(b.path)) {
        throw new UsageError(`${a.option} and ${b.option} name the same file ${b.path}`);
      }
    }
  }
}

/** An output must not overwrite an input the same run reads (`--output data.csv` for `data.csv`). */
export async function checkNotInput(output: OutputFile | undefined, input: string | undefined, what: string): Promise<void> {
  if (!output || output.kind === 'stdout' || input === undefined || input === '-') return;
  const [a, b] = await Promise.all([statOrNull(output.path), statOrNull(input)]);
  const same = a && b ? a.dev === b.dev && a.ino === b.ino : path.resolve(output.path) === path.resolve(input);
  if (same) throw new UsageError(`${output.option} ${output.path}: is ${what}; choose another path`);
}
