import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadTf } from '../../src/engines/tfjs/tf.js';
import { initialWeights } from '../../src/engines/initial-weights.js';
import type { NetworkSpec } from '../../src/engines/types.js';
import { toLayersFiles } from '../../src/model-dir/layers-format.js';
import { loadModelDir, saveModelDir, storeDir } from '../../src/model-dir/model-dir.js';
import { METADATA_FORMAT, METADATA_VERSION, type ModelMetadata } from '../../src/model-dir/metadata.js';
import { IoError, ModelError, UsageError } from '../../src/errors.js';
import { tempDir } from '../helpers/paths.js';

const spec: NetworkSpec = { cell: 'gru', units: [3, 2], timeSteps: 2, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 4 };

function metadata(seed: number): ModelMetadata {
  return {
    format: METADATA_FORMAT,
    formatVersion: METADATA_VERSION,
    rnnfcVersion: '0.0.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    data: { file: 'x.csv', sha256: 'ab', observations: 3, timeColumn: 'Month', column: 'Sales', features: ['Sales'], roles: { Sales: ['target', 'feature'] } },
    pipeline: {
      diff: 1,
      lags: 2,
      horizon: 1,
      framing: { kind: 'window', lags: 2, horizon: 1 },
      test: { kind: 'count', n: 1 },
      trainSize: null,
      features: [{ column: 'Sales', kind: 'numeric', transform: { kind: 'diff', lag: 1 }, scaler: { kind: 'minmax', range: [-1, 1], min: [0], max: [1] } }],
      target: { column: 'Sales', transform: { kind: 'diff', lag: 1 }, scaler: { kind: 'minmax', range: [-1, 1], min: [0], max: [1] } },
    },
    network: spec,
    training: {
      cell: 'gru', units: [3, 2], dropout: 0, stateful: true, reset: 'epoch', shuffle: false, batchSize: 4, epochs: 1, lr: 0.001,
      optimizer: 'adam', loss: 'mse', seed, forecastReset: 'never', prime: false, engine: 'tfjs', backend: 'cpu',
    },
    metrics: { rmse: 1, mae: 1, mape: 1, persistence_rmse: 2, skill: 0.5 },
    history: { times: ['1-01', '1-02', '1-03'], values: [1, 2, 3] },
  };
}

async function save(out: string, seed: number) {
  const weights = initialWeights(spec, seed);
  await saveModelDir(out, { ...toLayersFiles(spec, weights), metadata: metadata(seed) });
  return weights;
}

test('a saved model loads back with the same weights and metadata', async () => {
  const out = path.join(tempDir(), 'model');
  const weights = await save(out, 5);
  const loaded = await loadModelDir(out);
  assert.deepEqual(loaded.spec, spec);
  assert.equal(loaded.metadata.training.seed, 5);
  assert.equal(loaded.weights.length, weights.length);
  loaded.weights.forEach((w, i) => {
    assert.deepEqual(w.shape, weights[i]!.shape);
    assert.deepEqual([...w.values], [...weights[i]!.values]);
  });
  for (const f of ['model.json', 'weights.bin', 'rnnfc.json']) assert.ok(fs.existsSync(path.join(out, f)), f);
});

test('model.json and weights.bin load with tf.loadLayersModel as a batch-1 model', async () => {
  const out = path.join(tempDir(), 'model');
  const weights = await save(out, 6);
  const { tf } = await loadTf('cpu');
  const modelJson = JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8'));
  const bin = fs.readFileSync(path.join(out, 'weights.bin'));
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length) }),
  );
  assert.deepEqual(model.inputs[0]!.shape, [1, 2, 1]);
  const first = model.getWeights()[0]!;
  assert.deepEqual([...first.dataSync()], [...weights[0]!.values]);
  model.dispose();
});

test('saving again replaces the model through the link, keeping at most two versions', async () => {
  const out = path.join(tempDir(), 'model');
  await save(out, 1);
  await save(out, 2);
  await save(out, 3);
  assert.equal((await loadModelDir(out)).metadata.training.seed, 3);
  assert.ok(fs.lstatSync(out).isSymbolicLink());
  const versions = fs.readdirSync(storeDir(out));
  assert.equal(versions.length, 2, versions.join(' '));
});

test('an empty existing directory is replaced; a directory of other files is refused untouched', async () => {
  const dir = tempDir();
  const empty = path.join(dir, 'empty');
  fs.mkdirSync(empty);
  await save(empty, 1);
  assert.equal((await loadModelDir(empty)).metadata.training.seed, 1);

  const other = path.join(dir, 'other');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, 'notes.txt'), 'keep me');
  await assert.rejects(save(other, 1), (e: unknown) => e instanceof UsageError && /exists and is not an rnnfc model directory/.test(e.message));
  assert.equal(fs.readFileSync(path.join(other, 'notes.txt'), 'utf8'), 'keep me');
});

