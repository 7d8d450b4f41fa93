// Adam, SGD and RMSprop as tfjs-core applies them (tf.train.adam/sgd/rmsprop with tfjs' defaults),
// over one flat parameter vector. tfjs computes in float32; these compute in float64, which keeps
// training on the same path to well within float32 rounding over many steps.
import type { OptimizerSpec } from '../types.js';

/** tfjs' backend epsilon for float32 (ENGINE.backend.epsilon()), its default for Adam and RMSprop. */
export const TFJS_EPSILON = 1e-7;

export interface Optimizer {
  /** One update of `params` from `grads` (same length); mutates params and its own state only. */
  applyInPlace(params: Float64Array, grads: Float64Array): void;
  /** The learning rate of the next updates (a plateau schedule lowers it between epochs). */
  lr: number;
}

export function createOptimizer(spec: OptimizerSpec, size: number): Optimizer {
  if (!(spec.lr > 0) || !Number.isFinite(spec.lr)) {
    throw new RangeError(`learning rate must be a positive number, got ${spec.lr}`);
  }
  switch (spec.name) {
    case 'adam':
      return new Adam(spec.lr, size);
    case 'sgd':
      return new Sgd(spec.lr);
    case 'rmsprop':
      return new RmsProp(spec.lr, size);
    default:
      throw new TypeError(`unknown optimizer ${JSON.stringify((spec as { name: unknown }).name)}`);
  }
}

/** w ← w - lr · g */
class Sgd implements Optimizer {
  constructor(public lr: number) {}
  applyInPlace(params: Float64Array, grads: Float64Array): void {
    const lr = this.lr;
    for (let k = 0; k < params.length; k++) params[k] -= lr * grads[k]!;
  }
}

/**
 * tfjs' Adam (beta1 0.9, beta2 0.999, epsilon 1e-7 added after the square root):
 *   m ← β1·m + (1-β1)·g      v ← β2·v + (1-β2)·g²
 *   w ← w - lr · (m / (1-β1^t)) / (sqrt(v / (1-β2^t)) + ε)
 * where β^t is tfjs' accBeta, starting at β and multiplied by β after each step.
 */
class Adam implements Optimizer {
  private readonly beta1 = 0.9;
  private readonly beta2 = 0.999;
  private accBeta1 = 0.9;
  private accBeta2 = 0.999;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  constructor(public lr: number, size: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  applyInPlace(params: Float64Array, grads: Float64Array): void {
    const { beta1, beta2, lr, m, v } = this;
    const oneMinusAccBeta1 = 1 - this.accBeta1;
    const oneMinusAccBeta2 = 1 - this.accBeta2;
    for (let k = 0; k < params.length; k++) {
      const g = grads[k]!;
      const mk = beta1 * m[k]! + (1 - beta1) * g;
      const vk = beta2 * v[k]! + (1 - beta2) * g * g;
      m[k] = mk;
      v[k] = vk;
      params[k] -= (lr * (mk / oneMinusAccBeta1)) / (Math.sqrt(vk / oneMinusAccBeta2) + TFJS_EPSILON);
    }
    this.accBeta1 *= beta1;
    this.accBeta2 *= beta2;
  }
}

/**
 * tfjs' RMSprop (decay 0.9, momentum 0, not centered; epsilon inside the square root):
 *   ms ← ρ·ms + (1-ρ)·g²     mom ← momentum·mom + lr·g / sqrt(ms + ε)     w ← w - mom
 */
class RmsProp implements Optimizer {
  private readonly decay = 0.9;
  private readonly momentum = 0;
  private readonly meanSquares: Float64Array;
  private readonly moments: Float64Array;
  constructor(public lr: number, size: number) {
    this.meanSquares = new Float64Array(size);
    this.moments = new Float64Array(size);
  }
  applyInPlace(params: Float64Array, grads: Float64Array): void {
    const { decay, momentum, lr, meanSquares, moments } = this;
    for (let k = 0; k < params.length; k++) {
      const g = grads[k]!;
      const ms = decay * meanSquares[k]! + (1 - decay) * g * g;
      const mom = momentum * moments[k]! + (lr * g) / Math.sqrt(ms + TFJS_EPSILON);
      meanSquares[k] = ms;
      moments[k] = mom;
      params[k] -= mom;
    }
  }
}
