// The Layers-format files record the head's activation and the per-step output, so that tfjs
// loads a classifier that gives the probabilities the fused engine gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFusedEngine } from '../../src/engines/fused/fused-engine.js';
import { initialWeights } from '../../src/engines/initial-weights.js';
import { loadTf } from '../../src/engines/tfjs/tf.js';
import type { NetworkSpec } from '../../src/engines/types.js';
import { fromLayersFiles, toLayersFiles } from '../../src/model-dir/layers-format.js';

const CASES: NetworkSpec[] = [
  { cell: 'lstm', units: [3, 2], timeSteps: 4, features: 3, outputs: 1, head: 'sigmoid', perStep: true, dropout: 0, stateful: false, batchSize: 8 },
  { cell: 'gru', units: [3], timeSteps: 2, features: 2, outputs: 3, head: 'softmax', dropout: 0, stateful: true, batchSize: 2 },
];

for (const spec of CASES) {
  test(`a ${spec.head} head${spec.perStep ? ' per step' : ''} saved in the Layers format loads in tfjs with the same probabilities`, async () => {
    const { tf } = await loadTf('cpu');
    const weights = initialWeights(spec, 4);
    const files = toLayersFiles(spec, weights);
    const modelJson = JSON.parse(files.modelJson);
    const text = JSON.stringify(modelJson.modelTopology);
    assert.ok(text.includes(`"activation":"${spec.head}"`), 'the activation is recorded');
    const layers = modelJson.modelTopology.config.layers as { class_name: string; config: { return_sequences?: boolean } }[];
    const recurrent = layers.filter((l) => l.config.return_sequences !== undefined);
    assert.equal(recurrent[recurrent.length - 1]!.config.return_sequences, spec.perStep === true);

    const bin = files.weightsBin;
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length) }),
    );
    const loaded = fromLayersFiles(files.modelJson, bin, spec, 'model');
    const stepper = await createFusedEngine().createStepper(spec, loaded);
    const x = Float32Array.from({ length: spec.timeSteps * spec.features }, (_, i) => Math.sin(i + 1));
    const out = model.predict(tf.tensor3d(x, [1, spec.timeSteps, spec.features])) as import('@tensorflow/tfjs').Tensor;
    const want = out.dataSync();
    const got = stepper.predict(x);
    assert.equal(got.length, (spec.perStep ? spec.timeSteps : 1) * spec.outputs);
    assert.equal(want.length, got.length);
    want.forEach((v, k) => assert.ok(Math.abs(v - got[k]!) < 1e-5, `output ${k}: tfjs ${v}, fused ${got[k]}`));
    assert.ok(got.every((p) => p > 0 && p < 1), 'probabilities');
    tf.dispose(out);
    model.dispose();
  });
}
