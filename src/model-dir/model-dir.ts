// A saved model: model.json + weights.bin (TensorFlow.js Layers format) and rnnfc.json (all else
// needed to forecast without the training CSV).
//
// Replacing a model must never leave a half-written one where a good one was, even after kill -9.
// So `--out m` is a symbolic link to a complete version directory in `.m.rnnfc/`: a new model is
// written and synced there in full, then the link is swapped with one rename(2), which is atomic.
// At every moment `m` names either the previous complete model or the new complete one.
import { promises as fs, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { ioErrorFrom, ModelError, UsageError } from '../errors.js';
import { checkParentDirectory } from '../util/output-path.js';
import type { NamedWeight, NetworkSpec } from '../engines/types.js';
import { fromLayersFiles } from './layers-format.js';
import type { ModelMetadata } from './metadata.js';
import { validateMetadata } from './metadata.js';

export const FILES = { model: 'model.json', weights: 'weights.bin', meta: 'rnnfc.json' } as const;

/** How many complete versions to keep in the store (the current one and the one before it, for readers still on it). */
const VERSIONS_KEPT = 2;

export function storeDir(out: string): string {
  const abs = path.resolve(out);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.rnnfc`);
}

async function writeSynced(file: string, data: string | Buffer): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function lstatOrNull(p: string) {
  try {
    return await fs.lstat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Checks that `out` can be replaced by a model, before any work is done. */
export async function checkOutPath(out: string): Promise<void> {
  await checkParentDirectory(out, '--out');
  const abs = path.resolve(out);
  const store = await lstatOrNull(storeDir(out));
  if (store && !store.isDirectory()) throw new UsageError(`--out ${out}: ${storeDir(out)} exists and is not a directory; rnnfc keeps the model's versions there`);
  const st = await lstatOrNull(abs);
  if (!st) return;
  if (st.isSymbolicLink()) {
    const target = await fs.stat(abs).catch(() => null);
    if (!target) {
      // A model link whose version was removed by hand may be replaced; any other broken link is not ours.
      const link = await fs.readlink(abs);
      if (link.startsWith(path.basename(storeDir(out)) + path.sep)) return;
      throw new UsageError(`--out ${out}: is a broken link to ${link}, not an rnnfc model; choose another path`);
    }
    if (!target.isDirectory()) throw new UsageError(`--out ${out}: exists and is not a directory`);
  } else if (!st.isDirectory()) {
    throw new UsageError(`--out ${out}: exists and is not a directory`);
  }
  const entries = await fs.readdir(abs);
  if (entries.length === 0 || entries.includes(FILES.meta)) return;
  throw new UsageError(`--out ${out}: exists and is not an rnnfc model directory; choose another path`);
}

export interface ModelFiles {
  modelJson: string;
  weightsBin: Buffer;
  metadata: ModelMetadata;
}

/** How a version's files are written and synced; replaceable so that tests can make a write fail. */
export type FileWriter = (file: string, data: string | Buffer) => Promise<void>;

/**
 * Writes a complete model, then atomically makes `out` point at it. Returns the version directory.
 * If anything fails before the link is swapped (a full disk, say), the new version is removed,
 * `out` keeps the previous model, and a write failure outside rnnfc is an IoError.
 */
export async function saveModelDir(out: string, files: ModelFiles, writeFile: FileWriter = writeSynced): Promise<string> {
  await checkOutPath(out);
  const abs = path.resolve(out);
  const store = storeDir(out);
  const version = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  const versionDir = path.join(store, version);
  const link = path.join(path.dirname(abs), `.${path.basename(abs)}.link-${process.pid}`);
  try {
    await fs.mkdir(store, { recursive: true });
    await fs.mkdir(versionDir);
    await writeFile(path.join(versionDir, FILES.model), files.modelJson);
    await writeFile(path.join(versionDir, FILES.weights), files.weightsBin);
    // rnnfc.json last: a version directory without it is incomplete and is never linked.
    await writeFile(path.join(versionDir, FILES.meta), JSON.stringify(files.metadata, null, 2) + '\n');
    await syncDir(versionDir);
    await fs.rm(link, { force: true });
    await fs.symlink(path.join(path.basename(store), version), link);
    await swapLink(abs, link, path.join(store, `previous-${version}`));
  } catch (e) {
    await fs.rm(link, { force: true }).catch(() => {});
    await fs.rm(versionDir, { recursive: true, force: true }).catch(() => {});
    await fs.rmdir(store).catch(() => {}); // only if this save created it and left it empty
    throw ioErrorFrom(e, `--out ${out}: the model could not be saved (the previous model is kept)`) ?? e;
  }
  // The new model is in place: what follows only tidies up, and the next save retries it.
  await syncDir(path.dirname(abs)).catch(() => {});
  await pruneStore(store, version).catch(() => {});
  await removeAbandonedLinks(abs).catch(() => {});
  return versionDir;
}

/** Renames `link` over `abs`; a plain directory there (empty, or a model copied by hand) is moved to `previous` first, and back if the rename fails. */
async function swapLink(abs: string, link: string, previous: string): Promise<void> {
  const existing = await lstatOrNull(abs);
  const moved = existing !== null && !existing.isSymbolicLink();
  if (moved) await fs.rename(abs, previous);
  try {
    await fs.rename(link, abs);
  } catch (e) {
    if (moved) await fs.rename(previous, abs).catch(() => {});
    throw e;
  }
}

/** Removes the temporary links `.m.link-<pid>` of runs killed between creating and renaming them. */
async function removeAbandonedLinks(abs: string): Promise<void> {
  const prefix = `.${path.basename(abs)}.link-`;
  for (const name of await fs.readdir(path.dirname(abs))) {
    if (name.startsWith(prefix) && !isAlive(Number(name.slice(prefix.length)))) {
      await fs.rm(path.join(path.dirname(abs), name), { force: true });
    }
  }
}

/** Removes old and abandoned versions, keeping the newest complete ones. */
async function pruneStore(store: string, current: string): Promise<void> {
  const entries = (await fs.readdir(store)).sort();
  const complete: string[] = [];
  for (const name of entries) {
    if (name === current) continue;
    const hasMeta = await lstatOrNull(path.join(store, name, FILES.meta));
    // Versions of runs still writing have no rnnfc.json yet; leave directories of live pids.
    const pid = Number(name.split('-').pop());
    if (!hasMeta && isAlive(pid)) continue;
    if (hasMeta) complete.push(name);
    else await fs.rm(path.join(store, name), { recursive: true, force: true });
  }
  const stale = complete.slice(0, Math.max(0, complete.length - (VERSIONS_KEPT - 1)));
  for (const name of stale) await fs.rm(path.join(store, name), { recursive: true, force: true });
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LoadedModel {
  dir: string;
  metadata: ModelMetadata;
  spec: NetworkSpec;
  weights: NamedWeight[];
}

/** Reads `name` from the resolved version directory; messages name the path the user gave. */
async function readOrFail(real: string, name: string, dir: string): Promise<Buffer> {
  try {
    return await fs.readFile(path.join(real, name));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'missing' : code === 'EACCES' ? 'not readable (permission denied)' : `unreadable (${code})`;
    throw new ModelError(`${dir}: ${name} is ${why}; is this a model directory written by rnnfc train --out?`);
  }
}

const LAYER_CLASS: Record<NetworkSpec['cell'], string> = { lstm: 'LSTM', gru: 'GRU', rnn: 'SimpleRNN' };

/**
 * The layers model.json describes must be the network rnnfc.json describes: the weights are read
 * by rnnfc.json's shapes, and a hand edit of one file but not the other would forecast nonsense.
 */
function checkLayers(modelJsonText: string, spec: NetworkSpec, dir: string): void {
  let layers: unknown;
  try {
    layers = JSON.parse(modelJsonText)?.modelTopology?.config?.layers;
  } catch (e) {
    throw new ModelError(`${dir}/model.json: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(layers)) throw new ModelError(`${dir}/model.json: no modelTopology.config.layers`);
  // the head: a Dense layer, wrapped in TimeDistributed when it runs at every step (per-step labels)
  const recurrent = layers.filter((l: { class_name?: unknown }) => l?.class_name !== 'Dense' && l?.class_name !== 'TimeDistributed');
  const described = spec.units.map((u) => `${LAYER_CLASS[spec.cell]} ${u}`).join(', ');
  const found = recurrent.map((l: { class_name?: unknown; config?: { units?: unknown } }) => `${String(l?.class_name)} ${String(l?.config?.units)}`).join(', ');
  if (found !== described) {
    throw new ModelError(`${dir}: model.json's recurrent layers (${found}) disagree with rnnfc.json's network.cell and network.units (${described})`);
  }
}

/** Loads and checks a model directory. Every problem is a ModelError naming the path. */
export async function loadModelDir(dir: string): Promise<LoadedModel> {
  const st = await lstatOrNull(dir).catch(() => null);
  if (!st) throw new ModelError(`${dir}: no such model directory`);
  let real: string;
  try {
    // Resolve the link once, so all three files come from the same version.
    real = await fs.realpath(dir);
  } catch {
    throw new ModelError(`${dir}: the model link is broken (its version directory is missing)`);
  }
  if (!(await fs.stat(real)).isDirectory()) throw new ModelError(`${dir}: not a directory`);
  const metaText = (await readOrFail(real, FILES.meta, dir)).toString('utf8');
  const metadata = validateMetadata(metaText, dir);
  const modelJson = (await readOrFail(real, FILES.model, dir)).toString('utf8');
  const weightsBin = await readOrFail(real, FILES.weights, dir);
  const spec: NetworkSpec = metadata.network;
  checkLayers(modelJson, spec, dir);
  const weights = fromLayersFiles(modelJson, weightsBin, spec, dir);
  return { dir, metadata, spec, weights };
}
