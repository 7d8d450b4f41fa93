// Writes an output checked by checkOutputFile. A regular file is written to a temporary file
// beside it, synced and renamed over it, so a reader or a crash never sees half a file and a
// failure (a full disk) leaves the previous file as it was; a device or a FIFO is written in place.
// Write failures outside rnnfc (ENOSPC, EROFS, EIO...) become an IoError naming the option.
import { promises as fs, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { ioErrorFrom } from '../errors.js';
import type { OutputFile } from './output-path.js';

export type Content = string | Iterable<string>;

async function writeAll(handle: fs.FileHandle, content: Content): Promise<void> {
  if (typeof content === 'string') await handle.writeFile(content, 'utf8');
  else for (const chunk of content) await handle.writeFile(chunk, 'utf8');
}

let counter = 0;

async function writeAtomic(file: string, content: Content): Promise<void> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const temp = path.join(dir, `.${path.basename(abs)}.rnnfc-${process.pid}-${counter++}.tmp`);
  const existing = await fs.stat(abs).catch(() => null);
  try {
    const handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    try {
      await writeAll(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, abs);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw e;
  }
  // Make the rename itself durable; a directory that cannot be synced (some network file systems) is no reason to fail.
  const dirHandle = await fs.open(dir, fsConstants.O_RDONLY).catch(() => null);
  await dirHandle?.sync().catch(() => {});
  await dirHandle?.close();
}

async function writeDirect(file: string, content: Content, append: boolean): Promise<void> {
  const handle = await fs.open(file, append ? 'a' : 'w');
  try {
    await writeAll(handle, content);
  } finally {
    await handle.close();
  }
}

/** Writes `content` to a checked output that is not standard output (the caller writes that). */
export async function writeOutput(target: OutputFile, content: Content): Promise<void> {
  if (target.kind === 'stdout') throw new Error(`${target.option}: standard output is written by the caller`);
  try {
    if (target.kind === 'direct') await writeDirect(target.path, content, target.append);
    else await writeAtomic(target.path, content);
  } catch (e) {
    throw ioErrorFrom(e, `${target.option} ${target.path}`) ?? e;
  }
}
