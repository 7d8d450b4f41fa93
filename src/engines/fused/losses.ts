// Training losses as tfjs-layers defines them, with the gradient tfjs' autodiff produces:
// per target row, the mean over outputs of (ŷ - y)², |ŷ - y| (d|x|/dx at x = 0 is -1, as tfjs'
// step) or binary cross-entropy, or the sum over classes of categorical cross-entropy; then the
// mean over rows, each row's loss scaled by its weight when weights are given (tfjs-layers'
// computeWeightedLoss: mean(wᵢ · lossᵢ)). The cross-entropies read probabilities and clip them to
// [ε, 1 - ε] as tfjs does (no gradient where clipped); categorical cross-entropy first divides
// each row by its sum, as tfjs does.
import type { LossName } from '../types.js';

/** tfjs' epsilon() on float32 backends, used to clip probabilities. */
export const EPSILON = 1e-7;

/**
 * Returns the loss of predictions `yPred` against targets `yTrue` (both [rows, outputs]) and
 * writes dLoss/dyPred into `dYPred`, which is all it mutates. `weights`: [rows] or null.
 */
export function lossAndGradient(
  loss: LossName,
  yPred: Float64Array,
  yTrue: Float32Array,
  rows: number,
  outputs: number,
  dYPred: Float64Array,
  weights: Float32Array | null = null,
): number {
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    const w = weights ? weights[r]! : 1;
    const start = r * outputs;
    // Each row's loss and gradient before the mean over rows and the weight.
    const rowLoss = rowLossAndGradient(loss, yPred, yTrue, start, outputs, dYPred);
    sum += w * rowLoss;
    const scale = w / rows;
    for (let k = start; k < start + outputs; k++) dYPred[k] = dYPred[k]! * scale;
  }
  return sum / rows;
}

function rowLossAndGradient(loss: LossName, yPred: Float64Array, yTrue: Float32Array, start: number, outputs: number, d: Float64Array): number {
  const end = start + outputs;
  let sum = 0;
  switch (loss) {
    case 'mse':
      // l = Σ (ŷ - y)² / outputs, dl/dŷ = 2 (ŷ - y) / outputs
      for (let k = start; k < end; k++) {
        const diff = yPred[k]! - yTrue[k]!;
        sum += diff * diff;
        d[k] = (2 * diff) / outputs;
      }
      return sum / outputs;
    case 'mae':
      // l = Σ |ŷ - y| / outputs, dl/dŷ = step(ŷ - y) / outputs with step(x) = x > 0 ? 1 : -1
      for (let k = start; k < end; k++) {
        const diff = yPred[k]! - yTrue[k]!;
        sum += Math.abs(diff);
        d[k] = (diff > 0 ? 1 : -1) / outputs;
      }
      return sum / outputs;
    case 'binary-crossentropy':
      // p = clip(ŷ, ε, 1 - ε), l = -Σ (y log p + (1 - y) log(1 - p)) / outputs,
      // dl/dŷ = (p - y) / (p (1 - p)) / outputs where ŷ is inside the clip range, else 0
      for (let k = start; k < end; k++) {
        const y = yTrue[k]!;
        const raw = yPred[k]!;
        const p = clip(raw);
        sum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
        d[k] = p === raw ? (p - y) / (p * (1 - p)) / outputs : 0;
      }
      return sum / outputs;
    case 'categorical-crossentropy': {
      // S = Σ ŷ, q = clip(ŷ / S), l = -Σ y log q;
      // with g_k = -y_k / q_k (0 where clipped): dl/dŷ_j = g_j / S - Σ_k g_k ŷ_k / S²
      let total = 0;
      for (let k = start; k < end; k++) total += yPred[k]!;
      let gDotY = 0;
      for (let k = start; k < end; k++) {
        const raw = yPred[k]! / total;
        const q = clip(raw);
        sum -= yTrue[k]! * Math.log(q);
        const g = q === raw ? -yTrue[k]! / q : 0;
        d[k] = g;
        gDotY += g * yPred[k]!;
      }
      for (let k = start; k < end; k++) d[k] = d[k]! / total - gDotY / (total * total);
      return sum;
    }
    default:
      throw new TypeError(`loss must be one of mse, mae, binary-crossentropy, categorical-crossentropy, got ${JSON.stringify(loss)}`);
  }
}

function clip(p: number): number {
  return p < EPSILON ? EPSILON : p > 1 - EPSILON ? 1 - EPSILON : p;
}
