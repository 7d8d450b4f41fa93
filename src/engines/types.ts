// The contract between the training loop / walk-forward code and an engine (tfjs or fused).
// Both engines build the same network and exchange weights in tfjs-layers' order, so a model
// trained by one can be saved in the Layers format and run by the other.

import type { CellType } from '../core/types.js';
export type { CellType, HeadKind, LossName, OptimizerName } from '../core/types.js';
import type { HeadKind, LossName, OptimizerName } from '../core/types.js';
export type EngineName = 'fused' | 'tfjs';

/** Gates per cell type, as tfjs-layers lays out kernels: lstm i,f,c,o; gru z,r,h; rnn one. */
export const GATES: Record<CellType, number> = { lstm: 4, gru: 3, rnn: 1 };

/** The shape of one network: stacked recurrent layers then a Dense head. */
export interface NetworkSpec {
  cell: CellType;
  /** Units of each stacked recurrent layer; layers before the last return sequences. */
  units: number[];
  /** Time steps per sample (the number of lags). */
  timeSteps: number;
  /** Features per time step (1 for a univariate series). */
  features: number;
  /** Outputs of the Dense head (1 for a one-step forecast; per step when perStep). */
  outputs: number;
  /** The head's activation; linear when absent. */
  head?: HeadKind;
  /**
   * The last recurrent layer returns sequences and the head is applied at every time step:
   * targets and predictions are [batch, timeSteps, outputs]. Absent means false.
   */
  perStep?: boolean;
  /** Dropout rate on the inputs of each recurrent layer (tfjs-layers `dropout`), 0 for none. */
  dropout: number;
  /** Stateful networks carry state across batches and have a fixed batch size. */
  stateful: boolean;
  /** Fixed batch size of a stateful network; the training batch size of a stateless one. */
  batchSize: number;
}

/**
 * One weight tensor, row-major. Order and shapes are those of tfjs-layers' `model.getWeights()`:
 * for each recurrent layer `kernel [in, g*u]`, `recurrent_kernel [u, g*u]`, `bias [g*u]`,
 * then the head's `kernel [u_last, outputs]` and `bias [outputs]` (g from GATES).
 * GRU layers use tfjs' default resetAfter=false, so their bias is [3*u] too.
 */
export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface OptimizerSpec {
  name: OptimizerName;
  /** Learning rate. */
  lr: number;
}

export interface TrainerOptions {
  optimizer: OptimizerSpec;
  /** The cross-entropy losses expect the head that produces probabilities (sigmoid / softmax). */
  loss: LossName;
  /** Seeds anything random inside the engine (dropout masks). */
  seed: number;
  /**
   * Threads one training may use (default 1). The fused engine splits large batches between
   * them; the results are the same whatever the count.
   */
  threads?: number;
}

/** A network being trained. Inputs are row-major Float32Arrays. */
export interface Trainer {
  /**
   * One optimizer step on one batch. x: [batch, timeSteps, features], y: [batch, outputs]
   * ([batch, timeSteps, outputs] when perStep). `weights`, one per target row ([batch], or
   * [batch, timeSteps] when perStep), scale each row's loss (class weights); the batch loss is
   * then Σ wᵢ·lossᵢ / rows, as in tfjs-layers and Keras.
   * A stateful trainer carries its state into the next call (gradients are truncated at the
   * batch boundary); a stateless one starts every batch from zero state.
   * Returns the batch's mean loss before the update: a number from engines that train
   * synchronously (fused), a promise from those that cannot (tfjs' trainOnBatch).
   */
  trainBatch(x: Float32Array, y: Float32Array, batch: number, weights?: Float32Array): number | Promise<number>;
  /** Zero the recurrent state (stateful networks; a no-op otherwise). */
  resetStates(): void;
  /** Current weights, copied, in tfjs-layers order. */
  getWeights(): NamedWeight[];
  /** Sets the learning rate of the next steps (between epochs, for a plateau schedule). */
  setLearningRate?(lr: number): void;
  /**
   * The recurrent state of each layer (h, then c for LSTM), copied, each [batchSize, units]
   * row-major; empty for a stateless network.
   */
  readStates(): Float32Array[];
  dispose(): void;
}

/** A batch-1 network that forecasts one step at a time, carrying state between calls when stateful. */
export interface Stepper {
  /**
   * x: [1, timeSteps, features]; returns [outputs] ([timeSteps, outputs] when perStep):
   * probabilities for a sigmoid or softmax head.
   */
  predict(x: Float32Array): Float32Array;
  resetStates(): void;
  /** The recurrent state of each layer (h, then c for LSTM), copied, [units] each; empty when stateless. */
  readStates(): Float32Array[];
  /**
   * Sets the state the next call starts from, in readStates' layout (h, then c for LSTM, per
   * layer, [units] each). A stateless stepper keeps no state and takes only an empty list.
   */
  setStates(states: readonly Float32Array[]): void;
  dispose(): void;
}

export interface Engine {
  readonly name: EngineName;
  /** The tfjs backend in use ('cpu', 'wasm', 'tensorflow'), or 'js' for the fused engine. */
  readonly backend: string;
  createTrainer(spec: NetworkSpec, options: TrainerOptions, initial: NamedWeight[]): Promise<Trainer>;
  /** A batch-1 twin of `spec` (stateful when spec is) running `weights`. */
  createStepper(spec: NetworkSpec, weights: NamedWeight[]): Promise<Stepper>;
}

/** Target values per sample: outputs, or timeSteps * outputs for a per-step network. */
export function targetSize(spec: NetworkSpec): number {
  return spec.perStep ? spec.timeSteps * spec.outputs : spec.outputs;
}

