// Training losses as tfjs-layers defines them: the mean over batch and outputs of (ŷ - y)²
// or |ŷ - y|, with the gradient tfjs' autodiff produces (d|x|/dx at x = 0 is -1, as tfjs' step).
import type { LossName } from '../types.js';

/**
 * Returns the loss of predictions `yPred` against targets `yTrue` (both [batch, outputs], `count`
 * = batch * outputs values) and writes dLoss/dyPred into `dYPred`, which is all it mutates.
 */
export function lossAndGradient(loss: LossName, yPred: Float64Array, yTrue: Float32Array, count: number, dYPred: Float64Array): number {
  let sum = 0;
  if (loss === 'mse') {
    // L = Σ (ŷ - y)² / count, dL/dŷ = 2 (ŷ - y) / count
    for (let k = 0; k < count; k++) {
      const diff = yPred[k]! - yTrue[k]!;
      sum += diff * diff;
      dYPred[k] = (2 * diff) / count;
    }
  } else {
    // L = Σ |ŷ - y| / count, dL/dŷ = step(ŷ - y) / count with step(x) = x > 0 ? 1 : -1
    for (let k = 0; k < count; k++) {
      const diff = yPred[k]! - yTrue[k]!;
      sum += Math.abs(diff);
      dYPred[k] = (diff > 0 ? 1 : -1) / count;
    }
  }
  return sum / count;
}

/** The loss alone (as lossAndGradient returns it), yTrue as float64 values. */
export function lossValue(loss: LossName, yPred: Float64Array, yTrue: Float64Array, count: number): number {
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const diff = yPred[k]! - yTrue[k]!;
    sum += loss === 'mse' ? diff * diff : Math.abs(diff);
  }
  return sum / count;
}

/** dLoss/dyPred[k] for k in [start, end) of `count` values (as lossAndGradient writes it). */
export function lossGradient(loss: LossName, yPred: Float64Array, yTrue: Float64Array, start: number, end: number, count: number, dYPred: Float64Array): void {
  for (let k = start; k < end; k++) {
    const diff = yPred[k]! - yTrue[k]!;
    dYPred[k] = loss === 'mse' ? (2 * diff) / count : (diff > 0 ? 1 : -1) / count;
  }
}
