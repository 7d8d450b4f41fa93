// The TensorFlow.js Layers format (model.json + weights.bin), written from NamedWeights through
// tfjs' own serializer and read back without tfjs, so the fused engine needs no tensors to load.
import { ModelError } from '../errors.js';
import { buildModel, disposeModel, weightNames, writeWeights } from '../engines/tfjs/build-model.js';
import type { Tf } from '../engines/tfjs/tf.js';
import { GATES, type NamedWeight, type NetworkSpec } from '../engines/types.js';

export interface LayersFiles {
  /** The content of model.json. */
  modelJson: string;
  /** The content of weights.bin. */
  weightsBin: Buffer;
}

/** The forecasting twin of `spec` (batch 1) with `weights`, serialized by tfjs. */
export async function toLayersFiles(tf: Tf, spec: NetworkSpec, weights: NamedWeight[]): Promise<LayersFiles> {
  const twin: NetworkSpec = { ...spec, batchSize: 1 };
  const model = buildModel(tf, twin);
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
        const data = artifacts.weightData as ArrayBuffer;
        files = { modelJson: JSON.stringify(modelJson), weightsBin: Buffer.from(new Uint8Array(data)) };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    return files!;
  } finally {
    disposeModel(tf, model);
  }
}

/** The shapes a spec's weights must have, in order. */
export function expectedShapes(spec: NetworkSpec): number[][] {
  const g = GATES[spec.cell];
  const shapes: number[][] = [];
  let inputs = spec.features;
  for (const units of spec.units) {
    shapes.push([inputs, g * units], [units, g * units], [g * units]);
    inputs = units;
  }
  shapes.push([inputs, spec.outputs], [spec.outputs]);
  return shapes;
}

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
}

/** Reads weights from model.json + weights.bin, checking them against `spec`. */
export function fromLayersFiles(modelJsonText: string, weightsBin: Buffer, spec: NetworkSpec, where: string): NamedWeight[] {
  let modelJson: { weightsManifest?: { paths: string[]; weights: ManifestEntry[] }[] };
  try {
    modelJson = JSON.parse(modelJsonText);
  } catch (e) {
    throw new ModelError(`${where}/model.json: not valid JSON (${(e as Error).message})`);
  }
  const manifest = modelJson.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length !== 1 || !Array.isArray(manifest[0]?.weights)) {
    throw new ModelError(`${where}/model.json: no weightsManifest with one weights group`);
  }
  const entries = manifest[0]!.weights;
  const shapes = expectedShapes(spec);
  const names = weightNames(spec);
  if (entries.length !== shapes.length) {
    throw new ModelError(`${where}/model.json: expected ${shapes.length} weight tensors for this network, found ${entries.length}`);
  }
  const weights: NamedWeight[] = [];
  let offset = 0;
  entries.forEach((entry, i) => {
    const want = shapes[i]!;
    if (entry.dtype !== 'float32') throw new ModelError(`${where}/model.json: weight ${entry.name} is ${entry.dtype}, expected float32`);
    if (!Array.isArray(entry.shape) || entry.shape.length !== want.length || entry.shape.some((d, k) => d !== want[k])) {
      throw new ModelError(`${where}/model.json: weight ${entry.name} has shape [${entry.shape}], expected [${want}]`);
    }
    const count = want.reduce((a, b) => a * b, 1);
    const bytes = count * 4;
    if (offset + bytes > weightsBin.length) {
      throw new ModelError(`${where}/weights.bin: too short (${weightsBin.length} bytes) for the weights in model.json`);
    }
    const values = new Float32Array(count);
    for (let k = 0; k < count; k++) values[k] = weightsBin.readFloatLE(offset + 4 * k);
    offset += bytes;
    weights.push({ name: names[i]!, shape: want, values });
  });
  if (offset !== weightsBin.length) {
    throw new ModelError(`${where}/weights.bin: ${weightsBin.length} bytes, expected ${offset} for the weights in model.json`);
  }
  return weights;
}
