// The fused engine: the same networks as the tfjs engine, in plain TypeScript on preallocated
// float64 buffers. For the small networks rnnfc usually trains it skips tfjs' per-op dispatch
// (~1.7 ms a step) and trains a step in microseconds; select-engine.ts decides when it is faster.
import { type Engine, type LossName, type NamedWeight, type NetworkSpec, type Stepper, type Trainer, type TrainerOptions, targetSize } from '../types.js';
import { checkTwinStates } from '../carried-state.js';
import { Network } from './network.js';
import { createOptimizer } from './optimizers.js';

export function createFusedEngine(): Engine {
  return {
    name: 'fused',
    backend: 'js',
    async createTrainer(spec: NetworkSpec, options: TrainerOptions, initial: NamedWeight[]): Promise<Trainer> {
      return createFusedTrainer(spec, options, initial);
    },
    async createStepper(spec: NetworkSpec, weights: NamedWeight[]): Promise<Stepper> {
      return createFusedStepper(spec, weights);
    },
  };
}

const LOSSES: LossName[] = ['mse', 'mae', 'binary-crossentropy', 'categorical-crossentropy'];

/** A Trainer that trains synchronously: trainBatch returns the loss itself. */
export interface FusedTrainer extends Trainer {
  trainBatch(x: Float32Array, y: Float32Array, batch: number, weights?: Float32Array): number;
}

/** The trainer behind createTrainer, for callers that want the synchronous type. */
export function createFusedTrainer(spec: NetworkSpec, options: TrainerOptions, initial: NamedWeight[]): FusedTrainer {
  if (!LOSSES.includes(options.loss)) {
    throw new TypeError(`loss must be one of ${LOSSES.join(', ')}, got ${JSON.stringify(options.loss)}`);
  }
  const network = new Network(spec, initial, spec.batchSize, options.seed);
  const optimizer = createOptimizer(options.optimizer, network.params.length);
  const loss = options.loss;
  return {
    trainBatch(x, y, batch, weights) {
      network.checkBatch(x, y, batch, weights ?? null);
      if (spec.stateful && batch !== spec.batchSize) {
        throw new RangeError(`a stateful network trains on batches of exactly ${spec.batchSize} rows, got ${batch}`);
      }
      const value = network.lossAndGradient(x, y, batch, loss, weights ?? null);
      optimizer.applyInPlace(network.params, network.grads);
      return value;
    },
    resetStates() {
      network.resetStates();
    },
    setLearningRate(lr) {
      optimizer.lr = lr;
    },
    getWeights: () => network.getWeights(),
    readStates: () => (spec.stateful ? network.readStates(spec.batchSize) : []),
    dispose() {},
  };
}

/** A batch-1 forecaster; stateful (carrying state between calls) when spec is. */
export function createFusedStepper(spec: NetworkSpec, weights: NamedWeight[]): Stepper {
  const twin: NetworkSpec = { ...spec, batchSize: 1 };
  const network = new Network(twin, weights, 1);
  const size = targetSize(spec);
  return {
    predict(x) {
      network.checkBatch(x, null, 1);
      network.forward(x, 1, false);
      return Float32Array.from(network.predictions().subarray(0, size));
    },
    resetStates() {
      network.resetStates();
    },
    readStates: () => (spec.stateful ? network.readStates(1) : []),
    setStates(states) {
      checkTwinStates(spec, states);
      if (spec.stateful) network.writeStates(states);
    },
    dispose() {},
  };
}
