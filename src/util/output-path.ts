// Checks that a results file can be written, before minutes of work are spent computing it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** The directory that will hold `file` must exist; returns its absolute path. */
export async function checkParentDirectory(file: string, option: string): Promise<string> {
  const dir = path.dirname(path.resolve(file));
  const parent = await fs.stat(dir).catch(() => null);
  if (!parent || !parent.isDirectory()) throw new UsageError(`${option} ${file}: the directory ${dir} does not exist`);
  return dir;
}

export async function checkOutputFile(file: string, option: string): Promise<void> {
  const dir = await checkParentDirectory(file, option);
  const existing = await fs.stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(`${option} ${file}: is a directory`);
  try {
    await fs.access(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${option} ${file}: the directory ${dir} is not writable`);
  }
}
