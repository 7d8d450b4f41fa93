// The TensorFlow.js Layers format (model.json + weights.bin), written and read in plain
// TypeScript: the files are those tfjs-layers' own serializer writes for the forecasting twin, so
// tf.loadLayersModel loads them, and rnnfc needs no tfjs to save or load a model.
import { ModelError } from '../errors.js';
import { weightLayout } from '../engines/fused/parameters.js';
import type { NamedWeight, NetworkSpec } from '../engines/types.js';

export interface LayersFiles {
  /** The content of model.json. */
  modelJson: string;
  /** The content of weights.bin. */
  weightsBin: Buffer;
}

/** The tfjs-layers version whose serialization these files follow. */
const TFJS_LAYERS_VERSION = '4.22.0';

const ZEROS = { class_name: 'Zeros', config: {} };

/**
 * One recurrent layer's config, keys in tfjs-layers' order. The initializers are Zeros: the
 * weights come from weights.bin, and a loader that builds the layer before setting them (as
 * tf.loadLayersModel does) then spends no time drawing orthogonal matrices.
 */
function recurrentLayer(spec: NetworkSpec, layer: number) {
  const first = layer === 0;
  const config: Record<string, unknown> = {
    name: `rnn_${layer}`,
    trainable: true,
    ...(first ? { batch_input_shape: [spec.stateful ? 1 : null, spec.timeSteps, spec.features], dtype: 'float32' } : {}),
    units: spec.units[layer],
    activation: 'tanh',
    ...(spec.cell === 'rnn' ? {} : { recurrent_activation: 'sigmoid' }),
    use_bias: true,
    kernel_initializer: ZEROS,
    recurrent_initializer: ZEROS,
    bias_initializer: ZEROS,
    ...(spec.cell === 'lstm' ? { unit_forget_bias: null } : {}),
    kernel_regularizer: null,
    recurrent_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    recurrent_constraint: null,
    bias_constraint: null,
    dropout: spec.dropout,
    recurrent_dropout: 0,
    ...(spec.cell === 'rnn' ? {} : { implementation: null }),
    ...(spec.cell === 'gru' ? { reset_after: false } : {}),
    return_sequences: layer < spec.units.length - 1 || spec.perStep === true,
    return_state: false,
    go_backwards: false,
    stateful: spec.stateful,
    unroll: false,
  };
  const className = { lstm: 'LSTM', gru: 'GRU', rnn: 'SimpleRNN' }[spec.cell];
  return { class_name: className, config };
}

/** The Dense head, wrapped in TimeDistributed (applied at every time step) when perStep. */
function headLayer(spec: NetworkSpec) {
  const dense = (name: string) => ({
    class_name: 'Dense',
    config: {
      units: spec.outputs,
      activation: spec.head ?? 'linear',
      use_bias: true,
      kernel_initializer: ZEROS,
      bias_initializer: ZEROS,
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name,
      trainable: true,
    },
  });
  if (!spec.perStep) return dense('head');
  return { class_name: 'TimeDistributed', config: { layer: dense('head_dense'), name: 'head', trainable: true } };
}

/**
 * The files of the forecasting twin of `spec` (batch 1 when stateful; any batch size otherwise)
 * holding `weights`, in tfjs-layers' order and shapes.
 */
export function toLayersFiles(spec: NetworkSpec, weights: NamedWeight[]): LayersFiles {
  const layout = weightLayout(spec);
  if (weights.length !== layout.length) throw new RangeError(`expected ${layout.length} weight tensors, got ${weights.length}`);
  layout.forEach((slot, i) => {
    const w = weights[i]!;
    if (w.values.length !== slot.size || w.shape.length !== slot.shape.length || w.shape.some((d, k) => d !== slot.shape[k])) {
      throw new RangeError(`weight ${slot.name}: expected shape [${slot.shape.join(', ')}], got [${w.shape.join(', ')}]`);
    }
  });
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${TFJS_LAYERS_VERSION}`,
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'sequential_1', layers: [...spec.units.map((_, i) => recurrentLayer(spec, i)), headLayer(spec)] },
      keras_version: `tfjs-layers ${TFJS_LAYERS_VERSION}`,
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: layout.map((slot) => ({ name: slot.name, shape: [...slot.shape], dtype: 'float32' })) }],
  };
  // float32, little-endian, one tensor after the other (row-major), as tfjs writes them.
  const weightsBin = Buffer.alloc(4 * (layout[layout.length - 1]!.offset + layout[layout.length - 1]!.size));
  layout.forEach((slot, i) => {
    const values = weights[i]!.values;
    for (let k = 0; k < values.length; k++) weightsBin.writeFloatLE(values[k]!, 4 * (slot.offset + k));
  });
  return { modelJson: JSON.stringify(modelJson), weightsBin };
}

/** The shapes a spec's weights must have, in order. */
export function expectedShapes(spec: NetworkSpec): number[][] {
  return weightLayout(spec).map((slot) => slot.shape);
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
  const names = weightLayout(spec).map((slot) => slot.name);
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
