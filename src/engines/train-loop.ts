// The epoch / batch loop shared by every engine: row order, shuffling, when state is reset,
// divergence, progress and interruption are decided here, once, so engines cannot disagree.
import { DivergedError, InterruptedError } from '../errors.js';
import { createYielder } from '../util/cooperative.js';
import { permutation, seededRandom } from '../util/random.js';
import { ValidationMonitor, type EarlyStopping, type LrPlateau } from './early-stopping.js';
import type { LossName, NamedWeight, Trainer } from './types.js';

import type { ResetPolicy } from '../core/types.js';
export type { ResetPolicy } from '../core/types.js';

export interface TrainingData {
  /** [rows, timeSteps, features], row-major. */
  x: Float32Array;
  /** [rows, outputs] ([rows, timeSteps, outputs] for a per-step network). */
  y: Float32Array;
  rows: number;
  /** timeSteps * features. */
  sampleSize: number;
  /** Target values per row: outputs (timeSteps * outputs for a per-step network). */
  outputs: number;
  /** Optional loss weight of each target row's loss (class weights): [rows, weightsPerRow]. */
  weights?: Float32Array;
  /** Weights per row: 1, or timeSteps for a per-step network. */
  weightsPerRow?: number;
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
  /** The naive prediction whose loss explodedLoss is a multiple of, for the message; default 'predicting zero'. */
  explodedReference?: string;
  /**
   * The validation loss of the weights after an epoch, with the trainer's state then (as
   * Trainer.readStates gives it); computed on a separate batch-1 twin, so the trainer's state and
   * random draws are untouched. Required by earlyStopping and lrPlateau.
   */
  validate?: (weights: NamedWeight[], states: Float32Array[]) => number | Promise<number>;
  /** Stop when the validation loss stops improving, and keep the best epoch's weights. */
  earlyStopping?: EarlyStopping;
  /** Lower the learning rate when the validation loss stops improving. */
  lrPlateau?: LrPlateau;
  onEpoch?: (epoch: number, loss: number, valLoss?: number) => void;
  /** Checked between epochs; a signal name stops training with InterruptedError. */
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined;
}

export interface EpochRecord {
  epoch: number;
  /** Mean training loss of the epoch. */
  loss: number;
  /** Validation loss after the epoch; null without validation. */
  valLoss: number | null;
  /** Learning rate the epoch trained with. */
  lr: number;
}

export interface LoopResult {
  /** Epochs run (fewer than asked when early stopping stopped training). */
  epochs: number;
  /** Mean training loss of each epoch. */
  losses: number[];
  history: EpochRecord[];
  /** The epoch whose weights are kept: the best validation epoch with early stopping, else the last. */
  keptEpoch: number;
  stoppedEarly: boolean;
  /** The kept weights. */
  weights: NamedWeight[];
  /** The trainer's state at the end of the kept epoch (Trainer.readStates). */
  states: Float32Array[];
}

/** How many times worse than a naive prediction a loss may get before training counts as diverged. */
export const EXPLODED_FACTOR = 1000;

/** A naive prediction's loss on the training targets, and what it predicts. */
export interface ReferenceLoss {
  loss: number;
  /** Completes "the loss of ...". */
  name: string;
}

/**
 * The loss divergence is measured against: predicting zero for regression losses (the data are
 * scaled), predicting the class priors of `y` for the cross-entropies (`outputs` one-hot columns
 * for categorical cross-entropy, one 0/1 column per output for binary).
 */
export function referenceLoss(y: Float32Array, loss: LossName, outputs = 1): ReferenceLoss {
  if (loss === 'mse' || loss === 'mae') {
    let sum = 0;
    for (const v of y) sum += loss === 'mse' ? v * v : Math.abs(v);
    return { loss: y.length > 0 ? sum / y.length : 0, name: 'predicting zero' };
  }
  const rows = y.length / outputs;
  const priors = new Float64Array(outputs);
  for (let k = 0; k < y.length; k++) priors[k % outputs] += y[k]! / rows;
  const xLogX = (p: number) => (p > 0 ? p * Math.log(p) : 0);
  let entropy = 0;
  for (const p of priors) entropy -= loss === 'binary-crossentropy' ? (xLogX(p) + xLogX(1 - p)) / outputs : xLogX(p);
  return { loss: rows > 0 ? entropy : 0, name: 'predicting the class priors' };
}

/** The loss threshold of LoopOptions.explodedLoss for targets `y`: EXPLODED_FACTOR x the reference loss. */
export function explodedLossFor(y: Float32Array, loss: LossName, outputs = 1): number {
  const reference = referenceLoss(y, loss, outputs).loss;
  // Targets that are all zero (or all one class) leave no scale; fall back to the scaled data's unit.
  return EXPLODED_FACTOR * (reference > 0 ? reference : 1);
}

/** The rows of one batch as the trainer is given them. */
interface BatchViews {
  x: Float32Array;
  y: Float32Array;
  w: Float32Array | undefined;
}

