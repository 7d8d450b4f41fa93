// The reference engine: the network as tfjs-layers builds and trains it (model.trainOnBatch).
import type { Engine, LossName, NamedWeight, NetworkSpec, Stepper, Trainer, TrainerOptions } from '../types.js';
import { seededRandom } from '../../util/random.js';
import { checkTwinStates } from '../carried-state.js';
import { buildModel, disposeModel, makeOptimizer, readWeights, writeWeights } from './build-model.js';
import type { Tf } from './tf.js';

export function createTfjsEngine(tf: Tf, backend: string): Engine {
  return {
    name: 'tfjs',
    backend,
    async createTrainer(spec: NetworkSpec, options: TrainerOptions, initial: NamedWeight[]): Promise<Trainer> {
      const model = buildModel(tf, spec);
      writeWeights(tf, model, initial);
      // trainOnBatch takes no sample weights: the loss reads the batch's weights, when given,
      // from here (tfjs-layers' computeWeightedLoss: each row's loss times its weight).
      let batchWeights: import('@tensorflow/tfjs').Tensor | null = null;
      const rowLoss = rowLossFunction(tf, options.loss);
      const loss = (yTrue: import('@tensorflow/tfjs').Tensor, yPred: import('@tensorflow/tfjs').Tensor) => {
        const perRow = rowLoss(yTrue, yPred);
        return batchWeights ? tf.mul(perRow, batchWeights) : perRow;
      };
      model.compile({ optimizer: makeOptimizer(tf, options.optimizer), loss });
      const random = seededRandom(options.seed + 0x5eed);
      const shape = (batch: number) => [batch, spec.timeSteps, spec.features] as [number, number, number];
      return {
        async trainBatch(x, y, batch, weights) {
          const xs = tf.tensor3d(x, shape(batch));
          const ys = spec.perStep ? tf.tensor3d(y, [batch, spec.timeSteps, spec.outputs]) : tf.tensor2d(y, [batch, spec.outputs]);
          batchWeights = weights ? (spec.perStep ? tf.tensor2d(weights, [batch, spec.timeSteps]) : tf.tensor1d(weights)) : null;
          // tfjs draws dropout masks from Math.random; seed it for the length of the step.
          const original = Math.random;
          Math.random = random;
          try {
            const loss = await model.trainOnBatch(xs, ys);
            return Array.isArray(loss) ? loss[0]! : loss;
          } finally {
            Math.random = original;
            tf.dispose([xs, ys]);
            if (batchWeights) batchWeights.dispose();
            batchWeights = null;
          }
        },
        resetStates() {
          if (spec.stateful) model.resetStates();
        },
        setLearningRate(lr) {
          // SGD caches -lr as a tensor and updates it in setLearningRate; Adam and RMSprop read the field
          const optimizer = model.optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
          if (typeof optimizer.setLearningRate === 'function') optimizer.setLearningRate(lr);
          else optimizer.learningRate = lr;
        },
        getWeights: () => readWeights(tf, model, spec),
        readStates: () => readLayerStates(model, spec),
        dispose() {
          model.optimizer?.dispose();
          disposeModel(tf, model);
        },
      };
    },
    async createStepper(spec: NetworkSpec, weights: NamedWeight[]): Promise<Stepper> {
      const twin: NetworkSpec = { ...spec, batchSize: 1, dropout: spec.dropout };
      const model = buildModel(tf, twin);
      writeWeights(tf, model, weights);
      return {
        predict(x) {
          const out = tf.tidy(() => model.predict(tf.tensor3d(x, [1, spec.timeSteps, spec.features])) as import('@tensorflow/tfjs').Tensor);
          const values = out.dataSync() as Float32Array;
          out.dispose();
          return Float32Array.from(values);
        },
        resetStates() {
          if (spec.stateful) model.resetStates();
        },
        readStates: () => readLayerStates(model, spec),
        setStates(states) {
          checkTwinStates(spec, states);
          if (!spec.stateful) return;
          let i = 0;
          spec.units.forEach((units, l) => {
            const layer = model.getLayer(`rnn_${l}`) as unknown as { resetStates(states: import('@tensorflow/tfjs').Tensor[]): void };
            const count = spec.cell === 'lstm' ? 2 : 1;
            const tensors = states.slice(i, i + count).map((s) => tf.tensor2d(s, [1, units]));
            i += count;
            // resetStates keeps clones of the tensors it is given
            layer.resetStates(tensors);
            tf.dispose(tensors);
          });
        },
        dispose() {
          disposeModel(tf, model);
        },
      };
    },
  };
}

/** tfjs-layers' loss `loss` per target row (the mean over outputs; the sum over classes for categorical cross-entropy). */
function rowLossFunction(tf: Tf, loss: LossName) {
  switch (loss) {
    case 'mse':
      return tf.metrics.meanSquaredError;
    case 'mae':
      return tf.metrics.meanAbsoluteError;
    case 'binary-crossentropy':
      return tf.metrics.binaryCrossentropy;
    case 'categorical-crossentropy':
      return tf.metrics.categoricalCrossentropy;
  }
}

/** States of a stateful model's recurrent layers; empty for a stateless one (it keeps none). */
function readLayerStates(model: import('@tensorflow/tfjs').LayersModel, spec: NetworkSpec): Float32Array[] {
  if (!spec.stateful) return [];
  const out: Float32Array[] = [];
  spec.units.forEach((_, i) => {
    const layer = model.getLayer(`rnn_${i}`) as unknown as { states: (import('@tensorflow/tfjs').Tensor | null)[] };
    for (const state of layer.states) if (state) out.push(Float32Array.from(state.dataSync()));
  });
  return out;
}