test('missing, partial or incompatible directories are ModelErrors naming the path and the problem', async () => {
  const dir = tempDir();
  await assert.rejects(loadModelDir(path.join(dir, 'nope')), { name: 'ModelError', message: `${path.join(dir, 'nope')}: no such model directory` });

  const out = path.join(dir, 'model');
  await save(out, 1);
  const real = fs.realpathSync(out);
  fs.rmSync(path.join(real, 'weights.bin'));
  await assert.rejects(loadModelDir(out), { message: `${out}: weights.bin is missing; is this a model directory written by rnnfc train --out?` });

  fs.writeFileSync(path.join(real, 'weights.bin'), Buffer.alloc(8));
  await assert.rejects(loadModelDir(out), (e: unknown) => e instanceof ModelError && /weights\.bin: too short/.test(e.message));

  const meta = JSON.parse(fs.readFileSync(path.join(real, 'rnnfc.json'), 'utf8'));
  meta.formatVersion = 99;
  fs.writeFileSync(path.join(real, 'rnnfc.json'), JSON.stringify(meta));
  await assert.rejects(loadModelDir(out), { message: `${out}/rnnfc.json: format version 99 is not supported by this rnnfc (supports 1 and 2); retrain the model` });

  fs.writeFileSync(path.join(real, 'rnnfc.json'), '{not json');
  await assert.rejects(loadModelDir(out), (e: unknown) => e instanceof ModelError && e.message.startsWith(`${out}/rnnfc.json: not valid JSON`));
});

test('a later save removes the temporary link a killed run left behind', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'model');
  await save(out, 1);
  // pid 2^22 + 1 is above Linux's pid_max default range for live processes here.
  const stale = path.join(dir, `.model.link-${2 ** 22 + 1}`);
  fs.symlinkSync('.model.rnnfc/nowhere', stale);
  assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('.link-')), [path.basename(stale)]);
  await save(out, 2);
  assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('.link-')), []);
});

test('a write that fails half-way (disk full) removes the new version and keeps the previous model', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'model');
  await save(out, 1);
  const previous = fs.realpathSync(out);
  const files = { modelJson: '{"modelTopology": {}}', weightsBin: Buffer.alloc(64), metadata: metadata(2) };
  // Writes the first half of weights.bin, then fails as a full disk does.
  const fullDisk = async (file: string, data: string | Buffer) => {
    fs.writeFileSync(file, data.slice(0, Math.floor(data.length / 2)));
    if (file.endsWith('weights.bin')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  await assert.rejects(saveModelDir(out, files, fullDisk), (e: unknown) =>
    e instanceof IoError && e.exitCode === 7 && e.message === `--out ${out}: the model could not be saved (the previous model is kept): no space left on device (ENOSPC)`);
  assert.equal(fs.realpathSync(out), previous);
  assert.deepEqual(fs.readdirSync(storeDir(out)), [path.basename(previous)]);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['.model.rnnfc', 'model']);
  assert.equal((await loadModelDir(out)).metadata.training.seed, 1);

  // A plain directory at --out stays where it was when the save fails.
  const plain = path.join(dir, 'plain');
  fs.mkdirSync(plain);
  await assert.rejects(saveModelDir(plain, files, fullDisk), IoError);
  assert.ok(fs.statSync(plain).isDirectory() && !fs.lstatSync(plain).isSymbolicLink());
  assert.ok(!fs.existsSync(storeDir(plain)), 'the store this save created is removed');
});

test('a model written with format version 1 (one column, a scaler per lag) still loads and forecasts with its per-lag scaler', async () => {
  const { forecast } = await import('../../src/commands/forecast.js');
  const { createFusedStepper } = await import('../../src/engines/fused/fused-engine.js');
  const { forecastRecursive } = await import('../../src/evaluate/walk-forward.js');
  const { scaleValue, unscaleValue } = await import('../../src/transforms/scaler.js');
  const out = path.join(tempDir(), 'model');
  const v1Spec: NetworkSpec = { ...spec, stateful: false, batchSize: 1 };
  const weights = initialWeights(v1Spec, 3);
  const scaler = { kind: 'minmax' as const, range: [-1, 1] as [number, number], min: [-5, -3, -4], max: [5, 7, 6] };
  const v1 = {
    ...metadata(3),
    formatVersion: 1,
    network: v1Spec,
    data: { file: 'x.csv', sha256: 'ab', observations: 6, timeColumn: 'Month', column: 'Sales' },
    pipeline: { diff: 1, lags: 2, test: { kind: 'count', n: 1 }, trainSize: null, scaler },
    history: { times: ['1-01', '1-02', '1-03', '1-04', '1-05', '1-06'], values: [1, 3, 2, 5, 4, 6] },
  } as unknown as ModelMetadata;
  await saveModelDir(out, { ...(toLayersFiles(v1Spec, weights)), metadata: v1 });
  const loaded = await loadModelDir(out);
  assert.deepEqual(loaded.metadata.pipeline.target, { column: 'Sales', transform: { kind: 'diff', lag: 1 }, scaler: { kind: 'minmax', range: [-1, 1], min: [-4], max: [6] } });
  assert.deepEqual(loaded.metadata.data.features, ['Sales']);
  const f = await forecast({ modelDir: out, horizon: 3, engine: 'fused', backend: 'auto', missing: 'error' });
  const byHand = forecastRecursive(createFusedStepper(v1Spec, weights), [1, 3, 2, 5, 4, 6], 3, {
    transform: { kind: 'diff', lag: 1 },
    lags: 2,
    scaleInput: (k, v) => scaleValue(scaler, k, v),
    unscaleOutput: (v) => unscaleValue(scaler, 2, v),
    prime: false,
    forecastReset: 'never',
  });
  assert.deepEqual(f.forecasts.map((p) => p.time), ['1-07', '1-08', '1-09']);
  f.forecasts.forEach((p, i) => assert.ok(Math.abs(p.value - byHand[i]!) < 1e-9, `${p.value} vs ${byHand[i]}`));
});