export async function runTraining(trainer: Trainer, data: TrainingData, options: LoopOptions): Promise<LoopResult> {
  const { rows, sampleSize, outputs } = data;
  const weightsPerRow = data.weightsPerRow ?? 1;
  const { batchSize, stateful } = options;
  if (stateful && rows % batchSize !== 0) {
    throw new RangeError(`a stateful network needs the training rows (${rows}) to be a multiple of the batch size (${batchSize})`);
  }
  const random = seededRandom(options.seed);
  const xBatch = new Float32Array(batchSize * sampleSize);
  const yBatch = new Float32Array(batchSize * outputs);
  const wBatch = data.weights ? new Float32Array(batchSize * weightsPerRow) : null;
  const losses: number[] = [];
  const history: EpochRecord[] = [];
  if ((options.earlyStopping || options.lrPlateau) && !options.validate) {
    throw new TypeError('early stopping and a learning-rate plateau need a validation loss');
  }
  if (options.lrPlateau && !trainer.setLearningRate) throw new TypeError('this trainer cannot change its learning rate');
  let lr = options.lr;
  const monitor = new ValidationMonitor(lr, options.earlyStopping, options.lrPlateau);
  let best: { weights: NamedWeight[]; states: Float32Array[] } | undefined;
  let stoppedEarly = false;
  // Yield to the event loop now and then, inside an epoch too (an epoch of a large network takes
  // seconds): signals are seen, and a second one exits at once, without slowing fast engines.
  const maybeYield = createYielder();
  const checkSignal = (epoch: number) => {
    const signal = options.interrupted?.();
    if (signal) throw new InterruptedError(`interrupted by ${signal} at epoch ${epoch}; nothing was saved`, signal);
  };

  // The views a batch is passed in, made once: a tiny network's step takes well under a
  // microsecond, and fresh views every step would cost it a sizeable share in garbage collection.
  const shuffledViews = new Map<number, BatchViews>();
  const inOrderViews = new Map<number, BatchViews>();
  const copyRow = (from: Float32Array, to: Float32Array, r: number, b: number, size: number) => {
    for (let i = 0; i < size; i++) to[b * size + i] = from[r * size + i]!;
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = options.shuffle ? permutation(rows, random) : null;
    let lossSum = 0;
    for (let start = 0; start < rows; start += batchSize) {
      const batch = Math.min(batchSize, rows - start);
      let views: BatchViews | undefined;
      if (order) {
        for (let b = 0; b < batch; b++) {
          const r = order[start + b]!;
          copyRow(data.x, xBatch, r, b, sampleSize);
          copyRow(data.y, yBatch, r, b, outputs);
          if (wBatch) copyRow(data.weights!, wBatch, r, b, weightsPerRow);
        }
        views = shuffledViews.get(batch);
        if (!views) {
          views = { x: xBatch.subarray(0, batch * sampleSize), y: yBatch.subarray(0, batch * outputs), w: wBatch?.subarray(0, batch * weightsPerRow) };
          shuffledViews.set(batch, views);
        }
      } else {
        views = inOrderViews.get(start);
        if (!views) {
          views = {
            x: data.x.subarray(start * sampleSize, (start + batch) * sampleSize),
            y: data.y.subarray(start * outputs, (start + batch) * outputs),
            w: data.weights?.subarray(start * weightsPerRow, (start + batch) * weightsPerRow),
          };
          inOrderViews.set(start, views);
        }
      }
      const { x, y, w } = views;
      const result = w ? trainer.trainBatch(x, y, batch, w) : trainer.trainBatch(x, y, batch);
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
          : `${epochLoss.toPrecision(4)}, over ${EXPLODED_FACTOR} times the loss of ${options.explodedReference ?? 'predicting zero'}`;
      throw new DivergedError(
        `training diverged at epoch ${epoch}: the loss is ${what}; ` +
          `try a smaller --lr (now ${options.lr}) or check the scale of the data; nothing was saved`,
      );
    }
    losses.push(epochLoss);
    let valLoss: number | null = null;
    let stop = false;
    const epochLr = lr;
    if (options.validate) {
      const weights = trainer.getWeights();
      const states = trainer.readStates();
      valLoss = await options.validate(weights, states);
      const verdict = monitor.observe(epoch, valLoss);
      if (verdict.improved && options.earlyStopping) best = { weights, states };
      if (verdict.lr !== lr) {
        lr = verdict.lr;
        trainer.setLearningRate!(lr);
      }
      stop = verdict.stop;
    }
    history.push({ epoch, loss: epochLoss, valLoss, lr: epochLr });
    options.onEpoch?.(epoch, epochLoss, valLoss ?? undefined);
    if (stop) {
      stoppedEarly = true;
      break;
    }
  }
  const epochs = history.length;
  if (options.earlyStopping && best) return { epochs, losses, history, keptEpoch: monitor.bestEpoch, stoppedEarly, ...best };
  return { epochs, losses, history, keptEpoch: epochs, stoppedEarly, weights: trainer.getWeights(), states: trainer.readStates() };
}
