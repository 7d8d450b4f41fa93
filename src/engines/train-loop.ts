// The epoch / batch loop shared by every engine: row order, shuffling, when state is reset,
// divergence, progress and interruption are decided here, once, so engines cannot disagree.
import { DivergedError, InterruptedError } from '../errors.js';
import { createYielder } from '../util/cooperative.js';
import { permutation, seededRandom } from '../util/random.js';
import type { Trainer } from './types.js';

import type { ResetPolicy } from '../core/types.js';
export type { ResetPolicy } from '../core/types.js';

export interface TrainingData {
  /** [rows, timeSteps, features], row-major. */
  x: Float32Array;
  /** [rows, outputs]. */
  y: Float32Array;
  rows: number;
  /** timeSteps * features. */
  sampleSize: number;
  outputs: number;
}

export interface LoopOptions {
  epochs: number;
  batchSize: number;
  stateful: boolean;
  /** When a stateful network's state is zeroed while training. */
  reset: ResetPolicy;
  /** Shuffle rows every epoch (stateless networks only). */
  shuffle: boolean;
  seed: number;
  /** Learning rate, only to name it in the divergence message. */
  lr: number;
  /**
   * A finite epoch loss above this also counts as divergence: optimizers such as Adam bound
   * their steps, so a far too large --lr explodes the loss without ever making it NaN.
   */
  explodedLoss?: number;
  onEpoch?: (epoch: number, loss: number) => void;
  /** Checked between epochs; a signal name stops training with InterruptedError. */
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined;
}

export interface LoopResult {
  epochs: number;
  /** Mean training loss of each epoch. */
  losses: number[];
}

/** How many times worse than predicting zero a loss may get before training counts as diverged. */
export const EXPLODED_FACTOR = 1000;

/** The loss threshold of LoopOptions.explodedLoss for targets `y`: EXPLODED_FACTOR x the loss of predicting 0. */
export function explodedLossFor(y: Float32Array, loss: 'mse' | 'mae'): number {
  let sum = 0;
  for (const v of y) sum += loss === 'mse' ? v * v : Math.abs(v);
  const zeroLoss = y.length > 0 ? sum / y.length : 0;
  // Targets that are all zero leave no scale; fall back to the scaled data's unit.
  return EXPLODED_FACTOR * (zeroLoss > 0 ? zeroLoss : 1);
}

export async function runTraining(trainer: Trainer, data: TrainingData, options: LoopOptions): Promise<LoopResult> {
  const { rows, sampleSize, outputs } = data;
  const { batchSize, stateful } = options;
  if (stateful && rows % batchSize !== 0) {
    throw new RangeError(`a stateful network needs the training rows (${rows}) to be a multiple of the batch size (${batchSize})`);
  }
  const random = seededRandom(options.seed);
  const xBatch = new Float32Array(batchSize * sampleSize);
  const yBatch = new Float32Array(batchSize * outputs);
  const losses: number[] = [];
  // Yield to the event loop now and then, inside an epoch too (an epoch of a large network takes
  // seconds): signals are seen, and a second one exits at once, without slowing fast engines.
  const maybeYield = createYielder();
  const checkSignal = (epoch: number) => {
    const signal = options.interrupted?.();
    if (signal) throw new InterruptedError(`interrupted by ${signal} at epoch ${epoch}; nothing was saved`, signal);
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = options.shuffle ? permutation(rows, random) : null;
    let lossSum = 0;
    for (let start = 0; start < rows; start += batchSize) {
      const batch = Math.min(batchSize, rows - start);
      let x: Float32Array;
      let y: Float32Array;
      if (order) {
        for (let b = 0; b < batch; b++) {
          const r = order[start + b]!;
          xBatch.set(data.x.subarray(r * sampleSize, (r + 1) * sampleSize), b * sampleSize);
          yBatch.set(data.y.subarray(r * outputs, (r + 1) * outputs), b * outputs);
        }
        x = xBatch.subarray(0, batch * sampleSize);
        y = yBatch.subarray(0, batch * outputs);
      } else {
        x = data.x.subarray(start * sampleSize, (start + batch) * sampleSize);
        y = data.y.subarray(start * outputs, (start + batch) * outputs);
      }
      const result = trainer.trainBatch(x, y, batch);
      const loss = typeof result === 'number' ? result : await result;
      lossSum += loss * batch;
      if (stateful && options.reset === 'batch') trainer.resetStates();
      const pause = maybeYield();
      if (pause && (await pause)) checkSignal(epoch);
    }
    if (stateful && options.reset === 'epoch') trainer.resetStates();
    const epochLoss = lossSum / rows;
    if (!Number.isFinite(epochLoss) || (options.explodedLoss !== undefined && epochLoss > options.explodedLoss)) {
      const what = Number.isNaN(epochLoss)
        ? 'NaN'
        : !Number.isFinite(epochLoss)
          ? 'infinite'
          : `${epochLoss.toPrecision(4)}, over ${EXPLODED_FACTOR} times the loss of predicting zero`;
      throw new DivergedError(
        `training diverged at epoch ${epoch}: the loss is ${what}; ` +
          `try a smaller --lr (now ${options.lr}) or check the scale of the data; nothing was saved`,
      );
    }
    losses.push(epochLoss);
    options.onEpoch?.(epoch, epochLoss);
  }
  return { epochs: options.epochs, losses };
}
