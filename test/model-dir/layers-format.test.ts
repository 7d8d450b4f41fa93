// rnnfc writes and reads the TensorFlow.js Layers format without tfjs: the files are those tfjs'
// own serializer writes, tf.loadLayersModel loads them and forecasts as the fused stepper does, and
// what tfjs saves reads back to the same weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFusedStepper } from '../../src/engines/fused/fused-engine.js';
import { initialWeights } from '../../src/engines/initial-weights.js';
import { loadTf } from '../../src/engines/tfjs/tf.js';
import type { CellType, NetworkSpec } from '../../src/engines/types.js';
import { ModelError } from '../../src/errors.js';
import { fromLayersFiles, toLayersFiles } from '../../src/model-dir/layers-format.js';
import { seededRandom } from '../../src/util/random.js';
import { tfjsLayersFiles, tfjsLoad } from '../helpers/tfjs-layers-files.js';

const specOf = (cell: CellType, units: number[], stateful: boolean, dropout: number): NetworkSpec => ({
  cell,
  units,
  timeSteps: 3,
  features: 2,
  outputs: 2,
  dropout,
  stateful,
  batchSize: 4,
});

/** The model.json without the Sequential's name, which tfjs numbers by how many models a process built. */
function withoutModelName(modelJson: string) {
  const parsed = JSON.parse(modelJson);
  delete parsed.modelTopology.config.name;
  return parsed;
}

/** Our files for `spec` against those of tfjs' model.save, and both read back. */
async function sameFilesAsTfjs(spec: NetworkSpec): Promise<void> {
  const { tf } = await loadTf('cpu');
  const weights = initialWeights(spec, 3);
  const ours = toLayersFiles(spec, weights);
  const theirs = await tfjsLayersFiles(tf, spec, weights);
  assert.deepEqual(withoutModelName(ours.modelJson), withoutModelName(theirs.modelJson));
  assert.equal(JSON.parse(ours.modelJson).modelTopology.config.name, 'sequential_1');
  assert.ok(ours.weightsBin.equals(theirs.weightsBin));
  assert.deepEqual(fromLayersFiles(theirs.modelJson, theirs.weightsBin, spec, 'm'), weights);
  assert.deepEqual(fromLayersFiles(ours.modelJson, ours.weightsBin, spec, 'm'), weights);
}

for (const cell of ['lstm', 'gru', 'rnn'] as const)
  for (const units of [[3], [3, 2]])
    for (const stateful of [true, false]) {
      const spec = specOf(cell, units, stateful, stateful ? 0 : 0.2);
      const label = `${cell} ${units.join(',')} ${stateful ? 'stateful' : 'stateless'}`;
      test(`layers format, ${label}: the same files as tfjs' serializer writes, read back to the same weights`, async () => {
        await sameFilesAsTfjs(spec);
      });
    }

const HEADS: NetworkSpec[] = [
  { ...specOf('lstm', [3, 2], false, 0), outputs: 1, head: 'sigmoid', perStep: true },
  { ...specOf('gru', [3], true, 0), outputs: 3, head: 'softmax' },
  { ...specOf('rnn', [2], true, 0), head: 'linear', perStep: true },
];
for (const spec of HEADS) {
  test(`layers format, ${spec.cell} with a ${spec.head} head${spec.perStep ? ' per step' : ''}: the same files as tfjs' serializer writes`, async () => {
    await sameFilesAsTfjs(spec);
  });
}


for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  test(`tf.loadLayersModel loads what rnnfc writes (${cell}, stateful, 2 layers) and forecasts as the fused stepper does`, async () => {
    const { tf } = await loadTf('cpu');
    const spec = specOf(cell, [3, 2], true, 0);
    const weights = initialWeights(spec, 8);
    const model = await tfjsLoad(tf, toLayersFiles(spec, weights));
    const stepper = createFusedStepper(spec, weights);
    assert.deepEqual(model.inputs[0]!.shape, [1, 3, 2]);
    const random = seededRandom(2);
    for (let call = 0; call < 5; call++) {
      const x = Float32Array.from({ length: 6 }, () => 2 * random() - 1);
      const out = model.predict(tf.tensor3d(x, [1, 3, 2])) as import('@tensorflow/tfjs').Tensor;
      const want = out.dataSync();
      out.dispose();
      const got = stepper.predict(x);
      // Stateful: both carry the state from call to call.
      want.forEach((v, o) => assert.ok(Math.abs(v - got[o]!) < 1e-5, `call ${call} output ${o}: tfjs ${v}, fused ${got[o]}`));
    }
    model.dispose();
  });
}

test('toLayersFiles checks the weights against the spec', () => {
  const spec = specOf('lstm', [3], false, 0);
  const weights = initialWeights(spec, 1);
  assert.throws(() => toLayersFiles(spec, weights.slice(1)), /expected 5 weight tensors, got 4/);
  assert.throws(() => toLayersFiles({ ...spec, units: [4] }, weights), /weight rnn_0\/kernel: expected shape \[2, 16\], got \[2, 12\]/);
});

test('fromLayersFiles names what is wrong with damaged files', () => {
  const spec = specOf('gru', [3], false, 0);
  const { modelJson, weightsBin } = toLayersFiles(spec, initialWeights(spec, 1));
  assert.throws(() => fromLayersFiles('{', weightsBin, spec, 'm'), (e: unknown) => e instanceof ModelError && /^m\/model.json: not valid JSON/.test(e.message));
  assert.throws(() => fromLayersFiles(modelJson, weightsBin.subarray(4), spec, 'm'), (e: unknown) => e instanceof ModelError && /^m\/weights.bin: too short/.test(e.message));
  assert.throws(
    () => fromLayersFiles(modelJson, weightsBin, { ...spec, units: [2] }, 'm'),
    (e: unknown) => e instanceof ModelError && e.message === 'm/model.json: weight rnn_0/kernel has shape [2,9], expected [2,6]',
  );
});
