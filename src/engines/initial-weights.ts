// Initial weights come from tfjs-layers' own initializers (glorot-uniform kernels, orthogonal
// recurrent kernels, zero biases, unit forget bias for LSTM) seeded by --seed, so both engines
// start from the same point, run after run.
import type { NamedWeight, NetworkSpec } from './types.js';
import { buildModel, disposeModel, readWeights } from './tfjs/build-model.js';
import { loadTf, type Tf } from './tfjs/tf.js';

export function initialWeights(tf: Tf, spec: NetworkSpec, seed: number): NamedWeight[] {
  const model = buildModel(tf, spec, seed);
  try {
    const weights = readWeights(tf, model, spec);
    if (spec.cell === 'lstm') {
      // Unit forget bias (Jozefowicz et al. 2015, Keras' default): the forget gate's bias
      // starts at 1. Bias layout [4 * units], gate order i, f, c, o.
      spec.units.forEach((units, layer) => {
        const bias = weights[layer * 3 + 2]!.values;
        bias.fill(1, units, 2 * units);
      });
    }
    return weights;
  } finally {
    disposeModel(tf, model);
  }
}

/**
 * The initial weights of `spec` for `seed`, computed on tfjs' cpu backend so that they are the
 * same whichever backend or engine trains them. Call it before the engine sets its backend.
 */
export async function seededInitialWeights(spec: NetworkSpec, seed: number): Promise<NamedWeight[]> {
  const { tf } = await loadTf('cpu');
  return initialWeights(tf, spec, seed);
}

/**
 * What the initial weights depend on: the shapes and the seed, not statefulness, batch size,
 * time steps or dropout. Runs with the same key start from the same weights.
 */
export function initialWeightsKey(spec: NetworkSpec, seed: number): string {
  return JSON.stringify([spec.cell, spec.units, spec.features, spec.outputs, seed]);
}
