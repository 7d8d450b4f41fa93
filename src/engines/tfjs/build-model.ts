// Builds the tfjs-layers network for a NetworkSpec. The same function makes the training model,
// the batch-1 forecasting twin and the model that is saved.
import type { Tf } from './tf.js';
import type { NamedWeight, NetworkSpec, OptimizerSpec } from '../types.js';

/**
 * A Sequential model: stacked recurrent layers named rnn_0, rnn_1, ... (all but the last
 * return sequences; the last too when perStep) and a Dense head named `head` with the spec's
 * activation (applied at every time step when perStep, through timeDistributed). Stateful
 * networks get a fixed batch size through batchInputShape, as tfjs-layers requires. Every
 * weight starts at zero: the callers set them (initial-weights.ts computes the seeded initial ones).
 */
export function buildModel(tf: Tf, spec: NetworkSpec) {
  return addLayers(tf, tf.sequential(), spec);
}

function addLayers(tf: Tf, model: import('@tensorflow/tfjs').Sequential, spec: NetworkSpec) {
  const shape: [number, number] = [spec.timeSteps, spec.features];
  spec.units.forEach((units, i) => {
    const common = {
      name: `rnn_${i}`,
      units,
      returnSequences: i < spec.units.length - 1 || spec.perStep === true,
      stateful: spec.stateful,
      dropout: spec.dropout,
      kernelInitializer: 'zeros' as const,
      recurrentInitializer: 'zeros' as const,
      biasInitializer: 'zeros' as const,
      ...(i === 0
        ? spec.stateful
          ? { batchInputShape: [spec.batchSize, ...shape] }
          : { inputShape: shape }
        : {}),
    };
    if (spec.cell === 'lstm') {
      model.add(tf.layers.lstm({ ...common, recurrentActivation: 'sigmoid' }));
    } else if (spec.cell === 'gru') {
      model.add(tf.layers.gru({ ...common, recurrentActivation: 'sigmoid' }));
    } else {
      model.add(tf.layers.simpleRNN({ ...common }));
    }
  });
  const dense = {
    units: spec.outputs,
    activation: spec.head ?? 'linear',
    kernelInitializer: 'zeros' as const,
    biasInitializer: 'zeros' as const,
  };
  if (spec.perStep) {
    model.add(tf.layers.timeDistributed({ name: 'head', layer: tf.layers.dense({ name: 'head_dense', ...dense }) }));
  } else {
    model.add(tf.layers.dense({ name: 'head', ...dense }));
  }
  return model;
}

/** Canonical weight names, by position: rnn_0/kernel, ..., head/bias. */
export function weightNames(spec: NetworkSpec): string[] {
  const names: string[] = [];
  spec.units.forEach((_, i) => names.push(`rnn_${i}/kernel`, `rnn_${i}/recurrent_kernel`, `rnn_${i}/bias`));
  names.push('head/kernel', 'head/bias');
  return names;
}

/** The model's weights, copied out of tfjs. */
export function readWeights(tf: Tf, model: import('@tensorflow/tfjs').LayersModel, spec: NetworkSpec): NamedWeight[] {
  const names = weightNames(spec);
  return model.getWeights().map((w, i) => ({
    name: names[i]!,
    shape: [...w.shape],
    values: Float32Array.from(w.dataSync()),
  }));
}

/** Sets the model's weights from NamedWeights (same order), checking shapes. */
export function writeWeights(tf: Tf, model: import('@tensorflow/tfjs').LayersModel, weights: NamedWeight[]): void {
  const current = model.weights;
  if (current.length !== weights.length) {
    throw new RangeError(`expected ${current.length} weight tensors, got ${weights.length}`);
  }
  const tensors = weights.map((w, i) => {
    const want = current[i]!.shape;
    if (want.length !== w.shape.length || want.some((d, k) => d !== w.shape[k])) {
      throw new RangeError(`weight ${w.name}: expected shape [${want.join(', ')}], got [${w.shape.join(', ')}]`);
    }
    return tf.tensor(w.values, w.shape);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

export function makeOptimizer(tf: Tf, spec: OptimizerSpec) {
  // tfjs' own defaults besides the learning rate, which are the defaults of Keras too.
  switch (spec.name) {
    case 'adam':
      return tf.train.adam(spec.lr);
    case 'sgd':
      return tf.train.sgd(spec.lr);
    case 'rmsprop':
      return tf.train.rmsprop(spec.lr);
  }
}

/** Disposes a model and the recurrent states tfjs keeps outside its weights (model.dispose() does not). */
export function disposeModel(tf: Tf, model: import('@tensorflow/tfjs').LayersModel): void {
  for (const layer of model.layers) {
    const rnn = layer as unknown as { states_?: (import('@tensorflow/tfjs').Tensor | null)[]; keptStates?: import('@tensorflow/tfjs').Tensor[][] };
    if (rnn.keptStates) for (const kept of rnn.keptStates) tf.dispose(kept);
    if (rnn.states_) tf.dispose(rnn.states_.filter((t): t is import('@tensorflow/tfjs').Tensor => t !== null && !t.isDisposed));
  }
  model.dispose();
}
