// The model files as TensorFlow.js itself serializes them (model.save), to check that rnnfc's own
// writer produces the same files and that its reader reads what tfjs writes.
import { buildModel, disposeModel, writeWeights } from '../../src/engines/tfjs/build-model.js';
import type { Tf } from '../../src/engines/tfjs/tf.js';
import type { NamedWeight, NetworkSpec } from '../../src/engines/types.js';
import type { LayersFiles } from '../../src/model-dir/layers-format.js';

export async function tfjsLayersFiles(tf: Tf, spec: NetworkSpec, weights: NamedWeight[]): Promise<LayersFiles> {
  const model = buildModel(tf, { ...spec, batchSize: 1 });
  try {
    writeWeights(tf, model, weights);
    let files: LayersFiles | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const modelJson = {
          format: 'layers-model',
          generatedBy: artifacts.generatedBy,
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
        };
        files = { modelJson: JSON.stringify(modelJson), weightsBin: Buffer.from(new Uint8Array(artifacts.weightData as ArrayBuffer)) };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    return files!;
  } finally {
    disposeModel(tf, model);
  }
}

/** Loads model files with tf.loadLayersModel, from memory. */
export async function tfjsLoad(tf: Tf, files: LayersFiles) {
  const modelJson = JSON.parse(files.modelJson);
  const bin = files.weightsBin;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length) as ArrayBuffer,
    }),
  );
}
