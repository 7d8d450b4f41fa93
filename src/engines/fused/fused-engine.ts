// The fused engine: the same networks as the tfjs engine, in plain TypeScript on preallocated
// float64 buffers. For the small networks rnnfc usually trains it skips tfjs' per-op dispatch
// (~1.7 ms a step) and trains a step in microseconds; select-engine.ts decides when it is faster.
import { GATES, type Engine, type LossName, type NamedWeight, type NetworkSpec, type Stepper, type Trainer, type TrainerOptions, targetSize } from '../types.js';
import { checkTwinStates } from '../carried-state.js';
import type { KernelChoice } from './arena.js';
import { Network } from './network.js';
import { createOptimizer, type Optimizer } from './optimizers.js';
import { ThreadTeam } from './thread-team.js';

export function createFusedEngine(): Engine {
  return {
    name: 'fused',
    backend: 'js',
    async createTrainer(spec: NetworkSpec, options: TrainerOptions, initial: NamedWeight[]): Promise<Trainer> {
      const threads = fusedThreads(spec, options.threads ?? 1);
      return threads > 1 ? createFusedTrainerOnThreads(spec, options, initial, threads) : createFusedTrainer(spec, options, initial);
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

/** Settings of the fused engine alone (tests and the benchmark compare kernels). */
export interface FusedTuning {
  /** Which kernels run the matrix products; every choice gives the same bits. Default 'auto'. */
  kernels?: KernelChoice;
}

/**
 * Multiply-adds of one training step (forward and backward, one batch) below which a second
 * thread costs more than it saves: the threads meet five times a step, tens of microseconds.
 */
const MIN_WORK_PER_THREAD = 2_000_000;
/** Fewer rows than this per thread and the kernels lose their blocking. */
const MIN_ROWS_PER_THREAD = 8;

/** How many of `threads` threads are worth using to train `spec` (1 for small networks and batches). */
export function fusedThreads(spec: NetworkSpec, threads: number): number {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const g = GATES[spec.cell];
  let inputs = spec.features;
  let macsPerStep = 0;
  for (const units of spec.units) {
    macsPerStep += g * units * (inputs + units);
    inputs = units;
  }
  // forward, input gradients and parameter gradients: three products per weight
  const work = 3 * spec.batchSize * spec.timeSteps * macsPerStep;
  return Math.max(1, Math.min(threads, Math.floor(spec.batchSize / MIN_ROWS_PER_THREAD), Math.floor(work / MIN_WORK_PER_THREAD)));
}

/** The trainer behind createTrainer, for callers that want the synchronous type (one thread). */
export function createFusedTrainer(spec: NetworkSpec, options: TrainerOptions, initial: NamedWeight[], tuning: FusedTuning = {}): FusedTrainer {
  checkLoss(options);
  const network = new Network(spec, initial, spec.batchSize, options.seed, tuning.kernels);
  return trainerOf(network, createOptimizer(options.optimizer, network.params.length), options, null);
}

/**
 * A trainer that splits each batch between `threads` threads (this one and workers), with the
 * same results as createFusedTrainer to the bit. Batches of fewer than 8 rows a thread, or larger
 * than spec.batchSize, run on this thread alone.
 */
export async function createFusedTrainerOnThreads(spec: NetworkSpec, options: TrainerOptions, initial: NamedWeight[], threads: number, tuning: FusedTuning = {}): Promise<FusedTrainer> {
  checkLoss(options);
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const kernels = tuning.kernels ?? 'auto';
  const network = new Network(spec, initial, spec.batchSize, options.seed, kernels);
  const optimizer = createOptimizer(options.optimizer, network.params.length);
  const team = threads > 1 ? await ThreadTeam.start(network, threads, spec.batchSize, kernels) : null;
  return trainerOf(network, optimizer, options, team);
}

function checkLoss(options: TrainerOptions): void {
  if (!LOSSES.includes(options.loss)) {
    throw new TypeError(`loss must be one of ${LOSSES.join(', ')}, got ${JSON.stringify(options.loss)}`);
  }
}

function trainerOf(network: Network, optimizer: Optimizer, options: TrainerOptions, team: ThreadTeam | null): FusedTrainer {
  const spec = network.spec;
  const loss = options.loss;
  return {
    trainBatch(x, y, batch, weights) {
      network.checkBatch(x, y, batch, weights ?? null);
      if (spec.stateful && batch !== spec.batchSize) {
        throw new RangeError(`a stateful network trains on batches of exactly ${spec.batchSize} rows, got ${batch}`);
      }
      if (team && batch > spec.batchSize) {
        // The workers' views cover spec.batchSize rows; a larger batch grows the buffers.
        team.stop();
        team = null;
      }
      let value: number;
      if (team && batch >= team.threads * MIN_ROWS_PER_THREAD) {
        network.prepareBatch(x, y, weights ?? null, batch, true);
        value = team.lossAndGradient(batch, loss, true);
      } else {
        value = network.lossAndGradient(x, y, batch, loss, weights ?? null);
      }
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
    dispose() {
      team?.stop();
      team = null;
    },
  };
}

/** A batch-1 forecaster; stateful (carrying state between calls) when spec is. */
export function createFusedStepper(spec: NetworkSpec, weights: NamedWeight[], tuning: FusedTuning = {}): Stepper {
  const twin: NetworkSpec = { ...spec, batchSize: 1 };
  const network = new Network(twin, weights, 1, 0, tuning.kernels);
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
