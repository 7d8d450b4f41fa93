// What the step benchmarks share: seeded data and weights of a network's shape, and the time of
// training steps fed the way rnnfc's training loop feeds them (each batch's views made once).
import type { FusedTrainer } from '../src/engines/fused/fused-engine.js';
import { weightLayout } from '../src/engines/fused/parameters.js';
import type { NamedWeight, NetworkSpec } from '../src/engines/types.js';
import { seededRandom } from '../src/util/random.js';

export interface Dataset {
  x: Float32Array;
  y: Float32Array;
  rows: number;
}

/** Seeded data of the right shape; the values do not matter for timing. */
export function syntheticData(spec: NetworkSpec, rows: number, seed = 1): Dataset {
  const random = seededRandom(seed);
  const x = Float32Array.from({ length: rows * spec.timeSteps * spec.features }, () => random() * 2 - 1);
  const y = Float32Array.from({ length: rows * spec.outputs }, () => random() * 2 - 1);
  return { x, y, rows };
}

/** Seeded weights of a network's shape, small enough not to saturate the gates. */
export function randomWeights(spec: NetworkSpec): NamedWeight[] {
  const random = seededRandom(1);
  return weightLayout(spec).map((slot) => ({
    name: slot.name,
    shape: slot.shape,
    values: Float32Array.from({ length: slot.size }, () => (random() * 2 - 1) * 0.2),
  }));
}

/** Microseconds per step of `steps` training steps through `data`, batches in order from batch `first`. */
export function timeSteps(trainer: FusedTrainer, spec: NetworkSpec, data: Dataset, steps: number, first: number): number {
  const batch = spec.batchSize;
  const sampleSize = spec.timeSteps * spec.features;
  const batches = Math.floor(data.rows / batch);
  const views = Array.from({ length: batches }, (_, i) => ({
    x: data.x.subarray(i * batch * sampleSize, (i + 1) * batch * sampleSize),
    y: data.y.subarray(i * batch * spec.outputs, (i + 1) * batch * spec.outputs),
  }));
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) {
    const { x, y } = views[(first + k) % batches]!;
    trainer.trainBatch(x, y, batch);
  }
  return ((performance.now() - t0) * 1000) / steps;
}
