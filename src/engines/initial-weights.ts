// Initial weights come from tfjs-layers' own initializers (glorot-uniform kernels, orthogonal
// recurrent kernels, zero biases, unit forget bias for LSTM) seeded by --seed, so both engines
// start from the same point, run after run.
import type { NamedWeight, NetworkSpec } from './types.js';
import { buildModel, readWeights } from './tfjs/build-model.js';
import type { Tf } from './tfjs/tf.js';

export function initialWeights(tf: Tf, spec: NetworkSpec, seed: number): NamedWeight[] {
  const model = buildModel(tf, spec, seed);
  try {
    return readWeights(tf, model, spec);
  } finally {
    model.dispose();
  }
}
