// kill -9 at any moment of `train --out` leaves --out naming a complete model: the previous one
// or the new one, never a mixture (src/model-dir/model-dir.ts swaps a symlink with rename(2)).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadModelDir, storeDir } from '../../src/model-dir/model-dir.js';
import { seededRandom } from '../../src/util/random.js';
import { runCli } from '../helpers/run-cli.js';
import { binPath, fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const KILLS = 20;

const trainArgs = (seed: number) => ['train', shampoo, '--epochs', '20', '--seed', String(seed), '--out', 'm', '-q'];

/** Runs train to completion, or SIGKILLs it after `killAfterMs`; resolves with its pid and how it ended. */
function trainOrKill(dir: string, seed: number, killAfterMs: number): Promise<{ pid: number; code: number | null; signal: string | null; ms: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [binPath, ...trainArgs(seed)], { cwd: dir, stdio: 'ignore' });
  const timer = Number.isFinite(killAfterMs) ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined;
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ pid: child.pid!, code, signal, ms: performance.now() - start });
    }),
  );
}

test(`kill -9 at ${KILLS} random moments of train --out: --out always forecasts, as the previous or the new complete model`, async (t) => {
  const dir = tempDir();
  const out = path.join(dir, 'm');
  const store = storeDir(out);
  const first = await trainOrKill(dir, 1000, Infinity);
  assert.equal(first.code, 0);
  const typicalMs = first.ms;
  const randomSeed = Date.now() % 1e9;
  const random = seededRandom(randomSeed);
  t.diagnostic(`a whole run takes ${typicalMs.toFixed(0)} ms; kill delays drawn from [0, that), every other one from its last quarter, with seed ${randomSeed}`);

  let previous = { target: fs.readlinkSync(out), seed: 1000 };
  const landed = { beforeSave: 0, duringSave: 0, afterSwap: 0, finished: 0 };
  for (let i = 0; i < KILLS; i++) {
    const seed = i + 1;
    // Half the kills anywhere in the run, half in its last quarter, where the save is.
    const delay = (i % 2 === 0 ? random() : 0.75 + 0.25 * random()) * typicalMs;
    const run = await trainOrKill(dir, seed, delay);
    const where = `kill ${i + 1} after ${delay.toFixed(0)} ms (pid ${run.pid}, exit ${run.code ?? run.signal})`;
    assert.ok(run.code === 0 || run.signal === 'SIGKILL', where);

    const target = fs.readlinkSync(out);
    const ownVersion = fs.readdirSync(store).find((v) => v.endsWith(`-${run.pid}`));
    if (run.code === 0) landed.finished++;
    else if (target !== previous.target) landed.afterSwap++;
    else if (ownVersion) landed.duringSave++;
    else landed.beforeSave++;

    const f = await runCli(['forecast', out, '--horizon', '2', '--format', 'csv']);
    assert.equal(f.code, 0, `${where}: ${f.stderr}`);
    assert.equal(f.stdout.trim().split('\n').length, 3, where);
    const model = await loadModelDir(out);
    if (target === previous.target) {
      assert.equal(model.metadata.training.seed, previous.seed, where);
    } else {
      assert.equal(target, path.join(path.basename(store), ownVersion!), `${where}: m names the killed run's own version`);
      assert.equal(model.metadata.training.seed, seed, where);
      previous = { target, seed };
    }
  }
  t.diagnostic(
    `kills landed: ${landed.beforeSave} before the save, ${landed.duringSave} during it (version written, link not swapped), ` +
      `${landed.afterSwap} after the link swap, ${landed.finished} too late (the run had finished)`,
  );

  // A run killed while writing leaves its version directory behind; add one for certain.
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
  const abandoned = path.join(store, `2026-01-01T00-00-00-000Z-${deadPid}`);
  fs.mkdirSync(abandoned);
  fs.writeFileSync(path.join(abandoned, 'model.json'), '{');
  const incompleteBefore = fs.readdirSync(store).filter((v) => !fs.existsSync(path.join(store, v, 'rnnfc.json')));
  t.diagnostic(`abandoned version directories before the last save: ${incompleteBefore.length}`);

  const last = await trainOrKill(dir, 2000, Infinity);
  assert.equal(last.code, 0);
  const versions = fs.readdirSync(store).sort();
  assert.equal(versions.length, 2, `kept the current and the one before it: ${versions.join(', ')}`);
  for (const v of versions) assert.ok(fs.existsSync(path.join(store, v, 'rnnfc.json')), `${v} is complete`);
  assert.equal(fs.readlinkSync(out), path.join(path.basename(store), versions[1]!));
  assert.ok(versions[1]!.endsWith(`-${last.pid}`));
  assert.equal((await loadModelDir(out)).metadata.training.seed, 2000);
  assert.equal(fs.lstatSync(path.join(dir, '.m.rnnfc.lock'), { throwIfNoEntry: false }), undefined, 'the stale locks of killed runs were taken over and released');
  const leftoverLinks = fs.readdirSync(dir).filter((n) => n.startsWith('.m.link-'));
  t.diagnostic(`temporary links left by killed runs (not cleaned up by saveModelDir): ${leftoverLinks.length}`);
});
